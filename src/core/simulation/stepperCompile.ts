// The compiled form of a machine for the fast stepper: every state node with what XState v5 derives
// from its config (document order, transitions per event descriptor in XState's order, delayed
// events, invoke ids), targets resolved once. Mirrors xstate's StateNode construction.

import { resolveTarget, type StateNode, type StateTree, splitPath } from '../model/tree';
import type { ProcessFile, TransitionConfig } from '../model/types';
import type { Effect } from './engine';
import { delayMs } from './machine';

export type NodeType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface CTransition {
  source: CNode;
  /** undefined: targetless (XState's `target: undefined`). */
  target: CNode[] | undefined;
  reenter: boolean;
  guard?: { name: string; params: unknown };
  eventType: string;
  /** Whether a target is a history node: then the domain depends on the recorded history. */
  historyTarget: boolean;
  /** The transition domain, worked out once when no target is a history node (see stepperSets). */
  domain?: CNode | null;
  /** What the transition alone enters, in document order, in a machine without history nodes. */
  entry?: CNode[];
  /** [this transition], never changed: what selecting it alone gives. */
  alone: CTransition[];
}

export interface CTimer {
  id: string;
  event: string;
  /** Milliseconds, or undefined when a named delay is not declared (XState raises it at once). */
  delay: number | undefined;
  /** The effect that starts it (null: no delay, raised at once), and the one that cancels it. */
  start: Effect | null;
  cancel: Effect;
}

export interface CNode {
  /** XState's `order`: depth-first document order, the root 0. */
  order: number;
  /** The index of the node in the model's state tree. */
  treeIndex: number;
  id: string;
  key: string;
  type: NodeType;
  history: 'shallow' | 'deep' | false;
  parent: CNode | null;
  /** Children that are not history nodes (xstate's `getChildren`). */
  children: CNode[];
  historyNodes: CNode[];
  states: Map<string, CNode>;
  initial: CNode | null;
  transitions: Map<string, CTransition[]>;
  always: CTransition[] | null;
  /** The `after` timers started on entry and cancelled on exit. */
  timers: CTimer[];
  invokeIds: string[];
  /** For each invoke id, the effects that spawn and stop the service. */
  invokeEffects: { spawn: Effect; stop: Effect }[];
  /** xstate.done.state.<id>. */
  doneEvent: string;
  /** For a history node: its default targets when it has no recorded history. */
  historyDefault: CNode[] | null;
  candidates: Map<string, CTransition[]>;
  atomic: boolean;
  /** Whether it or an ancestor has `always` transitions. */
  alwaysInChain: boolean;
  /** Whether its key is an array index, which JavaScript orders first among object keys. */
  indexKey: boolean;
  /** Whether a transition descriptor is a wildcard (`*` or `x.*`). */
  wildcard: boolean;
  /** Scratch for the stepper: its first `kidCount` active children, while `stamp` is its epoch. */
  kids: CNode[];
  kidCount: number;
  stamp: number;
  /** Scratch for the stepper: whether it is active, during a microstep (see Stepper.microstep). */
  member: number;
}

export interface CompiledMachine {
  root: CNode;
  nodes: CNode[];
  byTreeIndex: CNode[];
}

const toArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const INDEX_KEY = /^(0|[1-9]\d*)$/;

