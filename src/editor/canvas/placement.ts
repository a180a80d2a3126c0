// Where each state sits and how big it is: the file's `layout` where it has a box, else a simple
// left-to-right placement in the order a case meets the states (the App runs ELK for a real
// layout). Containers grow to hold their children; a parallel state's regions sit side by side.
// Boxes are relative to the parent state's top-left corner, top-level states to the origin.

import type { StateNode, StateTree } from '../../core/model/tree';
import { leafSize, nameWidth, SIZES } from '../layout/elkGraph';
import { boxAt } from '../state/layoutAccess';
import type { LayoutBox } from '../state/types';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Spacing of the fallback placement: wide columns leave room for the edge labels. */
export const FALLBACK = { gapX: 120, gapY: 40 } as const;

/** Room a container's header needs beside its name: role chip, crack badge, markers. */
const HEADER_EXTRA = 96;

/** The box of every state but the root, by node. */
export function placeStates(
  tree: StateTree,
  layout: Readonly<Record<string, LayoutBox | undefined>>,
): Map<StateNode, Box> {
  const boxes = new Map<StateNode, Box>();
  // Children before parents: tree.nodes is breadth-first, so walk it backwards.
  for (let i = tree.nodes.length - 1; i >= 1; i--) {
    const node = tree.nodes[i];
    const saved = boxAt(layout, node.path);
    const box: Box = { x: saved?.x ?? Number.NaN, y: saved?.y ?? Number.NaN, width: 0, height: 0 };
    if (node.children.length === 0 && node.kind !== 'parallel' && node.kind !== 'compound') {
      const size = leafSize(node);
      box.width = node.kind === 'history' ? size.width : Math.max(saved?.width ?? 0, size.width);
      box.height = node.kind === 'history' ? size.height : (saved?.height ?? size.height);
    } else {
      const inner = placeChildren(node, boxes, layout);
      const minWidth = nameWidth(node.key) + 2 * SIZES.inset + HEADER_EXTRA;
      const minHeight = SIZES.header + SIZES.atomicHeight + SIZES.inset;
      if (node.kind === 'parallel') {
        box.width = Math.max(inner.width, minWidth);
        box.height = Math.max(inner.height, minHeight);
        stretchLastRegion(node, boxes, box.width);
      } else {
        box.width = Math.max(inner.width + SIZES.inset, minWidth, saved?.width ?? 0);
        box.height = Math.max(inner.height + SIZES.inset, minHeight, saved?.height ?? 0);
      }
    }
    boxes.set(node, box);
  }
  placeChildren(tree.root, boxes, layout);
  return boxes;
}

/**
 * Positions the children of `parent` (their sizes are known) and returns the extent they cover,
 * measured from the parent's top-left corner.
 */
function placeChildren(
  parent: StateNode,
  boxes: Map<StateNode, Box>,
  layout: Readonly<Record<string, LayoutBox | undefined>>,
): { width: number; height: number } {
  const children = parent.children;
  if (children.length === 0) return { width: 0, height: 0 };
  const top = parent.parent === null ? 0 : SIZES.header + SIZES.inset;
  const left = parent.parent === null ? 0 : SIZES.inset;
  if (parent.kind === 'parallel') {
    // Regions side by side, touching, all as tall as the tallest: dashed lines divide them.
    let x = 0;
    let height = 0;
    for (const child of children) height = Math.max(height, boxes.get(child)!.height);
    for (const child of children) {
      const box = boxes.get(child)!;
      box.x = x;
      box.y = SIZES.header;
      box.height = height;
      x += box.width;
    }
    return { width: x, height: SIZES.header + height };
  }
  const missing = children.filter((child) => !boxAt(layout, child.path));
  let right = 0;
  let bottom = 0;
  for (const child of children) {
    if (!boxAt(layout, child.path)) continue;
    const box = boxes.get(child)!;
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  if (missing.length > 0) {
    const laidOut = missing.length < children.length;
    const origin = { x: left, y: laidOut ? bottom + FALLBACK.gapY : top };
    const placed = fallbackPositions(parent, missing, boxes, origin);
    for (const child of missing) {
      const box = boxes.get(child)!;
      const at = placed.get(child)!;
      box.x = at.x;
      box.y = at.y;
      right = Math.max(right, box.x + box.width);
      bottom = Math.max(bottom, box.y + box.height);
    }
  }
  return { width: right, height: bottom };
}

/** A parallel state wider than its regions (a long name): the last region takes the rest. */
function stretchLastRegion(parallel: StateNode, boxes: Map<StateNode, Box>, width: number) {
  const last = parallel.children[parallel.children.length - 1];
  if (!last) return;
  const box = boxes.get(last)!;
  box.width = Math.max(box.width, width - box.x);
}

/** The child of `parent` that holds `node` (itself, or an ancestor of it), if any. */
function childHolding(parent: StateNode, node: StateNode): StateNode | undefined {
  let n: StateNode | null = node;
  while (n && n.parent !== parent) n = n.parent;
  return n ?? undefined;
}

/**
 * Columns in the order a case meets the states: breadth-first from the initial state along the
 * transitions (of the states and everything inside them), final states in the last column.
 */
export function fallbackPositions(
  parent: StateNode,
  members: StateNode[],
  boxes: Map<StateNode, Box>,
  origin: { x: number; y: number },
): Map<StateNode, { x: number; y: number }> {
  const memberSet = new Set(members);
  const next = new Map<StateNode, StateNode[]>();
  for (const member of members) {
    const out: StateNode[] = [];
    const stack = [member];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const child of node.children) stack.push(child);
      for (const transition of node.transitions)
        for (const target of transition.targets) {
          const sibling = childHolding(parent, target);
          if (sibling && sibling !== member && memberSet.has(sibling)) out.push(sibling);
        }
    }
    next.set(member, out);
  }
  const column = new Map<StateNode, number>();
  const order: StateNode[] = [];
  const start =
    parent.initial && memberSet.has(parent.initial) ? parent.initial : (members[0] as StateNode);
  for (const root of [start, ...members]) {
    if (column.has(root)) continue;
    column.set(root, 0);
    order.push(root);
    for (let q = order.length - 1; q < order.length; q++) {
      const node = order[q];
      for (const target of next.get(node) ?? []) {
        if (column.has(target)) continue;
        column.set(target, column.get(node)! + 1);
        order.push(target);
      }
    }
  }
  let lastColumn = 0;
  for (const node of order)
    if (node.kind !== 'final') lastColumn = Math.max(lastColumn, column.get(node)!);
  for (const node of order)
    if (node.kind === 'final' && order.some((n) => n.kind !== 'final'))
      column.set(node, lastColumn + 1);

  const columns: StateNode[][] = [];
  for (const node of order) {
    const at = column.get(node)!;
    if (!columns[at]) columns[at] = [];
    columns[at].push(node);
  }
  const filled = columns.filter((c) => c !== undefined);
  const heights = filled.map(
    (c) =>
      c.reduce((sum, node) => sum + boxes.get(node)!.height, 0) + (c.length - 1) * FALLBACK.gapY,
  );
  const tallest = Math.max(...heights);
  const out = new Map<StateNode, { x: number; y: number }>();
  let x = origin.x;
  filled.forEach((nodes, i) => {
    let y = origin.y + Math.round((tallest - heights[i]) / 2);
    let width = 0;
    for (const node of nodes) {
      const box = boxes.get(node)!;
      out.set(node, { x, y });
      y += box.height + FALLBACK.gapY;
      width = Math.max(width, box.width);
    }
    x += width + FALLBACK.gapX;
  });
  return out;
}
