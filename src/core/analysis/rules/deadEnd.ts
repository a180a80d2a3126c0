// dead-end: a reachable non-final state with no way out at all.

import { isInside, type StateNode } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

/**
 * The ways out of a leaf: its own transitions and its ancestors' (an ancestor's onDone needs the
 * leaf to finish first, so it is none), and transitions in a parallel region beside it that leave
 * the parallel state altogether.
 */
function waysOut(leaf: StateNode): { any: boolean; onlyOnError: boolean } {
  let onError = false;
  for (let node: StateNode | null = leaf; node; node = node.parent) {
    for (const t of node.transitions) {
      if (t.kind === 'onDone' && node !== leaf) continue;
      if (t.kind === 'invoke.onError') onError = true;
      else return { any: true, onlyOnError: false };
    }
    const parent: StateNode | null = node.parent;
    if (parent?.kind === 'parallel')
      for (const region of parent.children)
        if (region !== node && regionLeaves(region, parent))
          return { any: true, onlyOnError: false };
  }
  return { any: onError, onlyOnError: onError };
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
    const ways = waysOut(leaf);
    const name = leaf.path ? `"${leaf.path}"` : 'the machine';
    if (!ways.any) {
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
    } else if (ways.onlyOnError) {
      out.push(
        crack('dead-end', {
          state: leaf.path,
          path: leaf.jsonPath,
          message: `In ${name}, only a failure of the automation moves the case on: when it succeeds, the case stays there forever.`,
          hint: `Add "onDone" to the invoke in ${name}, leading to the next step.`,
        }),
      );
    }
  }
  return out;
}
