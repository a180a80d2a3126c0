// Every edit the editor makes to a process, as an Immer recipe. Each keeps the file whole: a
// renamed or moved state takes its incoming transitions with it, a deleted one lets go of them.

import { splitPath } from '../../core/model/tree';
import type { ProcessFile, StateConfig, StateMeta, TransitionConfig } from '../../core/model/types';
import { boxAt, withBox } from './layoutAccess';
import {
  compactTransitions,
  joinStatePath,
  plain,
  slotOf,
  splitStatePath,
  stateAt,
  transitionList,
  writeTransition,
} from './refs';
import {
  applyPathMap,
  fixInitial,
  isInsidePath,
  prefixMap,
  readPointers,
  targetString,
} from './retarget';
import type { LayoutBox, Recipe, TransitionRef } from './types';

export type NewStateType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

function fail(message: string): never {
  throw new EditError(message);
}

/** An edit that cannot be made, with the reason to show the user. */
export class EditError extends Error {}

function stateOrFail(process: ProcessFile, path: string): StateConfig {
  const state = stateAt(process.machine, path);
  if (!state) fail(`there is no state "${path}"`);
  return state;
}

/** A child key of `parentPath` not taken yet: "state", "state 2", "state 3"… */
export function uniqueStateKey(
  process: ProcessFile,
  parentPath: string,
  base = 'new state',
): string {
  const taken = new Set(Object.keys(stateAt(process.machine, parentPath)?.states ?? {}));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

function configFor(type: NewStateType): StateConfig {
  switch (type) {
    case 'compound':
      return { initial: 'start', states: { start: {} } };
    case 'parallel':
      return { type: 'parallel', states: { 'region 1': {}, 'region 2': {} } };
    case 'final':
      return { type: 'final' };
    case 'history':
      return { type: 'history', history: 'shallow' };
    default:
      return {};
  }
}

export function addState(
  parentPath: string,
  key: string,
  box?: { x: number; y: number },
  type: NewStateType = 'atomic',
): Recipe {
  return (draft) => {
    if (!key.trim()) fail('a state needs a name');
    const parent = stateOrFail(draft, parentPath);
    if (parent.type === 'final' || parent.type === 'history')
      fail(`a ${parent.type} state cannot hold states`);
    if (parent.states?.[key]) fail(`"${key}" already exists here`);
    parent.states = { ...(parent.states ?? {}), [key]: configFor(type) };
    if (parent.type !== 'parallel' && parent.initial === undefined) parent.initial = key;
    if (box) setLayout(joinStatePath(parentPath, key), { x: box.x, y: box.y })(draft);
  };
}

export function setLayout(path: string, box: LayoutBox): Recipe {
  return (draft) => {
    const rounded: LayoutBox = { x: Math.round(box.x), y: Math.round(box.y) };
    if (box.width !== undefined) rounded.width = Math.round(box.width);
    if (box.height !== undefined) rounded.height = Math.round(box.height);
    // A whole new object: a state may be called "__proto__".
    draft.layout = withBox(plain(draft.layout), path, rounded);
  };
}

/** Replaces the whole layout (after auto-layout). */
export function replaceLayout(boxes: Record<string, LayoutBox>): Recipe {
  return (draft) => {
    draft.layout = Object.fromEntries(
      Object.entries(boxes).map(([path, box]) => {
        const rounded: LayoutBox = { x: Math.round(box.x), y: Math.round(box.y) };
        if (box.width !== undefined) rounded.width = Math.round(box.width);
        if (box.height !== undefined) rounded.height = Math.round(box.height);
        return [path, rounded];
      }),
    ) as NonNullable<ProcessFile['layout']>;
  };
}

export function renameState(path: string, newKey: string): Recipe {
  return (draft) => {
    const key = newKey.trim();
    if (!key) fail('a state needs a name');
    const { parent, key: oldKey } = splitStatePath(path);
    if (key === oldKey) return;
    const parentConfig = stateOrFail(draft, parent);
    const states = parentConfig.states ?? fail(`there is no state "${path}"`);
    if (!(oldKey in states)) fail(`there is no state "${path}"`);
    if (key in states) fail(`"${key}" already exists here`);
    const before = readPointers(draft.machine);
    // Keep the children's order: rebuild the record with the new key in the old place.
    const next: Record<string, StateConfig> = {};
    for (const [k, v] of Object.entries(states)) next[k === oldKey ? key : k] = v;
    parentConfig.states = next;
    fixInitial(parentConfig, { from: oldKey, to: key });
    applyPathMap(draft, before, prefixMap(path, joinStatePath(parent, key)));
  };
}

export function deleteStates(paths: string[]): Recipe {
  return (draft) => {
    // A state inside another deleted one goes with it.
    const roots = paths.filter(
      (p) => p !== '' && !paths.some((q) => q !== p && isInsidePath(p, q)),
    );
    if (roots.length === 0) return;
    const before = readPointers(draft.machine);
    for (const path of roots) {
      const { parent, key } = splitStatePath(path);
      const parentConfig = stateAt(draft.machine, parent);
      if (!parentConfig?.states?.[key]) continue;
      delete parentConfig.states[key];
      fixInitial(parentConfig);
    }
    const maps = roots.map((p) => prefixMap(p, null));
    applyPathMap(draft, before, (p) => {
      for (const map of maps) if (map(p) === null) return null;
      return p;
    });
  };
}

export function moveState(
  path: string,
  newParentPath: string,
  box?: { x: number; y: number },
): Recipe {
  return (draft) => {
    const { parent, key } = splitStatePath(path);
    if (parent === newParentPath) {
      if (box) setLayout(path, box)(draft);
      return;
    }
    if (isInsidePath(newParentPath, path)) fail('a state cannot move inside itself');
    const target = stateOrFail(draft, newParentPath);
    if (target.type === 'final' || target.type === 'history')
      fail(`a ${target.type} state cannot hold states`);
    const from = stateOrFail(draft, parent);
    const config = from.states?.[key] ?? fail(`there is no state "${path}"`);
    const newKey = uniqueStateKey(draft, newParentPath, key);
    const before = readPointers(draft.machine);
    const moved = config;
    delete from.states?.[key];
    fixInitial(from);
    target.states = { ...(target.states ?? {}), [newKey]: moved };
    if (target.type !== 'parallel' && target.initial === undefined) target.initial = newKey;
    const newPath = joinStatePath(newParentPath, newKey);
    applyPathMap(draft, before, prefixMap(path, newPath));
    if (box) setLayout(newPath, box)(draft);
  };
}

/** Changes what kind of state it is, keeping what still makes sense. */
export function setStateType(path: string, type: NewStateType): Recipe {
  return (draft) => {
    if (path === '') fail('the machine itself is always compound or parallel');
    const state = stateOrFail(draft, path);
    delete state.type;
    delete state.history;
    if (type === 'final' || type === 'history') {
      if (state.states && Object.keys(state.states).length > 0)
        fail(`remove its child states first: a ${type} state holds none`);
      state.type = type;
      if (type === 'history') state.history = 'shallow';
      return;
    }
    if (type === 'parallel') {
      state.type = 'parallel';
      delete state.initial;
      if (!state.states || Object.keys(state.states).length === 0)
        state.states = { 'region 1': {}, 'region 2': {} };
      return;
    }
    if (type === 'compound') {
      if (!state.states || Object.keys(state.states).length === 0) state.states = { start: {} };
      fixInitial(state);
      return;
    }
    if (state.states && Object.keys(state.states).length > 0)
      fail('remove its child states first: an atomic state holds none');
  };
}

/** Sets or clears (undefined) the process annotations of a state. */
export function setStateMeta(path: string, patch: Partial<StateMeta>): Recipe {
  return (draft) => {
    const state = stateOrFail(draft, path);
    const meta: StateMeta = { ...(state.meta ?? {}) };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined || value === '') delete meta[field];
      else meta[field] = value;
    }
    if (Object.keys(meta).length === 0) delete state.meta;
    else state.meta = meta;
  };
}

