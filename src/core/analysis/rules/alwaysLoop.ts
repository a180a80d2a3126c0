// always-loop: `always` transitions can cycle without any guard to stop them.

import type { StateNode } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import { EdgeList } from '../csr';
import { stronglyConnected } from '../scc';
import type { Crack } from '../types';

export function alwaysLoop(ctx: RuleContext): Crack[] {
  const { tree, graph } = ctx;
  const n = tree.nodes.length;
  // Vertex 2i: state i is active; 2i+1: state i is entered.
  const edges = new EdgeList();
  const sources: StateNode[] = [];
  const out: Crack[] = [];
  for (const node of tree.nodes) {
    const active = node.index * 2;
    const entered = active + 1;
    edges.add(entered, active);
    if (node.parent) edges.add(active, node.parent.index * 2);
    if (node.kind === 'compound' && node.initial) edges.add(entered, node.initial.index * 2 + 1);
    if (node.kind === 'parallel')
      for (const region of node.children) edges.add(entered, region.index * 2 + 1);
    const unguarded = node.transitions.find((t) => t.kind === 'always' && t.guard === undefined);
    if (!unguarded) continue;
    sources.push(node);
    // Without a target, or back to itself without re-entering, XState settles: the snapshot does
    // not change, so it stops looking for eventless transitions.
    for (const target of unguarded.targets)
      if (target !== node || unguarded.reenter) edges.add(active, target.index * 2 + 1);
  }
  const isSource = new Set(sources.map((s) => s.index));
  for (const component of stronglyConnected(edges.build(n * 2))) {
    const states = component
      .filter((vertex) => vertex % 2 === 0 && isSource.has(vertex / 2))
      .map((vertex) => tree.nodes[vertex / 2]);
    // XState stops when a step leaves the active states as they were: a cycle through one state's
    // own "always" (back to itself, or to an ancestor that enters it again) settles. Two or more
    // states handing the case to each other never do.
    if (states.length < 2) continue;
    if (!states.some((s) => graph.isReachable(s))) continue;
    states.sort((a, b) => a.index - b.index);
    const names = states.map((s) => `"${s.path || '(machine)'}"`).join(' → ');
    out.push(
      crack('always-loop', {
        state: states[0].path || undefined,
        path: states[0].jsonPath,
        message: `The "always" transitions of ${names} lead back to each other with no guard to stop them: a case entering them loops forever.`,
        hint: 'Put a guard on one of these "always" transitions, or let one of them wait for an event or a timeout.',
      }),
    );
  }
  return out;
}
