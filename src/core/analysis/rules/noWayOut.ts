// no-way-out: a reachable state has transitions, but no final state can be reached from it.

import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function noWayOut(ctx: RuleContext): Crack[] {
  const { graph } = ctx;
  // A machine without any end (a process that runs for ever by design) gets "never-done", once.
  // Once it has ends, every state that can move must be able to reach one.
  if (!graph.hasFinal) return [];
  const out: Crack[] = [];
  for (const leaf of ctx.reachableLeaves) {
    if (graph.canFinishFrom(leaf)) continue;
    // An ancestor's onDone needs the case to finish first: it is no way to move from here.
    let hasTransitions = false;
    for (let node: typeof leaf | null = leaf; node && !hasTransitions; node = node.parent)
      hasTransitions = node.transitions.some((t) => t.kind !== 'onDone' || node === leaf);
    if (!hasTransitions) continue; // a dead end, reported by its own rule
    out.push(
      crack('no-way-out', {
        state: leaf.path,
        path: leaf.jsonPath,
        message: `A case in "${leaf.path}" can still move, but no path from here leads to an end of the process: it goes round in circles or into a dead end.`,
        hint: `Give "${leaf.path}" (or the loop it is in) a way to a final state: an escalation, a timeout, a "close as unresolved".`,
      }),
    );
  }
  return out;
}
