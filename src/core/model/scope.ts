// Who owns a state, and where an exception can happen (its `when`).

import type { StateNode, StateTree } from './tree';
import type { ExceptionScope } from './types';

/** The role a state belongs to: its own `meta.role`, or its nearest ancestor's. */
export function roleOf(node: StateNode): string | undefined {
  for (let n: StateNode | null = node; n; n = n.parent) {
    const role = n.config.meta?.role;
    if (typeof role === 'string') return role;
  }
  return undefined;
}

/**
 * Where an exception scoped by `when` can happen: inside any of its state paths (a state covers its
 * descendants) or in a state of any of its roles; everywhere without `when`. Worked out once for
 * the tree; the returned test is then constant time. Final states are the caller's to judge.
 */
export function exceptionScope(
  tree: StateTree,
  when: ExceptionScope | undefined,
  role: (node: StateNode) => string | undefined = roleOf,
): (node: StateNode) => boolean {
  if (!when || (when.states === undefined && when.roles === undefined)) return () => true;
  const inside = new Uint8Array(tree.nodes.length);
  for (const path of when.states ?? []) {
    const node = tree.byPath.get(path);
    if (node) inside[node.index] = 1;
  }
  // Parents come before their children in tree.nodes.
  for (const node of tree.nodes)
    if (node.parent && inside[node.parent.index]) inside[node.index] = 1;
  const roles = new Set(when.roles ?? []);
  return (node) => {
    if (inside[node.index]) return true;
    const owner = role(node);
    return owner !== undefined && roles.has(owner);
  };
}

/**
 * Whether an exception scoped by `when` can happen while the case is in `leaf`: without `when`, in
 * every non-final state; with it, inside any of its state paths or in a state of any of its roles.
 */
export function exceptionInScope(
  tree: StateTree,
  leaf: StateNode,
  when: ExceptionScope | undefined,
): boolean {
  return leaf.kind !== 'final' && exceptionScope(tree, when)(leaf);
}
