// Edits of conditions (guard names with their question and probability) and named delays. A
// rename takes every guard, assumption or `after` key with it; a delete of one in use is refused.

import { parseIsoDuration } from '../../core/model/parse';
import type {
  ConditionDef,
  DelayDef,
  ProcessFile,
  StateConfig,
  TransitionConfig,
  TransitionsConfig,
} from '../../core/model/types';
import type { Recipe } from '../state/types';
import { checkName, eachState, fail, isProbability, mergeSlots, renameKey } from './editHelpers';

export function addCondition(name: string, def: ConditionDef = {}): Recipe {
  return (draft) => {
    const key = checkName(name, 'condition');
    if (draft.conditions?.[key]) fail(`there is already a condition "${key}"`);
    if (def.probability !== undefined && !isProbability(def.probability))
      fail('a probability is a number from 0 to 1');
    draft.conditions = { ...(draft.conditions ?? {}), [key]: def };
  };
}

export interface ConditionChange {
  question?: string;
  /** The chance that the answer is yes; null clears it. */
  probability?: number | null;
}

export function setCondition(name: string, change: ConditionChange): Recipe {
  return (draft) => {
    const condition = draft.conditions?.[name] ?? fail(`there is no condition "${name}"`);
    if (change.question !== undefined) condition.question = change.question;
    if (change.probability !== undefined) {
      if (change.probability === null) delete condition.probability;
      else if (!isProbability(change.probability)) fail('a probability is a number from 0 to 1');
      else condition.probability = change.probability;
    }
  };
}

/** Each transition written as an object (a bare target string has no guard), in every slot. */
function eachTransition(machine: StateConfig, visit: (item: TransitionConfig) => void): void {
  const visitSlot = (value: TransitionsConfig | undefined) => {
    if (value === undefined) return;
    for (const item of Array.isArray(value) ? value : [value])
      if (item && typeof item === 'object') visit(item);
  };
  eachState(machine, (state) => {
    for (const record of [state.on, state.after])
      for (const value of Object.values(record ?? {})) visitSlot(value);
    visitSlot(state.always);
    visitSlot(state.onDone);
    const invokes =
      state.invoke === undefined ? [] : Array.isArray(state.invoke) ? state.invoke : [state.invoke];
    for (const invoke of invokes) {
      visitSlot(invoke.onDone);
      visitSlot(invoke.onError);
    }
  });
}

function guardName(guard: unknown): string | undefined {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string')
    return (guard as { type: string }).type;
  return undefined;
}

/** How many transitions are guarded by a condition. */
export function conditionUses(process: ProcessFile, name: string): number {
  let count = 0;
  eachTransition(process.machine, (item) => {
    if (guardName(item.guard) === name) count++;
  });
  return count;
}

/** Renames a condition; guards and scenarios' assumptions follow it. */
export function renameCondition(from: string, to: string): Recipe {
  return (draft) => {
    const name = checkName(to, 'condition');
    if (name === from) return;
    if (!draft.conditions?.[from]) fail(`there is no condition "${from}"`);
    if (draft.conditions[name]) fail(`there is already a condition "${name}"`);
    draft.conditions = renameKey(draft.conditions, from, name);
    eachTransition(draft.machine, (item) => {
      if (item.guard === from) item.guard = name;
      else if (guardName(item.guard) === from) (item.guard as { type: string }).type = name;
    });
    const renameAssume = (assume: Record<string, boolean> | undefined) =>
      assume && from in assume ? renameKey(assume, from, name) : assume;
    for (const scenario of draft.scenarios ?? []) {
      if (scenario.assume) scenario.assume = renameAssume(scenario.assume);
      for (const step of scenario.steps ?? [])
        if ('assume' in step) step.assume = renameAssume(step.assume) ?? step.assume;
    }
  };
}

/** Deletes a condition no transition uses (a guard must name a declared condition). */
export function deleteCondition(name: string): Recipe {
  return (draft) => {
    if (!draft.conditions?.[name]) fail(`there is no condition "${name}"`);
    const uses = conditionUses(draft, name);
    if (uses > 0)
      fail(
        `"${name}" guards ${uses} transition${uses === 1 ? '' : 's'}; remove it from them first`,
      );
    delete draft.conditions[name];
    if (Object.keys(draft.conditions).length === 0) delete draft.conditions;
  };
}

// ---------------------------------------------------------------- delays

/** Declares or changes a named delay: milliseconds, or an ISO 8601 duration ("PT2H"). */
export function setDelay(name: string, value: DelayDef): Recipe {
  return (draft) => {
    const key = checkName(name, 'delay');
    if (/^\d+(\.\d+)?$/.test(key))
      fail('a delay name cannot be a number: write the ms on the transition');
    if (typeof value === 'number' && (!Number.isFinite(value) || value <= 0))
      fail('a delay is a number of milliseconds above 0');
    if (typeof value === 'string' && parseIsoDuration(value.trim()) === undefined)
      fail('a delay is milliseconds or an ISO 8601 duration such as PT2H');
    draft.delays = { ...(draft.delays ?? {}), [key]: value };
  };
}

/** Renames a delay; the `after` keys that use it follow. */
export function renameDelay(from: string, to: string): Recipe {
  return (draft) => {
    const name = checkName(to, 'delay');
    if (name === from) return;
    if (!draft.delays || !(from in draft.delays)) fail(`there is no delay "${from}"`);
    if (name in draft.delays) fail(`there is already a delay "${name}"`);
    if (/^\d+(\.\d+)?$/.test(name)) fail('a delay name cannot be a number');
    draft.delays = renameKey(draft.delays, from, name);
    eachState(draft.machine, (state) => {
      const after = state.after;
      if (!after || !(from in after)) return;
      if (name in after) {
        const merged = mergeSlots(after[name], after[from]);
        delete after[from];
        after[name] = merged;
      } else state.after = renameKey(after, from, name);
    });
  };
}

/** Deletes a delay no `after` transition uses. */
export function deleteDelay(name: string): Recipe {
  return (draft) => {
    if (!draft.delays || !(name in draft.delays)) fail(`there is no delay "${name}"`);
    let used = false;
    eachState(draft.machine, (state) => {
      if (state.after && name in state.after) used = true;
    });
    if (used) fail(`"${name}" is used by an after transition; change that first`);
    delete draft.delays[name];
    if (Object.keys(draft.delays).length === 0) delete draft.delays;
  };
}
