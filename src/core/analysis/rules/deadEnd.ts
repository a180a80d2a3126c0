// dead-end: a reachable non-final state with no way out at all.

import { isInside, type StateNode } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

/**
 * The ways out of a leaf: its own transitions and its ancestors' (an ancestor's onDone needs the
 * leaf to finish first, so it is none), and transitions in a parallel region beside it that leave
 * the parallel state altogether.
 */
function hasWayOut(leaf: StateNode): boolean {
  for (let node: StateNode | null = leaf; node; node = node.parent) {
    const current = node;
    if (current.transitions.some((t) => t.kind !== 'onDone' || current === leaf)) return true;
    const parent: StateNode | null = current.parent;
    if (parent?.kind === 'parallel')
      for (const region of parent.children)
        if (region !== current && regionLeaves(region, parent)) return true;
  }
  return false;
}

/** Whether some transition inside a region takes the case out of the parallel state. */
function regionLeaves(region: StateNode, parallel: StateNode): boolean {
  const stack = [region];
  while (stack.length) {
    const node = stack.pop() as StateNode;
    for (const t of node.transitions)
      if (t.targets.some((target) => !isInside(target, parallel))) return true;
    stack.push(...node.children);
  }
  return false;
}

export function deadEnd(ctx: RuleContext): Crack[] {
  const out: Crack[] = [];
  for (const leaf of ctx.reachableLeaves) {
    const name = leaf.path ? `"${leaf.path}"` : 'the machine';
    if (!hasWayOut(leaf)) {
      out.push(
        crack('dead-end', {
          state: leaf.path,
          path: leaf.jsonPath,
          message: leaf.path
            ? `A case that reaches ${name} stays there forever: nothing moves it on, and it is not an end of the process.`
            : 'The machine has no states: a case starts and goes nowhere.',
          hint: leaf.path
            ? `Add a transition out of ${name} (an event, a timeout with "after"), or mark it "type": "final" if the process really ends there.`
            : 'Add the states of the process under "states", with an "initial" one.',
        }),
      );
    }
  }
  return out;
}