/** Compiles a machine whose config XState accepts (check that first with createProcessMachine). */
export function compileMachine(process: ProcessFile, tree: StateTree): CompiledMachine {
  const nodes: CNode[] = [];
  const byTreeIndex: CNode[] = new Array(tree.nodes.length);
  const make = (node: StateNode, parent: CNode | null): CNode => {
    const config = node.config;
    const type: NodeType =
      (config.type as NodeType | undefined) ||
      (config.states && Object.keys(config.states).length
        ? 'compound'
        : config.history
          ? 'history'
          : 'atomic');
    const c: CNode = {
      order: nodes.length,
      treeIndex: node.index,
      id: node.id,
      key: node.key,
      type,
      history:
        (config.history as unknown) === true
          ? 'shallow'
          : (config.history as 'shallow' | 'deep' | undefined) || false,
      parent,
      children: [],
      historyNodes: [],
      states: new Map(),
      initial: null,
      transitions: new Map(),
      always: null,
      timers: [],
      invokeIds: [],
      invokeEffects: [],
      doneEvent: `xstate.done.state.${node.id}`,
      historyDefault: null,
      candidates: new Map(),
      atomic: type === 'atomic' || type === 'final',
      alwaysInChain: config.always !== undefined || (parent?.alwaysInChain ?? false),
      indexKey: INDEX_KEY.test(node.key) && Number(node.key) < 2 ** 32 - 1,
      wildcard: false,
      kids: [],
      kidCount: 0,
      stamp: 0,
      member: 0,
    };
    nodes.push(c);
    byTreeIndex[node.index] = c;
    for (const child of node.children) {
      const compiled = make(child, c);
      c.states.set(child.key, compiled);
      if (compiled.type === 'history') c.historyNodes.push(compiled);
      else c.children.push(compiled);
    }
    return c;
  };
  const root = make(tree.root, null);
  const delays = new Map<string, number>();
  for (const [name, def] of Object.entries(process.delays ?? {})) delays.set(name, delayMs(def));
  for (const c of nodes) {
    compileNode(c, tree, byTreeIndex, delays);
    for (const descriptor of c.transitions.keys())
      if (descriptor === '*' || descriptor.endsWith('.*')) c.wildcard = true;
  }
  return { root, nodes, byTreeIndex };
}

function compileNode(
  c: CNode,
  tree: StateTree,
  byTreeIndex: CNode[],
  delays: Map<string, number>,
): void {
  const treeNode = tree.nodes[c.treeIndex];
  const config = treeNode.config;
  const targetsOf = (value: unknown): CNode[] | undefined => {
    if (value === undefined || value === '') return undefined;
    return toArray(value as string | string[]).map((target) => {
      const resolved = resolveTarget(treeNode, target, tree.byId);
      if ('reason' in resolved) throw new Error(`#${c.id}: ${resolved.reason}`);
      return byTreeIndex[resolved.node.index];
    });
  };
  const format = (eventType: string, config: TransitionConfig): CTransition => {
    const target = targetsOf(config.target);
    const t: CTransition = {
      source: c,
      target,
      reenter: config.reenter ?? false,
      eventType,
      historyTarget: target?.some((node) => node.type === 'history') ?? false,
      alone: [],
    };
    t.alone.push(t);
    const guard = config.guard;
    if (typeof guard === 'string') t.guard = { name: guard, params: undefined };
    else if (guard && typeof guard === 'object')
      t.guard = { name: guard.type, params: 'params' in guard ? guard.params : undefined };
    return t;
  };
  // xstate's toTransitionConfigArray: strings become { target }.
  const list = (eventType: string, value: unknown): CTransition[] =>
    toArray(value as unknown[]).map((item) =>
      format(
        eventType,
        typeof item === 'string' || item === undefined
          ? { target: item as string | undefined }
          : (item as TransitionConfig),
      ),
    );
  if (config.on)
    for (const descriptor of Object.keys(config.on))
      c.transitions.set(descriptor, list(descriptor, config.on[descriptor]));
  if (config.onDone) {
    const descriptor = `xstate.done.state.${c.id}`;
    c.transitions.set(descriptor, list(descriptor, config.onDone));
  }
  toArray(config.invoke).forEach((invoke, i) => {
    const id = invoke.id ?? `${i}.${c.id}`;
    c.invokeIds.push(id);
    c.invokeEffects.push({ spawn: { kind: 'spawn', id }, stop: { kind: 'stop', id } });
    if (invoke.onDone)
      c.transitions.set(`xstate.done.actor.${id}`, list(`xstate.done.actor.${id}`, invoke.onDone));
    if (invoke.onError)
      c.transitions.set(
        `xstate.error.actor.${id}`,
        list(`xstate.error.actor.${id}`, invoke.onError),
      );
  });
  if (config.after) {
    for (const key of Object.keys(config.after)) {
      const resolved = afterDelay(key);
      const eventType = afterEventType(key, c.id);
      const delay = typeof resolved === 'number' ? resolved : delays.get(resolved);
      c.timers.push({
        id: eventType,
        event: eventType,
        delay,
        start:
          delay === undefined
            ? null
            : { kind: 'timer', id: eventType, event: eventType, delayMs: delay },
        cancel: { kind: 'cancel', id: eventType },
      });
      const value = config.after[key];
      // xstate spreads each item of an `after` list into an object: a string item loses its target.
      const items = toArray(typeof value === 'string' ? { target: value } : value);
      const existing = c.transitions.get(eventType) ?? [];
      for (const item of items)
        existing.push(
          format(
            eventType,
            typeof item === 'string' ? {} : ((item ?? {}) as unknown as TransitionConfig),
          ),
        );
      c.transitions.set(eventType, existing);
    }
  }
  if (config.always !== undefined) c.always = list('', config.always);
  if (c.type === 'compound' && typeof config.initial === 'string')
    c.initial = c.states.get(config.initial) ?? null;
  if (c.type === 'history') c.historyDefault = historyDefault(c, config.target, tree, byTreeIndex);
}

