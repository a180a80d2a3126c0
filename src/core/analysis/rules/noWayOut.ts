// no-way-out: a reachable state has transitions, but no final state can be reached from it.

import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function noWayOut(ctx: RuleContext): Crack[] {
  const { graph } = ctx;
  // Without any final state, "never-done" says it once for the whole machine.
  if (!graph.hasFinal) return [];
  const out: Crack[] = [];
  for (const leaf of ctx.reachableLeaves) {
    if (graph.canFinishFrom(leaf)) continue;
    let hasTransitions = false;
    for (let node: typeof leaf | null = leaf; node && !hasTransitions; node = node.parent)
      hasTransitions = node.transitions.length > 0;
    if (!hasTransitions) continue; // a dead end, reported by its own rule
    out.push(
      crack('no-way-out', {
        state: leaf.path,
        path: leaf.jsonPath,
        message: `A case in "${leaf.path}" can move, but only in circles: from here no path leads to an end of the process.`,
        hint: `Give "${leaf.path}" (or the loop it is in) a way to a final state: an escalation, a timeout, a "close as unresolved".`,
      }),
    );
  }
  return out;
}
