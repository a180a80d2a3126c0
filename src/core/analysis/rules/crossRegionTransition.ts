// cross-region-transition: a transition in one region of a parallel state targets a state in a
// sibling region, which leaves and restarts the whole parallel state.

import type { StateNode } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

/** The region of `parallel` that holds `node`, if any. */
function regionOf(node: StateNode, parallel: StateNode): StateNode | undefined {
  for (let n: StateNode | null = node; n; n = n.parent) if (n.parent === parallel) return n;
  return undefined;
}

/** The first target in a region beside the source's, with the parallel state and that region. */
function firstCrossing(source: StateNode, targets: StateNode[]) {
  for (const target of targets)
    for (let p = source.parent; p; p = p.parent) {
      if (p.kind !== 'parallel') continue;
      const from = regionOf(source, p);
      const to = regionOf(target, p);
      if (from && to && from !== to) return { target, parallel: p, region: to };
    }
  return undefined;
}

export function crossRegionTransition(ctx: RuleContext): Crack[] {
  const out: Crack[] = [];
  for (const node of ctx.tree.nodes) {
    for (const t of node.transitions) {
      if (t.shadowed) continue;
      const crossing = firstCrossing(node, t.targets);
      if (!crossing) continue; // one crack per transition, however many of its targets cross
      const { target, parallel, region } = crossing;
      out.push(
        crack('cross-region-transition', {
          state: node.path,
          event: t.kind === 'on' ? t.event : undefined,
          path: t.jsonPath,
          message: `"${node.path}" jumps into "${target.path}", in the parallel branch "${region.key}" beside its own: this leaves "${parallel.path}" and starts all its branches over, losing their progress.`,
          hint: `Let the branches talk through an event instead (raise or send one that "${region.path}" handles), or move the transition up to "${parallel.path}" if restarting is what you mean.`,
        }),
      );
    }
  }
  return out;
}
