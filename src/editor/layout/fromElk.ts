// ELK's answer as the file's `layout`: a box per state path, relative to the parent state's
// top-left corner (top-level states relative to the origin), with the size of every state.

import type { ElkNode } from 'elkjs/lib/elk-api';
import type { LayoutBox } from '../state/types';
import { REGION_ROW_ALGORITHM, ROOT_ID } from './elkGraph';

/** Layout boxes by state path, in whole pixels. */
export function fromElk(graph: ElkNode): Record<string, LayoutBox> {
  const out: Record<string, LayoutBox> = {};
  const stack: ElkNode[] = [graph];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.id !== ROOT_ID) {
      // Edges rounded, not sizes: boxes that touch still touch, and never overlap by a pixel.
      const x = node.x ?? 0;
      const y = node.y ?? 0;
      const left = Math.round(x);
      const top = Math.round(y);
      // An own property even for a state called "__proto__".
      Object.defineProperty(out, node.id, {
        value: {
          x: left,
          y: top,
          width: Math.round(x + (node.width ?? 0)) - left,
          height: Math.round(y + (node.height ?? 0)) - top,
        },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const children = node.children;
    if (!children) continue;
    for (const child of children) stack.push(child);
    // A parallel state's regions, side by side, are drawn as tall as the tallest one, so that
    // the dashed lines between them run the whole height.
    if (node.layoutOptions?.['elk.algorithm'] === REGION_ROW_ALGORITHM) {
      let height = 0;
      for (const child of children) height = Math.max(height, child.height ?? 0);
      for (const child of children) child.height = height;
    }
  }
  return out;
}
