// wait-forever: a state that waits on someone outside the process has no timeout and no exception way out.

import type { StateNode } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function waitForever(ctx: RuleContext): Crack[] {
  const exceptionNames = ctx.exceptions.map((e) => e.name);
  const out: Crack[] = [];
  for (const node of ctx.tree.nodes) {
    if (node.config.meta?.waits !== true || !node.parent || !ctx.graph.isReachable(node)) continue;
    let timeout = false;
    let exceptionWay = false;
    for (let n: StateNode | null = node; n; n = n.parent) {
      const current = n;
      if (current.transitions.some((t) => t.kind === 'after')) timeout = true;
      if (exceptionNames.some((name) => ctx.handlesOwn(current, name))) exceptionWay = true;
    }
    if (timeout || exceptionWay) continue;
    out.push(
      crack('wait-forever', {
        state: node.path,
        path: node.jsonPath,
        message: `"${node.path}" waits on someone outside the process, with no timeout and no exception to break the wait: if they never answer, the case waits forever.`,
        hint: `Add an "after" timeout to "${node.path}" that chases or escalates, or handle the exception that ends the wait (they left, they are away).`,
      }),
    );
  }
  return out;
}
