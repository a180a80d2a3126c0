// The names an SCXML export gives things: state ids, invoke ids, the events XState raises by
// itself (`after` timers, done and error events), and user events as SCXML event descriptors.

import type { StateNode, StateTree } from '../model/tree';
import type { ProcessFile } from '../model/types';
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
