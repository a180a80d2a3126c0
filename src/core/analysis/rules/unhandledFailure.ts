// unhandled-failure: an invoked service can fail and nothing catches the failure.

import { descriptorMatches, invokesOf, type StateNode } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

/** Whether the state or an ancestor reacts to the error event of this invocation (not just to "*"). */
function ancestorCatches(node: StateNode, errorEvent: string): boolean {
  for (let n: StateNode | null = node; n; n = n.parent) {
    for (const t of n.transitions)
      if (
        t.kind === 'on' &&
        t.event !== undefined &&
        t.event !== '*' &&
        descriptorMatches(t.event, errorEvent)
      )
        return true;
  }
  return false;
}

export function unhandledFailure(ctx: RuleContext): Crack[] {
  const services = ctx.process.services ?? {};
  const out: Crack[] = [];
  for (const node of ctx.tree.nodes) {
    if (!ctx.graph.isReachable(node)) continue;
    invokesOf(node.config).forEach((invoke, i) => {
      if (!invoke || typeof invoke.src !== 'string') return;
      if (invoke.onError !== undefined) return;
      const def = services[invoke.src];
      if (def && def.failureProbability === 0) return;
      // XState names the invocation `${index}.${state id}` unless it has an id of its own.
      const actorId = typeof invoke.id === 'string' ? invoke.id : `${i}.${node.id}`;
      if (ancestorCatches(node, `xstate.error.actor.${actorId}`)) return;
      const what = def?.description ? ` (${def.description.replace(/\.$/, '')})` : '';
      out.push(
        crack('unhandled-failure', {
          state: node.path || undefined,
          path: node.jsonPath,
          message: `In ${node.path ? `"${node.path}"` : 'the machine'}, the automation "${invoke.src}"${what} can fail, and nothing catches the failure: the case stops and nobody hears of it.`,
          hint: `Add "onError" to the invoke of "${invoke.src}" that retries, or hands the case to a person.`,
        }),
      );
    });
  }
  return out;
}
