// unreachable-state: no path from the initial state reaches the state, whatever the guards answer.

import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function unreachableState(ctx: RuleContext): Crack[] {
  return ctx.tree.nodes
    .filter((node) => node.parent && node.kind !== 'history' && !ctx.graph.isReachable(node))
    .map((node) =>
      crack('unreachable-state', {
        state: node.path,
        path: node.jsonPath,
        message: `No case ever reaches "${node.path}": no transition leads there from the start, whatever the answers to the questions.`,
        hint: `Add a transition into "${node.path}" from the step that should lead there, or delete it if the step is gone.`,
      }),
    );
}
