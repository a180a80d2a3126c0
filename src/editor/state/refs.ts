// Finding things in a process file by the names the editor uses: a state by its path, a transition
// by its TransitionRef. Works on plain objects and on Immer drafts alike.

import { current, isDraft } from 'immer';
import { splitPath, type Transition } from '../../core/model/tree';
import type {
  MachineConfig,
  StateConfig,
  TransitionConfig,
  TransitionsConfig,
} from '../../core/model/types';
import type { TransitionRef, TransitionSlot } from './types';

/** The config of the state at a path ('' is the machine itself), or undefined. */
export function stateAt(machine: MachineConfig, path: string): StateConfig | undefined {
  if (path === '') return machine;
  let node: StateConfig | undefined = machine;
  for (const key of splitPath(path)) {
    node = node?.states?.[key];
    if (!node) return undefined;
  }
  return node;
}

/** The parent path and own key of a state path. */
export function splitStatePath(path: string): { parent: string; key: string } {
  const keys = splitPath(path);
  const key = keys.pop() ?? '';
  return { parent: keys.map(escapeKey).join('.'), key };
}

/** A key as it appears in a path (dots escaped, as XState reads them). */
export function escapeKey(key: string): string {
  return key.replace(/\\/g, '\\\\').replace(/\./g, '\\.');
}

export function joinStatePath(parent: string, key: string): string {
  return parent === '' ? escapeKey(key) : `${parent}.${escapeKey(key)}`;
}

/** The ref of a transition of the state tree. */
export function transitionRefOf(transition: Transition): TransitionRef {
  const slot = transition.kind as TransitionSlot;
  const ref: TransitionRef = { source: transition.source.path, slot, index: transition.order };
  if (slot === 'on' || slot === 'after') ref.key = transition.event;
  else if (slot === 'invoke.onDone' || slot === 'invoke.onError') {
    const match = /\.invoke\[(\d+)\]\.on(Done|Error)(\[\d+\])?$/.exec(transition.jsonPath);
    ref.key = match ? match[1] : '0';
  }
  return ref;
}

interface SlotHolder {
  get(): TransitionsConfig | undefined;
  set(value: TransitionsConfig | undefined): void;
}

/** Reads and writes the value of a transition slot of a state config. */
export function slotOf(config: StateConfig, slot: TransitionSlot, key?: string): SlotHolder {
  switch (slot) {
    case 'on':
    case 'after': {
      const field = slot;
      return {
        get: () => (config[field] as Record<string, TransitionsConfig> | undefined)?.[key ?? ''],
        set: (value) => {
          const record = (config[field] ?? {}) as Record<string, TransitionsConfig>;
          if (value === undefined) delete record[key ?? ''];
          else record[key ?? ''] = value;
          if (Object.keys(record).length === 0) delete config[field];
          else config[field] = record;
        },
      };
    }
    case 'always':
    case 'onDone': {
      const field = slot;
      return {
        get: () => config[field],
        set: (value) => {
          if (value === undefined) delete config[field];
          else config[field] = value;
        },
      };
    }
    default: {
      const index = Number(key ?? 0);
      const field = slot === 'invoke.onDone' ? 'onDone' : 'onError';
      const invoke = Array.isArray(config.invoke) ? config.invoke[index] : config.invoke;
      return {
        get: () => invoke?.[field],
        set: (value) => {
          if (!invoke) return;
          if (value === undefined) delete invoke[field];
          else invoke[field] = value;
        },
      };
    }
  }
}

/** A slot's transitions as a list of objects (a bare target string becomes `{ target }`). */
export function transitionList(value: TransitionsConfig | undefined): TransitionConfig[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (typeof item === 'string' ? { target: item } : { ...item }));
}

/** Writes a list back in the simplest form: one bare target, one object, or an array. */
export function compactTransitions(list: TransitionConfig[]): TransitionsConfig | undefined {
  if (list.length === 0) return undefined;
  const simple = list.map((t) =>
    typeof t.target === 'string' && Object.keys(t).length === 1 ? t.target : t,
  );
  return simple.length === 1 ? simple[0] : simple;
}

/** The transition config a ref points at. */
export function transitionAt(
  machine: MachineConfig,
  ref: TransitionRef,
): TransitionConfig | undefined {
  const state = stateAt(machine, ref.source);
  if (!state) return undefined;
  return transitionList(slotOf(state, ref.slot, ref.key).get())[ref.index];
}

/** A plain copy of an Immer draft (or the value itself when it is not one). */
export function plain<T>(value: T): T {
  return isDraft(value) ? ((current as (v: unknown) => unknown)(value) as T) : value;
}

/**
 * Puts a transition back at its place in a slot (undefined removes it), leaving the others as
 * they were written: a bare target string stays a string.
 */
export function writeTransition(
  config: StateConfig,
  ref: Pick<TransitionRef, 'slot' | 'key' | 'index'>,
  item: TransitionConfig | undefined,
): void {
  const holder = slotOf(config, ref.slot, ref.key);
  const raw = holder.get();
  const wasList = Array.isArray(raw);
  const list: Array<string | TransitionConfig> = wasList
    ? [...raw]
    : raw === undefined
      ? []
      : [raw];
  if (item === undefined) list.splice(ref.index, 1);
  else {
    const onlyTarget = typeof item.target === 'string' && Object.keys(item).length === 1;
    const wasString = typeof list[ref.index] === 'string' || ref.index >= list.length;
    list[ref.index] = onlyTarget && wasString ? (item.target as string) : item;
  }
  if (list.length === 0) holder.set(undefined);
  else if (list.length === 1 && !wasList) holder.set(list[0]);
  else holder.set(list);
}
