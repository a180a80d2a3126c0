// The names an SCXML export gives things: state ids, invoke ids, the events XState raises by
// itself (`after` timers, done and error events), and user events as SCXML event descriptors.

import type { StateNode, StateTree } from '../model/tree';
import type { NamedRef, ProcessFile, TransitionConfig, TransitionsConfig } from '../model/types';
import { delayMs } from '../simulation/machine';
import { isWildcard } from './text';
import { ncName } from './xml';

/** One `after` timer of a state: the event it sends itself and the transitions taking it. */
export interface AfterTimer {
  event: string;
  /** Milliseconds; undefined for a delay name the file does not declare (XState raises at once). */
  ms: number | undefined;
  keys: string[];
}

export interface ScxmlNames {
  /** The SCXML id of every state node (the root only when it is written as a wrapper state). */
  ids: Map<StateNode, string>;
  invokeIds: Map<StateNode, string[]>;
  timers: Map<StateNode, AfterTimer[]>;
  /** `on` keys that need `_event.name === ...` to match only themselves, not `key.more`. */
  exactOnly: Set<string>;
}

/** A user event name as one SCXML event descriptor: no whitespace, nothing XML cannot hold. */
export function scxmlEvent(name: string): string {
  if (name === '*') return '*';
  if (name.endsWith('.*')) return `${scxmlEvent(name.slice(0, -2))}.*`;
  return name.replace(/[\s\p{Z}\p{Cc}\p{Cs}\ufffe\uffff]/gu, '_') || '_';
}

/** XState's reading of an `after` key: a number of milliseconds, or a delay name. */
export function afterDelay(key: string): number | string {
  return Number.isNaN(+key) ? key : +key;
}

export function scxmlNames(process: ProcessFile, tree: StateTree, wrapper: boolean): ScxmlNames {
  const used = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  };
  const ids = new Map<StateNode, string>();
  // Dots become `_`: `done.state.a` must not also match the done event of a child `a.b`, as
  // SCXML's prefix matching would.
  for (const node of tree.nodes) if (node !== tree.root) ids.set(node, unique(ncName(node.path)));
  if (wrapper) ids.set(tree.root, unique(ncName(tree.machineId)));

  const invokeIds = new Map<StateNode, string[]>();
  const timers = new Map<StateNode, AfterTimer[]>();
  const events = new Set<string>(['error.execution', 'error.communication', 'error.platform']);
  for (const node of tree.nodes) {
    const own = ids.get(node);
    if (own === undefined) continue;
    if (node.kind === 'compound' || node.kind === 'parallel') events.add(`done.state.${own}`);
    const invokes = Array.isArray(node.config.invoke)
      ? node.config.invoke
      : node.config.invoke
        ? [node.config.invoke]
        : [];
    if (invokes.length) {
      const list = invokes.map((invoke, i) =>
        unique(ncName(typeof invoke?.id === 'string' ? invoke.id : `${own}.invoke${i}`)),
      );
      invokeIds.set(node, list);
      for (const id of list) events.add(`done.invoke.${id}`).add(`error.platform.${id}`);
    }
    const list: AfterTimer[] = [];
    for (const t of node.transitions) {
      if (t.kind !== 'after' || t.event === undefined) continue;
      const delay = afterDelay(t.event);
      const same = list.find((timer) => timer.keys.some((key) => afterDelay(key) === delay));
      if (same) {
        if (!same.keys.includes(t.event)) same.keys.push(t.event);
        continue;
      }
      const token =
        typeof delay === 'number' ? String(delay).replace(/[^0-9A-Za-z]/g, '_') : ncName(delay);
      const declared = typeof delay === 'string' && Object.hasOwn(process.delays ?? {}, delay);
      const ms =
        typeof delay === 'number' ? delay : declared ? delayMs(process.delays?.[delay]) : undefined;
      const event = unique(`xstate.after.${token}.${own}`);
      events.add(event);
      list.push({ event, ms, keys: [t.event] });
    }
    if (list.length) timers.set(node, list);
  }

  for (const name of Object.keys(process.events ?? {})) events.add(scxmlEvent(name));
  for (const node of tree.nodes)
    for (const key of node.onEvents) if (!isWildcard(key)) events.add(scxmlEvent(key));
  const exactOnly = new Set<string>();
  for (const node of tree.nodes)
    for (const key of node.onEvents) {
      if (isWildcard(key)) continue;
      const event = scxmlEvent(key);
      for (const other of events)
        if (other.startsWith(`${event}.`)) {
          exactOnly.add(key);
          break;
        }
    }
  return { ids, invokeIds, timers, exactOnly };
}

// How the SCXML import spells what SCXML does not say: a transition's target, its shape (a bare
// target string or an object, one transition or a list), guard and action references. The export
// writes a state's `as` (the groups and lists as the file wrote them) only where these differ.

const escapeKey = (key: string) => key.replace(/[.\\]/g, (char) => `\\${char}`);

/** A target as the import writes it: a sibling by key, a descendant by `.path`, a state with an
 * explicit id by `#id`, anything else by `#machineId.path`. */
export function plainTarget<N extends { key: string; parent: N | null }>(
  from: N,
  to: N,
  machineId: string,
  explicitId: (node: N) => string | undefined,
): string {
  if (from.parent && to.parent === from.parent) return escapeKey(to.key);
  const below: string[] = [];
  let node: N | null = to;
  for (; node && node !== from; node = node.parent) below.unshift(escapeKey(node.key));
  if (node === from && below.length > 0) return `.${below.join('.')}`;
  const id = to.parent ? explicitId(to) : undefined;
  if (id !== undefined) return `#${escapeKey(id)}`;
  const path: string[] = [];
  for (let n: N | null = to; n?.parent; n = n.parent) path.unshift(escapeKey(n.key));
  return `#${[escapeKey(machineId), ...path].join('.')}`;
}

/** A guard or action reference as the import writes it: its name, or `{ type, params }`. */
export function plainRef(ref: NamedRef): NamedRef {
  if (typeof ref === 'string') return ref;
  return ref.params === undefined ? ref.type : { type: ref.type, params: ref.params };
}

export interface TransitionParts {
  targets: string[];
  guard?: NamedRef;
  actions: NamedRef[];
  reenter?: boolean;
  description?: string;
  meta?: TransitionConfig['meta'];
}

/** One transition as the import writes it: a bare target string when that is all it has (and it
 * stands alone, not in a list). */
export function plainTransition(parts: TransitionParts, inList = false): string | TransitionConfig {
  const config: TransitionConfig = {};
  if (parts.targets.length === 1) config.target = parts.targets[0];
  else if (parts.targets.length > 1) config.target = parts.targets;
  if (parts.guard !== undefined) config.guard = parts.guard;
  if (parts.actions.length > 0) config.actions = parts.actions;
  if (parts.reenter !== undefined) config.reenter = parts.reenter;
  if (parts.description !== undefined) config.description = parts.description;
  if (parts.meta !== undefined) config.meta = parts.meta;
  const keys = Object.keys(config);
  return !inList && keys.length === 1 && typeof config.target === 'string' ? config.target : config;
}

/** The transitions of one key as the import writes them: one alone, several as a list of objects. */
export function plainGroup(parts: TransitionParts[]): TransitionsConfig {
  return parts.length === 1
    ? plainTransition(parts[0])
    : parts.map((part) => plainTransition(part, true));
}

/** JSON with object keys sorted: equal for values that differ only in key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
