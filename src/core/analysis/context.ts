// What every rule may ask of a process: its state tree, the graph, the catalogue, and helpers for
// "who handles this event here".

import { exceptionInScope, roleOf as ownerRole } from '../model/scope';
import { buildStateTree, descriptorMatches, type StateNode, type StateTree } from '../model/tree';
import type { EventDef, ProcessFile } from '../model/types';
import { buildGraph, type MachineGraph } from './graph';
import { type Crack, RULES, type RuleId } from './types';

export interface ExceptionInfo {
  name: string;
  def: EventDef;
}

export interface RuleContext {
  process: ProcessFile;
  tree: StateTree;
  graph: MachineGraph;
  /**
   * Reachable, non-final states without children where a case can rest: a state that an
   * unguarded `always` leaves at once is passed through, never waited in.
   */
  reachableLeaves: StateNode[];
  exceptions: ExceptionInfo[];
  /** The role a state belongs to: its own `meta.role`, or its nearest ancestor's. */
  roleOf(node: StateNode): string | undefined;
  /** Whether the state itself has an `on` transition for the event (wildcards included). */
  handlesOwn(node: StateNode, event: string): boolean;
  /** Whether the event is handled while the case is in this leaf: by it, an ancestor, or a parallel region beside it. */
  handledIn(leaf: StateNode, event: string): boolean;
  /** Whether something around this state handles the event: an ancestor, or a parallel region beside it or beside an ancestor. */
  handledAround(node: StateNode, event: string): boolean;
  /** Whether an exception can happen in this state (its `when`). */
  inScope(leaf: StateNode, exception: ExceptionInfo): boolean;
}

export function createContext(
  process: ProcessFile,
  tree: StateTree = buildStateTree(process.machine),
): RuleContext {
  const graph = buildGraph(tree);
  const reachableLeaves = tree.nodes.filter(
    (node) =>
      node.children.length === 0 &&
      node.kind !== 'final' &&
      node.kind !== 'history' &&
      graph.isReachable(node) &&
      !isTransient(node),
  );
  const exceptions = Object.entries(process.events ?? {})
    .filter(([, def]) => def.exception === true)
    .map(([name, def]) => ({ name, def }));

  const roleCache = new Map<StateNode, string | undefined>();
  const roleOf = (node: StateNode): string | undefined => {
    if (!roleCache.has(node)) roleCache.set(node, ownerRole(node));
    return roleCache.get(node);
  };

  const handlesOwn = (node: StateNode, event: string): boolean => {
    if (node.onEvents.size === 0) return false;
    if (node.onEvents.has(event) || node.onEvents.has('*')) return true;
    for (const descriptor of node.onEvents)
      if (descriptor.endsWith('.*') && descriptorMatches(descriptor, event)) return true;
    return false;
  };

  // "Whatever state this region is in, the event is handled": memoised per event.
  const alwaysMemo = new Map<string, Map<StateNode, boolean>>();
  const alwaysHandles = (node: StateNode, event: string): boolean => {
    let memo = alwaysMemo.get(event);
    if (!memo) {
      memo = new Map();
      alwaysMemo.set(event, memo);
    }
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, false);
    let result = handlesOwn(node, event);
    if (!result) {
      const children = node.children.filter((c) => c.kind !== 'history' && graph.isReachable(c));
      if (node.kind === 'compound')
        result = children.length > 0 && children.every((c) => alwaysHandles(c, event));
      else if (node.kind === 'parallel') result = children.some((c) => alwaysHandles(c, event));
    }
    memo.set(node, result);
    return result;
  };

  const handledAround = (node: StateNode, event: string): boolean => {
    for (let inner: StateNode = node; inner.parent; inner = inner.parent) {
      const parent: StateNode = inner.parent;
      if (handlesOwn(parent, event)) return true;
      if (parent.kind === 'parallel') {
        for (const region of parent.children) {
          if (region !== inner && region.kind !== 'history' && alwaysHandles(region, event))
            return true;
        }
      }
    }
    return false;
  };

  const handledIn = (leaf: StateNode, event: string): boolean =>
    handlesOwn(leaf, event) || handledAround(leaf, event);

  const inScope = (leaf: StateNode, exception: ExceptionInfo): boolean =>
    exceptionInScope(tree, leaf, exception.def.when);

  return {
    process,
    tree,
    graph,
    reachableLeaves,
    exceptions,
    roleOf,
    handlesOwn,
    handledIn,
    handledAround,
    inScope,
  };
}

/** Whether XState leaves this state at once: it or an ancestor has an unguarded `always` with a target. */
export function isTransient(node: StateNode): boolean {
  for (let n: StateNode | null = node; n; n = n.parent)
    for (const t of n.transitions)
      if (t.kind === 'always' && t.guard === undefined && t.targets.length > 0) return true;
  return false;
}

/** A crack of a rule, with the rule's severity. */
export function crack(rule: RuleId, fields: Omit<Crack, 'rule' | 'severity'>): Crack {
  const out: Crack = { rule, severity: RULES[rule], ...fields };
  if (out.state === undefined || out.state === '') delete out.state;
  if (out.event === undefined) delete out.event;
  if (out.path === undefined) delete out.path;
  return out;
}

/** How a state is named in messages: its path, or "the machine" for the root. */
export function named(node: StateNode): string {
  return node.path ? `"${node.path}"` : 'the machine';
}
