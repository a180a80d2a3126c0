// The machine graph the rules share: which states a case can reach from the start, and from which
// it can still reach the end. Node-level and linear in the size of the machine; guards count as
// "may be true and may be false".
//
// Vertices, for every state node X:
//   in(X)    the case is inside X, so X's transitions are available
//   enter(X) the case enters X (and then its initial child, or every region)
//   up(X)    X or a descendant of X was entered: a region X of a parallel state enters the
//            other regions at their initial states (never its own: the case is already inside)
//   done(X)  X has reached a final state: its onDone transitions fire
// plus DONE, the machine itself has finished.
// A history state enters its default; that it may restore an earlier configuration only matters
// for "can the case still finish", so those edges join the backward pass alone.

import { isInside, type StateNode, type StateTree, splitPath } from '../model/tree';
import { EdgeList, reach } from './csr';

const IN = 0;
const ENTER = 1;
const UP = 2;
const DONE_OF = 3;

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
  const vertexCount = n * 4 + 1;
  const DONE = n * 4;
  const v = (node: StateNode, kind: number) => node.index * 4 + kind;

  const edges = new EdgeList();
  // Edges that only matter for "can the case still get out": in a parallel state, the transitions
  // of the other regions are available too.
  const exitOnly = new EdgeList();
  const edge = (from: number, to: number) => edges.add(from, to);

  for (const node of tree.nodes) {
    const inV = v(node, IN);
    const enterV = v(node, ENTER);
    edge(enterV, inV);
    if (node.parent) {
      edge(inV, v(node.parent, IN));
      edge(enterV, v(node.parent, UP));
      edge(v(node, UP), v(node.parent, UP));
    }
    edge(v(node, UP), inV);
    if (node.kind === 'compound' && node.initial) edge(enterV, v(node.initial, ENTER));
    if (node.kind === 'parallel') {
      const regions = node.children.filter((c) => c.kind !== 'history');
      for (const region of regions) {
        edge(enterV, v(region, ENTER));
        edge(v(region, ENTER), v(region, UP));
        for (const other of regions) if (other !== region) edge(v(region, UP), v(other, ENTER));
      }
    }
    if (node.kind === 'history' && node.parent) {
      // Nothing to restore yet: its target, or the parent entered as usual.
      const fallback = historyDefault(node);
      edge(enterV, fallback ? v(fallback, ENTER) : v(node.parent, ENTER));
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
      const from = transition.kind === 'onDone' ? v(node, DONE_OF) : inV;
      for (const target of transition.targets) edge(from, v(target, ENTER));
    }
    if (node.kind === 'final' && node.parent) edge(inV, v(node.parent, DONE_OF));
    if (node === tree.root) edge(v(node, DONE_OF), DONE);
    else if (node.parent?.kind === 'parallel') edge(v(node, DONE_OF), v(node.parent, DONE_OF));
    if (node.kind === 'parallel') {
      const stack = [...node.children];
      while (stack.length) {
        const inner = stack.pop() as StateNode;
        if (inner.transitions.length > 0) exitOnly.add(inV, v(inner, IN));
        stack.push(...inner.children);
      }
    }
  }

  const reachable = reach(edges.build(vertexCount), [v(tree.root, ENTER)]);
  // Backwards from DONE over the reversed edges, plus the exit-only ones.
  // Only between states a case can be in: an unreachable state gets nobody out.
  for (let i = 0; i < exitOnly.length; i++) {
    const from = exitOnly.fromAt(i);
    const to = exitOnly.toAt(i);
    const toState = to - (to % 4); // in(X) of the target vertex's state
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

/** Where a history state goes when it has nothing to restore: its `target`, a path below its parent. */
function historyDefault(history: StateNode): StateNode | undefined {
  const parent = history.parent;
  const target = history.config.target;
  if (!parent || typeof target !== 'string') return undefined;
  let node: StateNode | undefined = parent;
  for (const segment of splitPath(target)) node = node?.childByKey.get(segment);
  return node && node !== parent && isInside(node, parent) ? node : undefined;
}
