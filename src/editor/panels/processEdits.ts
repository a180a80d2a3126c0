// Edits of the process-level fields the process panel shows: title, stage, description, roles,
// scenarios; and, re-exported, the event catalogue, conditions and delays. Each is an Immer recipe
// like those of state/edits.ts, and each keeps the file whole: a renamed role, event, condition or
// delay takes every use with it.

import type { Role } from '../../core/model/types';
import type { Recipe } from '../state/types';
import { checkName, eachState, fail, renameKey, tidyScope } from './editHelpers';

export * from './conditionEdits';
export { isProbability, uniqueKey } from './editHelpers';
export * from './eventEdits';

export type ProcessTextField = 'title' | 'stage' | 'description';

export function setProcessText(field: ProcessTextField, value: string): Recipe {
  return (draft) => {
    const text = value.trim();
    if (text === '') delete draft[field];
    else draft[field] = field === 'description' ? value : text;
  };
}

export const setTitle = (title: string) => setProcessText('title', title);
export const setStage = (stage: string) => setProcessText('stage', stage);
export const setDescription = (text: string) => setProcessText('description', text);
// ---------------------------------------------------------------- roles

export function addRole(key: string, role: Role = {}): Recipe {
  return (draft) => {
    const name = checkName(key, 'role');
    if (draft.roles?.[name]) fail(`there is already a role "${name}"`);
    draft.roles = { ...(draft.roles ?? {}), [name]: role };
  };
}

/** Sets or clears (undefined or '') a role's fields. */
export function setRole(key: string, patch: Partial<Role>): Recipe {
  return (draft) => {
    const role = draft.roles?.[key] ?? fail(`there is no role "${key}"`);
    if (patch.costPerHour !== undefined) {
      const cost = patch.costPerHour;
      if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0)
        fail('the cost per hour must be a number, 0 or more');
    }
    for (const [field, value] of Object.entries(patch) as [keyof Role, unknown][]) {
      if (value === undefined || value === '') delete role[field];
      else (role as Record<string, unknown>)[field] = value;
    }
  };
}

/** Renames a role; every state's meta.role and every exception's when.roles follow it. */
export function renameRole(from: string, to: string): Recipe {
  return (draft) => {
    const name = checkName(to, 'role');
    if (name === from) return;
    if (!draft.roles?.[from]) fail(`there is no role "${from}"`);
    if (draft.roles[name]) fail(`there is already a role "${name}"`);
    draft.roles = renameKey(draft.roles, from, name);
    eachState(draft.machine, (state) => {
      if (state.meta?.role === from) state.meta.role = name;
    });
    for (const event of Object.values(draft.events ?? {}))
      if (event.when?.roles)
        event.when.roles = event.when.roles.map((r) => (r === from ? name : r));
  };
}

/** Deletes a role; the states it owned have no owner any more, and scopes let go of it. */
export function deleteRole(key: string): Recipe {
  return (draft) => {
    if (!draft.roles?.[key]) fail(`there is no role "${key}"`);
    delete draft.roles[key];
    eachState(draft.machine, (state) => {
      if (state.meta?.role !== key) return;
      delete state.meta.role;
      if (Object.keys(state.meta).length === 0) delete state.meta;
    });
    for (const event of Object.values(draft.events ?? {})) {
      if (!event.when?.roles) continue;
      event.when.roles = event.when.roles.filter((r) => r !== key);
      tidyScope(event);
    }
  };
}

// ---------------------------------------------------------------- scenarios

export function deleteScenario(id: string): Recipe {
  return (draft) => {
    const index = draft.scenarios?.findIndex((s) => s.id === id) ?? -1;
    if (index < 0 || !draft.scenarios) fail(`there is no scenario "${id}"`);
    draft.scenarios.splice(index, 1);
    if (draft.scenarios.length === 0) delete draft.scenarios;
  };
}
