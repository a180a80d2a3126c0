// The decisions behind the canvas's gestures, pure: what a React Flow selection means, where a
// dragged state lands, how a new name is checked, and keeping unchanged nodes as they were so
// that memoised components skip re-rendering.

import { boxAt, withBox } from '../state/layoutAccess';
import { plain } from '../state/refs';
import type { LayoutBox, Recipe, Selection } from '../state/types';
import { transitionId } from '../state/types';
import type { Rect } from './edgePath';
import type { StateFlowNode, TransitionFlowEdge } from './flowTypes';

/** The editor's selection for what React Flow has selected. */
export function selectionOf(
  nodes: readonly { id: string; data?: unknown }[],
  edges: readonly TransitionFlowEdge[],
): Selection {
  const paths = nodes
    .map((n) => (n.data as { path?: unknown } | undefined)?.path)
    .filter((p): p is string => typeof p === 'string');
  if (paths.length > 0) return { kind: 'states', paths };
  const edge = edges.find((e) => e.data);
  if (edge?.data) return { kind: 'transition', ref: edge.data.ref };
  return { kind: 'none' };
}

/** A comparable key for a selection; "process" and "none" both mean nothing on the canvas. */
export function selectionKey(selection: Selection): string {
  switch (selection.kind) {
    case 'states':
      return `s:${[...selection.paths].sort().join('\n')}`;
    case 'transition':
      return `t:${transitionId(selection.ref)}`;
    default:
      return 'none';
  }
}

export interface DropContainer {
  path: string;
  depth: number;
  /** False for a parallel state: a state dropped on its header stays where it was. */
  accepts: boolean;
  rect: Rect;
}

/**
 * The compound state a dragged state was dropped into: the deepest one under the pointer that is
 * not the state itself nor inside it; '' (top level) when the pointer is over no container;
 * undefined when it is over one that takes no states (a parallel state's header).
 */
export function dropParent(
  dragged: string,
  pointer: { x: number; y: number },
  containers: readonly DropContainer[],
): string | undefined {
  let best: DropContainer | undefined;
  for (const c of containers) {
    if (c.path === dragged || c.path.startsWith(`${dragged}.`)) continue;
    const { x, y, width, height } = c.rect;
    if (pointer.x < x || pointer.y < y || pointer.x > x + width || pointer.y > y + height) continue;
    if (!best || c.depth > best.depth) best = c;
  }
  if (!best) return '';
  return best.accepts ? best.path : undefined;
}

/**
 * Saves the positions the canvas shows for states the file's layout lacks, so that placing one
 * state (a drag, a new state) does not rearrange the others the fallback placement put there.
 */
export function fillLayout(
  nodes: readonly StateFlowNode[],
  layout: Readonly<Record<string, LayoutBox | undefined>>,
): Recipe {
  return (draft) => {
    const missing = nodes.filter((n) => !boxAt(layout, n.data.path) && n.type !== 'region');
    if (missing.length === 0) return;
    let next = draft.layout ? plain(draft.layout) : {};
    for (const n of missing)
      if (!boxAt(next, n.data.path))
        next = withBox(next, n.data.path, {
          x: Math.round(n.position.x),
          y: Math.round(n.position.y),
        });
    draft.layout = next;
  };
}

/** Why a new state name cannot be used, or undefined when it can. */
export function nameProblem(
  name: string,
  oldKey: string,
  siblings: Iterable<string>,
): string | undefined {
  const key = name.trim();
  if (!key) return 'A state needs a name';
  if (key.includes('.')) return 'A state name cannot hold a dot (dots separate state paths)';
  if (key.startsWith('#')) return 'A state name cannot start with #';
  if (key === oldKey) return undefined;
  for (const sibling of siblings) if (sibling === key) return `"${key}" already exists here`;
  return undefined;
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const key in b) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
      continue;
    }
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      if (JSON.stringify(x) !== JSON.stringify(y)) return false;
      continue;
    }
    return false;
  }
  for (const key in a) if (!(key in b)) return false;
  return true;
}

/**
 * The next nodes, reusing the previous object wherever nothing changed (React Flow then skips
 * the node). A node being dragged keeps the position the drag gave it.
 */
export function reconcileNodes(
  previous: readonly StateFlowNode[],
  next: StateFlowNode[],
): StateFlowNode[] {
  const old = new Map(previous.map((n) => [n.id, n]));
  return next.map((node) => {
    const before = old.get(node.id);
    if (!before) return node;
    const position = before.dragging ? before.position : node.position;
    if (
      before.type === node.type &&
      before.parentId === node.parentId &&
      before.position.x === position.x &&
      before.position.y === position.y &&
      before.width === node.width &&
      before.height === node.height &&
      (before.selected ?? false) === (node.selected ?? false) &&
      before.zIndex === node.zIndex &&
      before.draggable === node.draggable &&
      sameData(before.data, node.data)
    )
      return before;
    return { ...node, position, measured: before.measured, dragging: before.dragging };
  });
}

export function reconcileEdges(
  previous: readonly TransitionFlowEdge[],
  next: TransitionFlowEdge[],
): TransitionFlowEdge[] {
  const old = new Map(previous.map((e) => [e.id, e]));
  return next.map((edge) => {
    const before = old.get(edge.id);
    if (
      before &&
      before.source === edge.source &&
      before.target === edge.target &&
      (before.selected ?? false) === (edge.selected ?? false) &&
      before.zIndex === edge.zIndex &&
      JSON.stringify(before.markerEnd) === JSON.stringify(edge.markerEnd) &&
      before.data &&
      edge.data &&
      sameData(before.data, edge.data)
    )
      return before;
    return edge;
  });
}
