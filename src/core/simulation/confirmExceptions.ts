// The analyser judges a parallel state state by state: an exception is handled in a region's state
// only if a region beside it handles it in every state it can be in. Which states of two regions
// can be active together is a question of configurations, which the sweep answers. When the sweep
// sees every configuration, an unhandled-exception crack inside a parallel state is kept only if
// some configuration holding that state really drops the exception.

import type { Crack } from '../analysis/types';
import { buildStateTree } from '../model/tree';
import type { ProcessFile } from '../model/types';
import { sweep } from './sweep';

/** Configurations the confirmation may explore; past this, the analyser's cracks stand. */
export const CONFIRM_MAX_CONFIGURATIONS = 2000;

function insideParallel(
  process: ProcessFile,
  path: string,
  tree = buildStateTree(process.machine),
): boolean {
  for (let node = tree.byPath.get(path) ?? null; node; node = node.parent)
    if (node.kind === 'parallel') return true;
  return false;
}

/** The cracks, without the unhandled exceptions in parallel states that no configuration drops. */
export function confirmParallelExceptions(process: ProcessFile, cracks: Crack[]): Crack[] {
  const tree = buildStateTree(process.machine);
  const doubtful = cracks.filter(
    (c) =>
      c.rule === 'unhandled-exception' &&
      c.state !== undefined &&
      c.event !== undefined &&
      insideParallel(process, c.state, tree),
  );
  if (doubtful.length === 0) return cracks;
  const result = sweep(process, { maxConfigurations: CONFIRM_MAX_CONFIGURATIONS });
  if (result.bounded || result.message || result.rows.length === 0) return cracks;
  const cleared = new Set<Crack>();
  for (const c of doubtful) {
    const rows = result.rows.filter((row) => row.states.includes(c.state as string));
    if (rows.length > 0 && rows.every((row) => row.cells[c.event as string]?.outcome !== 'dropped'))
      cleared.add(c);
  }
  return cleared.size === 0 ? cracks : cracks.filter((c) => !cleared.has(c));
}