/** A new event name not in the catalogue nor used by the state. */
export function uniqueEventName(process: ProcessFile, base = 'NEXT'): string {
  const taken = new Set(Object.keys(process.events ?? {}));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function addTransition(source: string, target: string, event?: string): Recipe {
  return (draft) => {
    const state = stateOrFail(draft, source);
    stateOrFail(draft, target);
    if (source === '') fail('draw transitions between states; the machine itself is not one');
    const name = event ?? uniqueEventName(draft);
    const index = transitionList(slotOf(state, 'on', name).get()).length;
    writeTransition(
      state,
      { slot: 'on', key: name, index },
      { target: targetString(source, target, machineIdOf(draft)) },
    );
    draft.events = draft.events ?? {};
    if (!draft.events[name]) draft.events[name] = {};
  };
}

function machineIdOf(process: ProcessFile): string {
  return typeof process.machine.id === 'string' && process.machine.id
    ? process.machine.id
    : '(machine)';
}

export function deleteTransition(ref: TransitionRef): Recipe {
  return (draft) => {
    const state = stateOrFail(draft, ref.source);
    if (!transitionList(slotOf(state, ref.slot, ref.key).get())[ref.index])
      fail('that transition no longer exists');
    writeTransition(state, ref, undefined);
  };
}

export interface TransitionChange {
  /** A new event (for `on`) or delay (for `after`); moves the transition to the end of that list. */
  key?: string;
  /** Target state path; null makes it targetless. */
  target?: string | null;
  guard?: string | null;
  actions?: string[];
  description?: string;
}

/** Changes a transition; returns where it ends up through `onMoved`, for the selection. */
export function updateTransition(
  ref: TransitionRef,
  change: TransitionChange,
  onMoved?: (ref: TransitionRef) => void,
): Recipe {
  return (draft) => {
    const state = stateOrFail(draft, ref.source);
    const holder = slotOf(state, ref.slot, ref.key);
    const list = transitionList(holder.get());
    const item: TransitionConfig | undefined = list[ref.index];
    if (!item) fail('that transition no longer exists');
    if (change.target !== undefined) {
      if (change.target === null) delete item.target;
      else {
        stateOrFail(draft, change.target);
        item.target = targetString(ref.source, change.target, machineIdOf(draft));
      }
    }
    if (change.guard !== undefined) {
      if (change.guard === null || change.guard === '') delete item.guard;
      else {
        item.guard = change.guard;
        draft.conditions = draft.conditions ?? {};
        if (!draft.conditions[change.guard]) draft.conditions[change.guard] = { question: '' };
      }
    }
    if (change.actions !== undefined) {
      const actions = change.actions.filter((a) => a.trim() !== '');
      if (actions.length === 0) delete item.actions;
      else item.actions = actions.length === 1 ? actions[0] : actions;
      draft.actions = draft.actions ?? {};
      for (const action of actions) if (!draft.actions[action]) draft.actions[action] = {};
    }
    if (change.description !== undefined) {
      if (change.description === '') delete item.description;
      else item.description = change.description;
    }
    const newKey = change.key?.trim();
    if (newKey && newKey !== ref.key && (ref.slot === 'on' || ref.slot === 'after')) {
      writeTransition(state, ref, undefined);
      const index = transitionList(slotOf(state, ref.slot, newKey).get()).length;
      writeTransition(state, { slot: ref.slot, key: newKey, index }, item);
      if (ref.slot === 'on') {
        draft.events = draft.events ?? {};
        if (!draft.events[newKey]) draft.events[newKey] = {};
        dropPlaceholderEvent(draft, ref.key);
      }
      onMoved?.({ ...ref, key: newKey, index });
      return;
    }
    writeTransition(state, ref, item);
  };
}

/**
 * A drawn transition starts with a made-up event ("NEXT") declared with nothing in it; once it is
 * renamed and nothing else uses the name, the empty declaration goes too.
 */
function dropPlaceholderEvent(draft: ProcessFile, name: string | undefined): void {
  const declared = name === undefined ? undefined : draft.events?.[name];
  if (!name || !declared || Object.keys(declared).length > 0) return;
  const used = (state: StateConfig): boolean =>
    Boolean(state.on && name in state.on) ||
    Object.values(state.states ?? {}).some((child) => used(child));
  const inScenarios = (draft.scenarios ?? []).some((scenario) =>
    (scenario.steps ?? []).some((step) => 'event' in step && step.event === name),
  );
  if (!used(draft.machine) && !inScenarios && draft.events) delete draft.events[name];
}

/** What Copy keeps: the states' configs under their keys, and their layout boxes. */
export interface Clipboard {
  plumbClipboard: 1;
  states: { key: string; config: StateConfig; box?: LayoutBox }[];
}

export function copyStates(process: ProcessFile, paths: string[]): Clipboard {
  const roots = paths.filter((p) => p !== '' && !paths.some((q) => q !== p && isInsidePath(p, q)));
  const states: Clipboard['states'] = [];
  for (const path of roots) {
    const config = stateAt(process.machine, path);
    if (!config) continue;
    const key = splitPath(path).pop() ?? path;
    const box = boxAt(process.layout as Record<string, LayoutBox> | undefined, path);
    states.push({ key, config: structuredClone(plain(config)), box: box && { ...box } });
  }
  return { plumbClipboard: 1, states };
}

/**
 * Pastes copied states under a parent, with fresh keys where taken and offset boxes. Transitions
 * between the pasted states follow the new keys; others keep their text.
 */
export function pasteStates(
  parentPath: string,
  clip: Clipboard,
  onPasted?: (paths: string[]) => void,
): Recipe {
  return (draft) => {
    const parent = stateOrFail(draft, parentPath);
    if (parent.type === 'final' || parent.type === 'history')
      fail(`a ${parent.type} state cannot hold states`);
    const renamed = new Map<string, string>();
    const pasted: string[] = [];
    for (const { key } of clip.states) {
      const fresh = uniqueStateKey(draft, parentPath, key);
      renamed.set(key, fresh);
      parent.states = { ...(parent.states ?? {}), [fresh]: {} };
    }
    for (const { key, config, box } of clip.states) {
      const fresh = renamed.get(key) ?? key;
      const copy = structuredClone(config);
      retargetSiblings(copy, renamed);
      if (parent.states) parent.states[fresh] = copy;
      const path = joinStatePath(parentPath, fresh);
      pasted.push(path);
      if (box) setLayout(path, { ...box, x: box.x + 40, y: box.y + 40 })(draft);
    }
    if (parent.type !== 'parallel') fixInitial(parent);
    onPasted?.(pasted);
  };
}

/** Sibling-relative targets of a pasted state that name another pasted state get its new key. */
function retargetSiblings(config: StateConfig, renamed: Map<string, string>): void {
  const fix = (target: string) => {
    if (target.startsWith('#') || target.startsWith('.')) return target;
    const [first, ...rest] = splitPath(target);
    const fresh = renamed.get(first);
    return fresh === undefined ? target : [fresh, ...rest].join('.');
  };
  const slots: [TransitionRef['slot'], string | undefined][] = [];
  for (const event of Object.keys(config.on ?? {})) slots.push(['on', event]);
  for (const delay of Object.keys(config.after ?? {})) slots.push(['after', delay]);
  if (config.always !== undefined) slots.push(['always', undefined]);
  for (const [slot, key] of slots) {
    const holder = slotOf(config, slot, key);
    const list = transitionList(holder.get()).map((t) => {
      if (typeof t.target === 'string') t.target = fix(t.target);
      else if (Array.isArray(t.target)) t.target = t.target.map(fix);
      return t;
    });
    holder.set(compactTransitions(list));
  }
}
