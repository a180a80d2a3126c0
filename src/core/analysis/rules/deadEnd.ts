// dead-end: a reachable non-final state with no way out at all.

import type { StateNode } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

/** Whether the state or an ancestor has a transition that can take the case elsewhere. */
function hasWayOut(leaf: StateNode): boolean {
  for (let node: StateNode | null = leaf; node; node = node.parent) {
    if (node.transitions.some((t) => t.kind !== 'onDone' || node === leaf)) return true;
    const parent: StateNode | null = node.parent;
    if (parent?.kind === 'parallel') {
      // Another region may still move the whole parallel state on.
      for (const region of parent.children)
        if (region !== node && subtreeHasTransitions(region)) return true;
    }
  }
  return false;
}

function subtreeHasTransitions(root: StateNode): boolean {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as StateNode;
    if (node.transitions.length > 0) return true;
    stack.push(...node.children);
  }
  return false;
}

export function deadEnd(ctx: RuleContext): Crack[] {
  return ctx.reachableLeaves
    .filter((leaf) => !hasWayOut(leaf))
    .map((leaf) =>
      crack('dead-end', {
        state: leaf.path,
        path: leaf.jsonPath,
        message: `A case that reaches "${leaf.path}" stays there forever: nothing moves it on, and it is not an end of the process.`,
        hint: `Add a transition out of "${leaf.path}" (an event, a timeout with "after"), or mark it "type": "final" if the process really ends there.`,
      }),
    );
}
