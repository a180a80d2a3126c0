// Which state a target string of a transition reaches, by the core's own resolution.

import { buildStateTree, resolveTarget } from '../../core/model/tree';
import type { ProcessFile } from '../../core/model/types';

/** The state path a target string reaches from its source state, or undefined. */
export function resolveTargetPath(
  process: ProcessFile,
  source: string,
  target: string,
): string | undefined {
  const tree = buildStateTree(process.machine);
  const node = tree.byPath.get(source);
  if (!node) return undefined;
  const hit = resolveTarget(node, target, tree.byId);
  return 'node' in hit ? hit.node.path : undefined;
}
