// shadowed-transition: a transition can never be taken, because an earlier one for the same event
// has no guard.

import type { Transition } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function shadowedTransition(ctx: RuleContext): Crack[] {
  const out: Crack[] = [];
  for (const node of ctx.tree.nodes) {
    const groups = new Map<string, Transition[]>();
    for (const t of node.transitions) {
      // One list in the file (`on.GO`, `always`, `invoke[1].onDone`): its path without the index.
      const suffix = `[${t.order}]`;
      const key = t.jsonPath.endsWith(suffix) ? t.jsonPath.slice(0, -suffix.length) : t.jsonPath;
      const list = groups.get(key) ?? [];
      list.push(t);
      groups.set(key, list);
    }
    for (const list of groups.values()) {
      const firstOpen = list.findIndex((t) => t.guard === undefined);
      if (firstOpen < 0) continue;
      for (const t of list.slice(firstOpen + 1)) {
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
  }
  return out;
}
