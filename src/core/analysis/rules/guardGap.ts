// guard-gap: every transition for an event in a state is guarded; when all answers are "no", the
// event is dropped.

import { descriptorMatches, type Transition } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function guardGap(ctx: RuleContext): Crack[] {
  const out: Crack[] = [];
  for (const node of ctx.tree.nodes) {
    if (!ctx.graph.isReachable(node)) continue;
    const byEvent = new Map<string, Transition[]>();
    for (const t of node.transitions) {
      if (t.kind !== 'on' || t.event === undefined) continue;
      const list = byEvent.get(t.event) ?? [];
      list.push(t);
      byEvent.set(t.event, list);
    }
    for (const [event, transitions] of byEvent) {
      // A guarded wildcard only adds a chance for events that have no transition of their own.
      if (event.includes('*')) continue;
      if (!transitions.every((t) => t.guard !== undefined)) continue;
      // XState also tries the state's wildcard transitions that match ("order.*", "*").
      const caught = node.transitions.some(
        (t) =>
          t.kind === 'on' &&
          t.guard === undefined &&
          t.event !== undefined &&
          descriptorMatches(t.event, event),
      );
      if (caught || ctx.handledAround(node, event)) continue;
      const guards = [...new Set(transitions.map((t) => t.guard))];
      const questions = guards
        .map((g) => ctx.process.conditions?.[g as string]?.question ?? g)
        .map((q) => `"${q}"`)
        .join(' or ');
      out.push(
        crack('guard-gap', {
          state: node.path || undefined,
          event,
          path: transitions[0].jsonPath,
          message: `In ${node.path ? `"${node.path}"` : 'the machine'}, ${event} only moves the case when ${questions} is answered yes; when every answer is no, the event is dropped.`,
          hint: `Add a last transition for ${event} without a guard (the "otherwise" branch) in ${node.path ? `"${node.path}"` : 'the machine'}.`,
        }),
      );
    }
  }
  return out;
}
