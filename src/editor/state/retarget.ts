// Moving, renaming or deleting states without breaking what points at them: transition targets,
// `initial`, history targets, the layout, scenario expectations, waivers and exception scopes all
// follow the state to its new path (or let go of it when it is deleted).

import { buildStateTree, resolveTarget, type StateNode, splitPath } from '../../core/model/tree';
import type { MachineConfig, ProcessFile, StateConfig } from '../../core/model/types';
import {
  escapeKey,
  plain,
  slotOf,
  stateAt,
  transitionList,
  transitionRefOf,
  writeTransition,
} from './refs';
import type { TransitionRef } from './types';

/** Maps an old state path to its new one, or null when the state is gone. */
export type PathMap = (path: string) => string | null;

/** Maps paths inside `from` (itself included) to the same place under `to`. */
export function prefixMap(from: string, to: string | null): PathMap {
  return (path) => {
    if (path === from) return to;
    if (path.startsWith(`${from}.`)) return to === null ? null : to + path.slice(from.length);
    return path;
  };
}

export function isInsidePath(path: string, ancestor: string): boolean {
  return ancestor === '' || path === ancestor || path.startsWith(`${ancestor}.`);
}

/** The target string that reaches `target` from `source`, the way a person would write it. */
export function targetString(source: string, target: string, machineId: string): string {
  const keys = splitPath(source);
  const parent = keys.slice(0, -1).map(escapeKey).join('.');
  if (source !== '' && target !== parent && isInsidePath(target, parent))
    return parent === '' ? target : target.slice(parent.length + 1);
  if (isInsidePath(target, source) && target !== source)
    return `.${source === '' ? target : target.slice(source.length + 1)}`;
  return `#${machineId}.${target}`;
}

interface Pointer {
  ref: TransitionRef;
  /** Each target string and the path it reached before the change. */
  targets: { text: string; path: string | undefined }[];
}

interface HistoryPointer {
  path: string;
  target: string;
  resolved: string | undefined;
}

/** What points at states now, read before a change. */
export interface Pointers {
  machineId: string;
  transitions: Pointer[];
  histories: HistoryPointer[];
}

export function readPointers(machine: MachineConfig): Pointers {
  const tree = buildStateTree(plain(machine));
  const transitions: Pointer[] = [];
  const histories: HistoryPointer[] = [];
  const resolve = (node: StateNode, text: string) => {
    const hit = resolveTarget(node, text, tree.byId);
    return 'node' in hit ? hit.node.path : undefined;
  };
  for (const node of tree.nodes) {
    for (const transition of node.transitions) {
      const ref = transitionRefOf(transition);
      const raw = transitionList(slotOf(node.config, ref.slot, ref.key).get())[ref.index]?.target;
      const texts = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      if (texts.length === 0) continue;
      const targets = texts.map((text) => ({ text, path: resolve(node, text) }));
      transitions.push({ ref, targets });
    }
    if (node.kind === 'history' && typeof node.config.target === 'string') {
      const text = node.config.target;
      histories.push({ path: node.path, target: text, resolved: resolve(node, text) });
    }
  }
  return { machineId: tree.machineId, transitions, histories };
}

/**
 * Rewrites everything that pointed at a state whose path changed. Call `readPointers` before the
 * structural change and this after it.
 */
export function applyPathMap(draft: ProcessFile, before: Pointers, map: PathMap): void {
  // Last first: dropping a transition from a list must not shift the ones still to visit.
  for (const pointer of [...before.transitions].reverse()) {
    const source = map(pointer.ref.source);
    if (source === null) continue;
    const changed =
      pointer.ref.source !== source || pointer.targets.some((t) => movedOrGone(t.path, map));
    if (!changed) continue;
    const state = stateAt(draft.machine, source);
    if (!state) continue;
    const item = transitionList(slotOf(state, pointer.ref.slot, pointer.ref.key).get())[
      pointer.ref.index
    ];
    if (!item) continue;
    const kept: string[] = [];
    for (const target of pointer.targets) {
      if (target.path === undefined) {
        kept.push(target.text);
        continue;
      }
      const next = map(target.path);
      if (next === null) continue;
      const explicitId =
        target.text.startsWith('#') && !target.text.startsWith(`#${before.machineId}.`);
      kept.push(
        explicitId || (next === target.path && source === pointer.ref.source)
          ? target.text
          : targetString(source, next, before.machineId),
      );
    }
    if (kept.length === 0) writeTransition(state, pointer.ref, undefined);
    else {
      item.target = kept.length === 1 ? kept[0] : kept;
      writeTransition(state, pointer.ref, item);
    }
  }
  for (const history of before.histories) {
    const path = map(history.path);
    if (path === null || history.resolved === undefined) continue;
    const next = map(history.resolved);
    const state = stateAt(draft.machine, path);
    if (!state) continue;
    if (next === null) delete state.target;
    else state.target = targetString(path, next, before.machineId);
  }
  remapAround(draft, map);
}

function movedOrGone(path: string | undefined, map: PathMap): boolean {
  return path !== undefined && map(path) !== path;
}

/** The parts of the file outside `machine` that name states by path. */
function remapAround(draft: ProcessFile, map: PathMap): void {
  if (draft.layout) {
    const entries = Object.entries(plain(draft.layout)).flatMap(([path, box]) => {
      const mapped = map(path);
      return mapped === null ? [] : [[mapped, box] as const];
    });
    // fromEntries: own properties, even for a state called "__proto__".
    draft.layout = Object.fromEntries(entries) as NonNullable<ProcessFile['layout']>;
  }
  for (const scenario of draft.scenarios ?? []) {
    const expect = scenario.expect;
    if (!expect) continue;
    if (typeof expect.state === 'string') {
      const mapped = map(expect.state);
      if (mapped !== null) expect.state = mapped;
    }
    if (Array.isArray(expect.notIn))
      expect.notIn = expect.notIn.map((p) => map(p)).filter((p): p is string => p !== null);
  }
  if (draft.waivers)
    draft.waivers = draft.waivers.flatMap((waiver) => {
      if (typeof waiver.state !== 'string') return [waiver];
      const mapped = map(waiver.state);
      return mapped === null ? [] : [{ ...waiver, state: mapped }];
    });
  for (const event of Object.values(draft.events ?? {})) {
    const states = event.when?.states;
    if (event.when && Array.isArray(states))
      event.when.states = states.map((p) => map(p)).filter((p): p is string => p !== null);
  }
}

/** Keeps `initial` pointing at a child that exists. */
export function fixInitial(parent: StateConfig, renamed?: { from: string; to: string }): void {
  const keys = Object.keys(parent.states ?? {});
  if (renamed && parent.initial === renamed.from) parent.initial = renamed.to;
  if (parent.type === 'parallel') return;
  if (keys.length === 0) {
    delete parent.initial;
    delete parent.states;
    return;
  }
  if (parent.initial === undefined || !keys.includes(parent.initial)) parent.initial = keys[0];
}
