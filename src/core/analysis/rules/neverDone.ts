// never-done: no final state is reachable from the initial state.

import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function neverDone(ctx: RuleContext): Crack[] {
  if (ctx.graph.finishes) return [];
  return [
    crack('never-done', {
      path: 'machine',
      message: ctx.graph.hasFinal
        ? 'No case ever finishes: none of the final states can be reached from the start.'
        : ctx.tree.nodes.some((n) => n.kind === 'final')
          ? 'No case ever finishes: the final states here only end the state around them, and nothing leads from there to an end of the process.'
          : 'The process has no end: there is no final state, so no case is ever finished.',
      hint: 'Add a top-level state with "type": "final" for each way a case ends (resolved, closed, lost) and lead transitions to it.',
    }),
  ];
}
