// The structural diff of two stages of a process: states matched by state path, then by key (a
// state that moved), and transitions matched by source state and event.

import {
  buildStateTree,
  invokesOf,
  type StateNode,
  type StateTree,
  type Transition,
} from '../model/tree';
import type { ProcessFile } from '../model/types';

export interface StateChange {
  /** The state path in the to-be. */
  path: string;
  /** The state path in the as-is, when the state moved. */
  from?: string;
  /** What changed, in words: `role: clerk → agent`. */
  changes: string[];
}

export interface TransitionRef {
  /** The source state path (in the to-be's terms when the state is in both). */
  source: string;
  /** The event, or `after 30000`, `always`, `onDone`, `done: crm`, `error: crm`. */
  event: string;
  /** Each alternative: where it goes, and its guard. */
  targets: { to: string[]; guard?: string }[];
}

export interface TransitionChange {
  source: string;
  event: string;
  from: TransitionRef['targets'];
  to: TransitionRef['targets'];
}

export interface StructuralDiff {
  states: { added: string[]; removed: string[]; changed: StateChange[] };
  transitions: { added: TransitionRef[]; removed: TransitionRef[]; changed: TransitionChange[] };
}

/** as-is node index → to-be node, for the states both stages have. */
function matchStates(asIs: StateTree, toBe: StateTree): Map<number, StateNode> {
  const matched = new Map<number, StateNode>();
  const taken = new Set<number>();
  for (const node of asIs.nodes) {
    const other = toBe.byPath.get(node.path);
    if (other) {
      matched.set(node.index, other);
      taken.add(other.index);
    }
  }
  const byKey = (nodes: StateNode[]) => {
    const map = new Map<string, StateNode[]>();
    for (const node of nodes) map.set(node.key, [...(map.get(node.key) ?? []), node]);
    return map;
  };
  const leftKeys = byKey(asIs.nodes.filter((n) => !matched.has(n.index)));
  const rightKeys = byKey(toBe.nodes.filter((n) => !taken.has(n.index)));
  for (const [key, left] of leftKeys) {
    const right = rightKeys.get(key);
    if (left.length === 1 && right?.length === 1) matched.set(left[0].index, right[0]);
  }
  return matched;
}

const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

function stateChanges(a: StateNode, b: StateNode): string[] {
  const out: string[] = [];
  const compare = (label: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${label}: ${show(x)} → ${show(y)}`);
  };
  if (a.path !== b.path) out.push(`moved: ${a.path} → ${b.path}`);
  compare('kind', a.kind, b.kind);
  const ma = a.config.meta ?? {};
  const mb = b.config.meta ?? {};
  compare('role', ma.role, mb.role);
  compare('duration', ma.duration, mb.duration);
  compare('valueAdded', ma.valueAdded, mb.valueAdded);
  compare('waits', ma.waits, mb.waits);
  const services = (node: StateNode) => invokesOf(node.config).map((invoke) => invoke?.src);
  compare('services', services(a), services(b));
  return out;
}

function eventLabel(t: Transition): string {
  switch (t.kind) {
    case 'on':
      return t.event ?? '';
    case 'after':
      return `after ${t.event}`;
    case 'invoke.onDone':
      return `done: ${t.event}`;
    case 'invoke.onError':
      return `error: ${t.event}`;
    default:
      return t.kind;
  }
}

function transitionGroups(
  tree: StateTree,
  pathOf: (node: StateNode) => string,
): Map<string, TransitionRef> {
  const groups = new Map<string, TransitionRef>();
  for (const node of tree.nodes) {
    for (const t of node.transitions) {
      const source = pathOf(node);
      const event = eventLabel(t);
      const key = JSON.stringify([source, event]);
      let group = groups.get(key);
      if (!group) {
        group = { source, event, targets: [] };
        groups.set(key, group);
      }
      const target: TransitionRef['targets'][number] = {
        to: [...t.targets.map(pathOf), ...t.unresolved.map((u) => u.target)],
      };
      if (t.guard) target.guard = t.guard;
      group.targets.push(target);
    }
  }
  return groups;
}

export function diffProcesses(asIs: ProcessFile, toBe: ProcessFile): StructuralDiff {
  const left = buildStateTree(asIs.machine);
  const right = buildStateTree(toBe.machine);
  const matched = matchStates(left, right);
  const matchedRight = new Set([...matched.values()].map((node) => node.index));
  const diff: StructuralDiff = {
    states: { added: [], removed: [], changed: [] },
    transitions: { added: [], removed: [], changed: [] },
  };
  for (const node of left.nodes) {
    if (!node.path) continue;
    const other = matched.get(node.index);
    if (!other) diff.states.removed.push(node.path);
    else {
      const changes = stateChanges(node, other);
      if (changes.length) {
        const change: StateChange = { path: other.path, changes };
        if (other.path !== node.path) change.from = node.path;
        diff.states.changed.push(change);
      }
    }
  }
  for (const node of right.nodes)
    if (node.path && !matchedRight.has(node.index)) diff.states.added.push(node.path);

  // As-is transitions are named in to-be terms wherever the state is in both.
  const leftGroups = transitionGroups(left, (node) => matched.get(node.index)?.path ?? node.path);
  const rightGroups = transitionGroups(right, (node) => node.path);
  for (const [key, group] of leftGroups) {
    const other = rightGroups.get(key);
    if (!other) diff.transitions.removed.push(group);
    else if (JSON.stringify(group.targets) !== JSON.stringify(other.targets))
      diff.transitions.changed.push({
        source: group.source,
        event: group.event,
        from: group.targets,
        to: other.targets,
      });
  }
  for (const [key, group] of rightGroups)
    if (!leftGroups.has(key)) diff.transitions.added.push(group);
  return diff;
}
