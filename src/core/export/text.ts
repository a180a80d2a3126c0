// Small text helpers the exporters share: what a machine refers to by name, delays in words.

import {
  buildStateTree,
  invokesOf,
  refName,
  resolveTarget,
  type StateNode,
  type StateTree,
} from '../model/tree';
import type { NamedRef, ProcessFile } from '../model/types';

/** The names a machine refers to, in the order it first uses them. */
export interface References {
  guards: string[];
  actions: string[];
  services: string[];
  delays: string[];
  /** Event types its `on` keys name, wildcards (`*`, `foo.*`) left out. */
  events: string[];
}

/** Whether an `on` key is a wildcard descriptor rather than one event type. */
export function isWildcard(descriptor: string): boolean {
  return descriptor === '*' || descriptor.endsWith('.*');
}

function refList(value: NamedRef | NamedRef[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .map((ref) => refName(ref))
    .filter((name): name is string => typeof name === 'string');
}

/** Every guard, action, service, delay and event the machine names. */
export function referencesOf(tree: StateTree): References {
  const sets = {
    guards: new Set<string>(),
    actions: new Set<string>(),
    services: new Set<string>(),
    delays: new Set<string>(),
    events: new Set<string>(),
  };
  for (const node of tree.nodes) {
    for (const name of refList(node.config.entry)) sets.actions.add(name);
    for (const name of refList(node.config.exit)) sets.actions.add(name);
    for (const invoke of invokesOf(node.config))
      if (invoke && typeof invoke.src === 'string') sets.services.add(invoke.src);
    for (const event of node.onEvents) if (!isWildcard(event)) sets.events.add(event);
    for (const t of node.transitions) {
      if (t.guard !== undefined) sets.guards.add(t.guard);
      for (const action of t.actions) sets.actions.add(action);
      if (t.kind === 'after' && t.event !== undefined && Number.isNaN(+t.event))
        sets.delays.add(t.event);
    }
  }
  return {
    guards: [...sets.guards],
    actions: [...sets.actions],
    services: [...sets.services],
    delays: [...sets.delays],
    events: [...sets.events],
  };
}

/** The process's state tree and what it refers to. */
export function analyseForExport(process: ProcessFile) {
  const tree = buildStateTree(process.machine);
  return { tree, refs: referencesOf(tree) };
}

/** Declared names first (in the file's order), then names used but not declared. */
export function declaredThenUsed(declared: object | undefined, used: string[]) {
  const names = Object.keys(declared ?? {});
  const known = new Set(names);
  return {
    declared: names,
    undeclared: used.filter((name) => !known.has(name)),
  };
}

/** Milliseconds for people: `30 s`, `4 h`, `2 d`, `1.5 min`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units)
    if (Math.abs(ms) >= size) return `${Number((ms / size).toFixed(2))} ${unit}`;
  return `${ms} ms`;
}

/** The lines of a text, split on every line terminator JavaScript knows. */
export function lines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029]/);
}

/** Where a history state leads while it has no history yet, as XState resolves it. */
export function historyDefaults(node: StateNode, tree: StateTree): StateNode[] {
  const parent = node.parent;
  if (!parent) return [];
  const raw = node.config.target;
  const targets = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (targets.length === 0) {
    if (parent.kind === 'parallel') return parent.children.filter((c) => c.kind !== 'history');
    return parent.initial ? [parent.initial] : [];
  }
  const found: StateNode[] = [];
  for (const target of targets) {
    if (typeof target !== 'string') continue;
    const resolved = resolveTarget(
      parent,
      target.startsWith('#') ? target : `.${target}`,
      tree.byId,
    );
    if ('node' in resolved) found.push(resolved.node);
  }
  return found;
}
