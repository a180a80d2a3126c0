// The machine graph the rules share: which states a case can reach from the start, and from which
// it can still reach the end. Node-level and linear in the size of the machine; guards count as
// "may be true and may be false".
//
// Vertices, for every state node X:
//   in(X)    the case is inside X, so X's transitions are available
//   enter(X) the case enters X (and then its initial child, or every region)
//   done(X)  X has reached a final state: its onDone transitions fire
// plus DONE, the machine itself has finished.
// A history state enters its default; that it may restore an earlier configuration only matters
// for "can the case still finish", so those edges join the backward pass alone.

import { isInside, type StateNode, type StateTree, splitPath } from '../model/tree';
import { EdgeList, reach } from './csr';

const IN = 0;
const ENTER = 1;
const DONE_OF = 2;
const KINDS = 3;

export interface MachineGraph {
  tree: StateTree;
  /** in(X) is reachable from the initial state. */
  reachable: Uint8Array;
  /** From in(X), the machine can still finish. */
  canFinish: Uint8Array;
  /** The machine can finish at all (a top-level final state is reachable). */
  finishes: boolean;
  /** The machine has a top-level final state. */
  hasFinal: boolean;
  isReachable(node: StateNode): boolean;
  canFinishFrom(node: StateNode): boolean;
}

export function buildGraph(tree: StateTree): MachineGraph {
  const n = tree.nodes.length;
  const vertexCount = n * KINDS + 1;
  const DONE = n * KINDS;
  const v = (node: StateNode, kind: number) => node.index * KINDS + kind;

  const edges = new EdgeList();
  // Edges that only matter for "can the case still get out": in a parallel state, the transitions
  // of the other regions are available too.
  const exitOnly = new EdgeList();
  const edge = (from: number, to: number) => edges.add(from, to);
  // A transition enters its target and the target's ancestors below the transition's domain;
  // each parallel state among those enters its other regions at their initial states.
  const enterTarget = (from: number, source: StateNode, target: StateNode, reenter: boolean) => {
    edge(from, v(target, ENTER));
    const domain = transitionDomain(source, target, reenter);
    for (let inner = target; inner !== domain; ) {
      const parent = inner.parent;
      if (!parent || parent === domain) break;
      if (parent.kind === 'parallel')
        for (const other of parent.children)
          if (other !== inner && other.kind !== 'history') edge(from, v(other, ENTER));
      inner = parent;
    }
  };

  for (const node of tree.nodes) {
    const inV = v(node, IN);
    const enterV = v(node, ENTER);
    edge(enterV, inV);
    if (node.parent) edge(inV, v(node.parent, IN));
    if (node.kind === 'compound' && node.initial) edge(enterV, v(node.initial, ENTER));
    if (node.kind === 'parallel') {
      for (const region of node.children)
        if (region.kind !== 'history') edge(enterV, v(region, ENTER));
    }
    if (node.kind === 'history' && node.parent) {
      // Nothing to restore yet: its target, or the parent entered as usual.
      const fallback = historyDefault(node, tree);
      if (fallback) enterTarget(enterV, node, fallback, false);
      else edge(enterV, v(node.parent, ENTER));
      // Restoring: a sibling (shallow) or any state inside the parent (deep) the case was in.
      const deep = node.config.history === 'deep';
      const stack = [...node.parent.children];
      while (stack.length) {
        const inner = stack.pop() as StateNode;
        if (inner === node || inner.kind === 'history') continue;
        exitOnly.add(enterV, v(inner, deep ? IN : ENTER));
        if (deep) stack.push(...inner.children);
      }
    }
    for (const transition of node.transitions) {
      if (transition.shadowed) continue; // never taken: it leads nowhere a case can go
      const from = transition.kind === 'onDone' ? v(node, DONE_OF) : inV;
      for (const target of transition.targets) enterTarget(from, node, target, transition.reenter);
    }
    if (node.kind === 'final' && node.parent) edge(inV, v(node.parent, DONE_OF));
    if (node === tree.root) edge(v(node, DONE_OF), DONE);
    if (node.kind === 'parallel') {
      const stack = [...node.children];
      while (stack.length) {
        const inner = stack.pop() as StateNode;
        if (inner.transitions.length > 0) exitOnly.add(inV, v(inner, IN));
        stack.push(...inner.children);
      }
    }
  }

  // A parallel state is done when every region is: count the regions done, join on the last.
  const regionsLeft = new Int32Array(n);
  for (const node of tree.nodes)
    if (node.kind === 'parallel')
      regionsLeft[node.index] = node.children.filter((c) => c.kind !== 'history').length;
  const joinRegions = (vertex: number): number => {
    if (vertex % KINDS !== DONE_OF || vertex === DONE) return -1;
    const parent = tree.nodes[(vertex - DONE_OF) / KINDS].parent;
    if (parent?.kind !== 'parallel') return -1;
    return --regionsLeft[parent.index] === 0 ? v(parent, DONE_OF) : -1;
  };
  const reachable = reach(edges.build(vertexCount), [v(tree.root, ENTER)], joinRegions);
  // Backwards, a region finishing helps only when every region of its parallel state can finish.
  for (const node of tree.nodes)
    if (node.kind === 'parallel' && reachable[v(node, DONE_OF)])
      for (const region of node.children)
        if (region.kind !== 'history') edge(v(region, DONE_OF), v(node, DONE_OF));
  // Backwards from DONE over the reversed edges, plus the exit-only ones.
  // Only between states a case can be in: an unreachable state gets nobody out.
  for (let i = 0; i < exitOnly.length; i++) {
    const from = exitOnly.fromAt(i);
    const to = exitOnly.toAt(i);
    const toState = to - (to % KINDS); // in(X) of the target vertex's state
    if (reachable[from] && reachable[toState + IN]) edges.add(from, to);
  }
  const finishing = reach(edges.build(vertexCount, true), [DONE]);

  // A final state finishes the machine when its parent is the root, or a region of a parallel
  // state that finishes the machine in turn.
  const finishesMachine = (node: StateNode): boolean =>
    node === tree.root || (node.parent?.kind === 'parallel' && finishesMachine(node.parent));
  const hasFinal = tree.nodes.some(
    (node) => node.kind === 'final' && node.parent !== null && finishesMachine(node.parent),
  );
  return {
    tree,
    reachable,
    canFinish: finishing,
    finishes: reachable[DONE] === 1,
    hasFinal,
    isReachable: (node) => reachable[v(node, IN)] === 1,
    canFinishFrom: (node) => finishing[v(node, IN)] === 1,
  };
}

