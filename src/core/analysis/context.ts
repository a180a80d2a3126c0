// What every rule may ask of a process: its state tree, the graph, the catalogue, and helpers for
// "who handles this event here".

import { exceptionScope, roleOf as ownerRole } from '../model/scope';
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

  // Partial wildcards (`order.*`) per state, found once.
  const wildcards: (string[] | undefined)[] = tree.nodes.map((node) => {
    if (node.onEvents.size === 0) return undefined;
    const found = [...node.onEvents].filter((d) => d.endsWith('.*'));
    return found.length > 0 ? found : undefined;
  });
  const handlesOwn = (node: StateNode, event: string): boolean => {
    if (node.onEvents.size === 0) return false;
    if (node.onEvents.has(event) || node.onEvents.has('*')) return true;
    const partial = wildcards[node.index];
    return partial?.some((d) => descriptorMatches(d, event)) ?? false;
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
      let any = false;
      let every = true;
      for (const child of node.children) {
        if (child.kind === 'history' || !graph.isReachable(child)) continue;
        const handles = alwaysHandles(child, event);
        any ||= handles;
        every &&= handles;
        if (node.kind === 'parallel' ? any : !every) break;
      }
      if (node.kind === 'compound') result = any && every;
      else if (node.kind === 'parallel') result = any;
    }
    memo.set(node, result);
    return result;
  };

  // Memoised per event and state: leaves share their ancestors' answers.
  const aroundMemo = new Map<string, Int8Array>();
  const handledAround = (node: StateNode, event: string): boolean => {
    const parent = node.parent;
    if (!parent) return false;
    let memo = aroundMemo.get(event);
    if (!memo) {
      memo = new Int8Array(tree.nodes.length).fill(-1);
      aroundMemo.set(event, memo);
    }
    const known = memo[node.index];
    if (known !== -1) return known === 1;
    let result = handlesOwn(parent, event);
    if (!result && parent.kind === 'parallel')
      for (const region of parent.children)
        if (region !== node && region.kind !== 'history' && alwaysHandles(region, event)) {
          result = true;
          break;
        }
    if (!result) result = handledAround(parent, event);
    memo[node.index] = result ? 1 : 0;
    return result;
  };
  const handledIn = (leaf: StateNode, event: string): boolean =>
    handlesOwn(leaf, event) || handledAround(leaf, event);

  // Per exception, where its `when` lets it happen, worked out once.
  const scopes = new Map<string, (node: StateNode) => boolean>();
  const inScope = (leaf: StateNode, exception: ExceptionInfo): boolean => {
    if (leaf.kind === 'final') return false;
    let covers = scopes.get(exception.name);
    if (!covers) {
      covers = exceptionScope(tree, exception.def.when, roleOf);
      scopes.set(exception.name, covers);
    }
    return covers(leaf);
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
