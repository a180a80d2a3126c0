// unhandled-exception: an exception can happen in a reachable state and nobody handles it there.

import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function unhandledException(ctx: RuleContext): Crack[] {
  const out: Crack[] = [];
  for (const exception of ctx.exceptions) {
    const what = exception.def.description
      ? ` (${exception.def.description.replace(/\.$/, '')})`
      : '';
    for (const leaf of ctx.reachableLeaves) {
      if (!ctx.inScope(leaf, exception) || ctx.handledIn(leaf, exception.name)) continue;
      out.push(
        crack('unhandled-exception', {
          state: leaf.path,
          event: exception.name,
          path: leaf.jsonPath,
          message: `If ${exception.name} happens in "${leaf.path}"${what}, nobody handles it: the case is dropped and nobody hears of it.`,
          hint: `Handle ${exception.name} in "${leaf.path}" or in a state around it (reroute, queue a callback, escalate), or narrow the exception's "when" if it cannot happen here.`,
        }),
      );
    }
  }
  return out;
}
