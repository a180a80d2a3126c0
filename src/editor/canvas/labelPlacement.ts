// Where each transition's label sits along its arrow: half way if that spot is free, else the
// nearest free spot toward either end, so that a label does not cover a state, a container's
// title or another label. Pure; runs once per drawing, not per frame.

import { edgeGeometry, type Rect } from './edgePath';
import type { StateFlowNode, TransitionFlowEdge } from './flowTypes';

/** Where along the arrow to try, best first. */
const SPOTS = [0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75];
const LABEL_HEIGHT = 18;
const CHAR_WIDTH = 6;
const HEADER = 32;
const CELL = 160;

/** The label's box, estimated from its text (the canvas draws it in a 10 px font). */
export function labelBox(text: string, at: { x: number; y: number }): Rect {
  const width = Math.min(260, text.length * CHAR_WIDTH + 18);
  return { x: at.x - width / 2, y: at.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A grid of boxes, to find the ones near a point without looking at all of them. */
class Grid {
  private readonly cells = new Map<string, Rect[]>();
  add(r: Rect): void {
    for (const key of this.keys(r)) {
      const list = this.cells.get(key);
      if (list) list.push(r);
      else this.cells.set(key, [r]);
    }
  }
  /** The overlapping area of `r` with every box in the grid. */
  cost(r: Rect): number {
    const seen = new Set<Rect>();
    let total = 0;
    for (const key of this.keys(r))
      for (const other of this.cells.get(key) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        total += overlap(r, other);
      }
    return total;
  }
  private *keys(r: Rect): Generator<string> {
    for (let x = Math.floor(r.x / CELL); x <= Math.floor((r.x + r.width) / CELL); x++)
      for (let y = Math.floor(r.y / CELL); y <= Math.floor((r.y + r.height) / CELL); y++)
        yield `${x},${y}`;
  }
}

/** Sets `labelT` on every edge that shows a label. Nodes come parents first, as toFlow makes them. */
export function placeLabels(nodes: StateFlowNode[], edges: TransitionFlowEdge[]): void {
  const absolute = new Map<string, Rect>();
  const grid = new Grid();
  for (const node of nodes) {
    const parent = node.parentId ? absolute.get(node.parentId) : undefined;
    const rect: Rect = {
      x: node.position.x + (parent?.x ?? 0),
      y: node.position.y + (parent?.y ?? 0),
      width: node.width ?? 0,
      height: node.height ?? 0,
    };
    absolute.set(node.id, rect);
    const container =
      node.type === 'compound' || node.type === 'parallel' || node.type === 'region';
    // A container's body is open ground; its title bar is not.
    grid.add(container ? { ...rect, height: Math.min(HEADER, rect.height) } : rect);
  }
  for (const edge of edges) {
    const data = edge.data;
    if (!data || data.selfLoop || data.targetIndex !== 0) continue;
    const source = absolute.get(edge.source);
    const target = absolute.get(edge.target);
    if (!source || !target) continue;
    const geometry = edgeGeometry(source, target, data.bend);
    let best = SPOTS[0];
    let bestBox = labelBox(data.label, geometry.at(best));
    let bestCost = grid.cost(bestBox);
    for (const t of SPOTS.slice(1)) {
      if (bestCost === 0) break;
      const box = labelBox(data.label, geometry.at(t));
      const cost = grid.cost(box);
      if (cost < bestCost) {
        best = t;
        bestBox = box;
        bestCost = cost;
      }
    }
    data.labelT = best;
    grid.add(bestBox);
  }
}
