// The machine graph the rules share: which states a case can reach from the start, and from which
// it can still reach the end. Node-level and linear in the size of the machine; guards count as
// "may be true and may be false".
//
// Vertices, for every state node X:
//   in(X)    the case is inside X, so X's transitions are available
//   enter(X) the case enters X (and then its initial child, or every region)
//   up(X)    a descendant of X was entered: a parallel X enters its other regions too
//   done(X)  X has reached a final state: its onDone transitions fire
// plus DONE, the machine itself has finished.

import type { StateNode, StateTree } from '../model/tree';

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

  // Edges in compressed form: two passes (count, fill) over the same generator.
  const forward: number[][] = Array.from({ length: vertexCount }, () => []);
  // Edges that only matter for "can the case still get out": in a parallel state, the transitions
  // of the other regions are available too.
  const exitOnly: [number, number][] = [];
  const edge = (from: number, to: number) => forward[from].push(to);

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
      for (const region of node.children) {
        if (region.kind === 'history') continue;
        edge(enterV, v(region, ENTER));
        edge(v(node, UP), v(region, ENTER));
      }
    }
    if (node.kind === 'history' && node.parent) {
      const parent = node.parent;
      const fallback =
        typeof node.config.target === 'string'
          ? parent.children.find((c) => c.key === node.config.target)
          : parent.initial;
      const restored = fallback ?? parent.initial;
      if (restored) edge(enterV, v(restored, ENTER));
      for (const sibling of parent.children) if (sibling !== node) edge(enterV, v(sibling, IN));
    }
    for (const transition of node.transitions) {
      if (transition.kind === 'onDone') {
        for (const target of transition.targets) edge(v(node, DONE_OF), v(target, ENTER));
      } else {
        for (const target of transition.targets) edge(inV, v(target, ENTER));
      }
    }
    if (node.kind === 'final' && node.parent) edge(inV, v(node.parent, DONE_OF));
    if (node === tree.root) edge(v(node, DONE_OF), DONE);
    else if (node.parent?.kind === 'parallel') edge(v(node, DONE_OF), v(node.parent, DONE_OF));
    if (node.kind === 'parallel') {
      const stack = [...node.children];
      while (stack.length) {
        const inner = stack.pop() as StateNode;
        if (inner.transitions.length > 0) exitOnly.push([inV, v(inner, IN)]);
        stack.push(...inner.children);
      }
    }
  }

  const reachable = new Uint8Array(vertexCount);
  const queue = new Int32Array(vertexCount);
  let head = 0;
  let tail = 0;
  const start = v(tree.root, ENTER);
  reachable[start] = 1;
  queue[tail++] = start;
  while (head < tail) {
    const from = queue[head++];
    for (const to of forward[from]) {
      if (!reachable[to]) {
        reachable[to] = 1;
        queue[tail++] = to;
      }
    }
  }

  // Backwards from DONE over the reversed edges (plus the exit-only ones).
  const backward: number[][] = Array.from({ length: vertexCount }, () => []);
  for (let from = 0; from < vertexCount; from++)
    for (const to of forward[from]) backward[to].push(from);
  for (const [from, to] of exitOnly) backward[to].push(from);
  const finishing = new Uint8Array(vertexCount);
  head = 0;
  tail = 0;
  finishing[DONE] = 1;
  queue[tail++] = DONE;
  while (head < tail) {
    const to = queue[head++];
    for (const from of backward[to]) {
      if (!finishing[from]) {
        finishing[from] = 1;
        queue[tail++] = from;
      }
    }
  }

  const hasFinal = tree.root.children.some((child) => child.kind === 'final');
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
