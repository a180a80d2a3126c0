// Who owns a state, and where an exception can happen (its `when`).

import { isInside, type StateNode, type StateTree } from './tree';
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
 * Whether an exception scoped by `when` can happen while the case is in `leaf`: without `when`, in
 * every non-final state; with it, inside any of its state paths or in a state of any of its roles.
 */
export function exceptionInScope(
  tree: StateTree,
  leaf: StateNode,
  when: ExceptionScope | undefined,
): boolean {
  if (leaf.kind === 'final') return false;
  if (!when || (when.states === undefined && when.roles === undefined)) return true;
  for (const path of when.states ?? []) {
    const scope = tree.byPath.get(path);
    if (scope && isInside(leaf, scope)) return true;
  }
  const role = roleOf(leaf);
  return role !== undefined && (when.roles ?? []).includes(role);
}