/** xstate's resolveHistoryDefaultTransition, resolved once. */
function historyDefault(
  c: CNode,
  target: unknown,
  tree: StateTree,
  byTreeIndex: CNode[],
): CNode[] | null {
  const parent = c.parent;
  if (!parent) return null;
  if (target === undefined || target === '') {
    if (parent.type === 'parallel') return [parent];
    return parent.initial ? [parent.initial] : null;
  }
  return toArray(target as string | string[]).map((path) => {
    if (path.startsWith('#')) {
      const [first, ...rest] = splitPath(path.slice(1));
      let node = tree.byId.get(first);
      for (const key of rest) node = node?.childByKey.get(key);
      if (!node) throw new Error(`#${c.id}: history target "${path}" does not exist`);
      return byTreeIndex[node.index];
    }
    let node: CNode | undefined = parent;
    for (const key of splitPath(path)) {
      if (!key.length) break;
      node = node?.states.get(key);
    }
    if (!node) throw new Error(`#${c.id}: history target "${path}" does not exist`);
    return node;
  });
}

/** How xstate reads an `after` key: a number of milliseconds, or the name of a delay. */
export function afterDelay(key: string): string | number {
  return Number.isNaN(+key) ? key : +key;
}

/** The event (and timer id) of an `after` key of the state with this id. */
export function afterEventType(key: string, stateId: string): string {
  return `xstate.after.${afterDelay(key)}.${stateId}`;
}

/** xstate's matchesEventDescriptor. */
export function matchesEventDescriptor(eventType: string, descriptor: string): boolean {
  if (descriptor === eventType || descriptor === '*') return true;
  if (!descriptor.endsWith('.*')) return false;
  const partial = descriptor.split('.');
  const tokens = eventType.split('.');
  for (let i = 0; i < partial.length; i++) {
    if (partial[i] === '*') return i === partial.length - 1;
    if (partial[i] !== tokens[i]) return false;
  }
  return true;
}

const NONE: CTransition[] = [];

/** xstate's getCandidates, memoised per node and event type. */
export function candidatesOf(node: CNode, eventType: string): CTransition[] {
  if (!node.wildcard) return node.transitions.get(eventType) ?? NONE;
  let found = node.candidates.get(eventType);
  if (found) return found;
  const exact = node.transitions.get(eventType);
  const wildcard = [...node.transitions.keys()]
    .filter((d) => d !== eventType && matchesEventDescriptor(eventType, d))
    .sort((a, b) => b.length - a.length)
    .flatMap((d) => node.transitions.get(d) ?? []);
  found = exact ? [...exact, ...wildcard] : wildcard;
  node.candidates.set(eventType, found);
  return found;
}
