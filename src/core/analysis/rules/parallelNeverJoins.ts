// parallel-never-joins: a parallel state has onDone, but some region can never reach its final state.

import type { StateNode } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function parallelNeverJoins(ctx: RuleContext): Crack[] {
  const { graph } = ctx;
  const memo = new Map<StateNode, boolean>();
  const canBeDone = (node: StateNode): boolean => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, false);
    let result = false;
    if (node.kind === 'final') result = graph.isReachable(node);
    else if (node.kind === 'compound')
      result = node.children.some((c) => c.kind === 'final' && graph.isReachable(c));
    else if (node.kind === 'parallel')
      result = node.children.filter((c) => c.kind !== 'history').every(canBeDone);
    memo.set(node, result);
    return result;
  };
  const out: Crack[] = [];
  for (const node of ctx.tree.nodes) {
    if (node.kind !== 'parallel' || node.config.onDone === undefined || !graph.isReachable(node))
      continue;
    for (const region of node.children) {
      if (region.kind === 'history' || canBeDone(region)) continue;
      out.push(
        crack('parallel-never-joins', {
          state: region.path,
          path: region.jsonPath,
          message: `"${node.path}" waits for all its parallel branches to finish, but the branch "${region.key}" never reaches a final state: the work never comes back together.`,
          hint: `Give "${region.path}" a final state that its last step leads to, so that "${node.path}" can move on.`,
        }),
      );
    }
  }
  return out;
}
