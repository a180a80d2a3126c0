// shadowed-transition: a transition can never be taken, because an earlier one for the same event
// has no guard.

import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function shadowedTransition(ctx: RuleContext): Crack[] {
  const out: Crack[] = [];
  for (const node of ctx.tree.nodes) {
    for (const t of node.transitions) {
      if (!t.shadowed) continue;
      const what =
        t.kind === 'on'
          ? t.event
          : t.kind === 'after'
            ? `the ${t.event} ms timeout`
            : `"${t.kind}"`;
      out.push(
        crack('shadowed-transition', {
          state: node.path || undefined,
          event: t.kind === 'on' ? t.event : undefined,
          path: t.jsonPath,
          message: `In ${node.path ? `"${node.path}"` : 'the machine'}, the transition for ${what} at ${t.jsonPath} is never taken: an earlier one for the same event has no condition and always wins.`,
          hint: 'Give the earlier transition a guard, or move the unguarded one to the end of the list.',
        }),
      );
    }
  }
  return out;
}