/**
 * Where a history state goes when it has nothing to restore: its `target`, a path below its
 * parent as XState reads it. Undefined without a target, or when the target names no state.
 */
export function historyDefault(history: StateNode, tree?: StateTree): StateNode | undefined {
  const parent = history.parent;
  const target = history.config.target;
  if (!parent || typeof target !== 'string') return undefined;
  if (target.startsWith('#')) {
    // By id, as XState resolves it: the id, then a path below it.
    const [first, ...rest] = splitPath(target.slice(1));
    let node = tree?.byId.get(first);
    for (const key of rest) node = node?.childByKey.get(key);
    return node;
  }
  let node: StateNode | undefined = parent;
  for (const segment of splitPath(target)) node = node?.childByKey.get(segment);
  return node && node !== parent && isInside(node, parent) ? node : undefined;
}

/**
 * The state a transition stays inside (SCXML's transition domain, XState v5's default): the source
 * itself for a target inside it unless it re-enters, else the nearest compound state (or the
 * machine) around both.
 */
function transitionDomain(
  source: StateNode,
  target: StateNode,
  reenter: boolean,
): StateNode | null {
  if (!reenter && isInside(target, source)) return source;
  let a: StateNode | null = source;
  let b: StateNode | null = target;
  while (a && b && a.depth > b.depth) a = a.parent;
  while (a && b && b.depth > a.depth) b = b.parent;
  while (a && b && a !== b) {
    a = a.parent;
    b = b.parent;
  }
  // A proper ancestor of both, and compound: a parallel state is left and entered whole.
  let domain: StateNode | null = a === source || a === target ? (a?.parent ?? null) : a;
  while (domain?.parent && domain.kind === 'parallel') domain = domain.parent;
  return domain;
}
