// What every rule may ask of a process: its state tree, the graph, the catalogue, and helpers for
// "who handles this event here".

import {
  buildStateTree,
  descriptorMatches,
  isInside,
  type StateNode,
  type StateTree,
} from '../model/tree';
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
  /** Reachable, non-final, atomic states: where a case actually sits. */
  reachableLeaves: StateNode[];
  exceptions: ExceptionInfo[];
  /** The role a state belongs to: its own `meta.role`, or its nearest ancestor's. */
  roleOf(node: StateNode): string | undefined;
  /** Whether the state itself has an `on` transition for the event (wildcards included). */
  handlesOwn(node: StateNode, event: string): boolean;
  /** Whether the event is handled while the case is in this leaf: by it, an ancestor, or a parallel region beside it. */
  handledIn(leaf: StateNode, event: string): boolean;
  /** Whether an exception can happen in this state (its `when`). */
  inScope(leaf: StateNode, exception: ExceptionInfo): boolean;
}

export function createContext(
  process: ProcessFile,
  tree: StateTree = buildStateTree(process.machine),
): RuleContext {
  const graph = buildGraph(tree);
  const reachableLeaves = tree.nodes.filter(
    (node) => node.kind === 'atomic' && node.parent !== null && graph.isReachable(node),
  );
  const exceptions = Object.entries(process.events ?? {})
    .filter(([, def]) => def.exception === true)
    .map(([name, def]) => ({ name, def }));

  const roleCache = new Map<StateNode, string | undefined>();
  const roleOf = (node: StateNode): string | undefined => {
    if (roleCache.has(node)) return roleCache.get(node);
    const own = node.config.meta?.role;
    const role = typeof own === 'string' ? own : node.parent ? roleOf(node.parent) : undefined;
    roleCache.set(node, role);
    return role;
  };

  const handlesOwn = (node: StateNode, event: string) =>
    node.transitions.some(
      (t) => t.kind === 'on' && t.event !== undefined && descriptorMatches(t.event, event),
    );

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

  const handledIn = (leaf: StateNode, event: string): boolean => {
    for (let node: StateNode | null = leaf; node; node = node.parent) {
      if (handlesOwn(node, event)) return true;
      const parent: StateNode | null = node.parent;
      if (parent?.kind === 'parallel') {
        for (const region of parent.children) {
          if (region !== node && region.kind !== 'history' && alwaysHandles(region, event))
            return true;
        }
      }
    }
    return false;
  };

  const scopeCache = new Map<string, StateNode[]>();
  const inScope = (leaf: StateNode, exception: ExceptionInfo): boolean => {
    const when = exception.def.when;
    if (!when || (when.states === undefined && when.roles === undefined))
      return leaf.kind !== 'final';
    let scopeNodes = scopeCache.get(exception.name);
    if (!scopeNodes) {
      scopeNodes = (when.states ?? [])
        .map((path) => tree.byPath.get(path))
        .filter((n): n is StateNode => !!n);
      scopeCache.set(exception.name, scopeNodes);
    }
    if (scopeNodes.some((scope) => isInside(leaf, scope))) return true;
    const role = roleOf(leaf);
    return role !== undefined && (when.roles ?? []).includes(role);
  };

  return {
    process,
    tree,
    graph,
    reachableLeaves,
    exceptions,
    roleOf,
    handlesOwn,
    handledIn,
    inScope,
  };
}

/** A crack of a rule, with the rule's severity. */
export function crack(rule: RuleId, fields: Omit<Crack, 'rule' | 'severity'>): Crack {
  const out: Crack = { rule, severity: RULES[rule], ...fields };
  if (out.state === undefined) delete out.state;
  if (out.event === undefined) delete out.event;
  if (out.path === undefined) delete out.path;
  return out;
}

/** How a state is named in messages: its path, or "the machine" for the root. */
export function named(node: StateNode): string {
  return node.path ? `"${node.path}"` : 'the machine';
}
