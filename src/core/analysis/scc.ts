// Strongly connected components (Tarjan's algorithm, iterative so deep graphs never overflow).

import type { Csr } from './csr';

/** Components of a directed graph; each component a list of vertices. */
export function stronglyConnected(graph: Csr): number[][] {
  const n = graph.vertexCount;
  const { offsets, targets } = graph;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const work: { v: number; edge: number }[] = [];
  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    work.push({ v: start, edge: 0 });
    index[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = 1;
    while (work.length) {
      const frame = work[work.length - 1];
      const edge = offsets[frame.v] + frame.edge;
      if (edge < offsets[frame.v + 1]) {
        frame.edge++;
        const w = targets[edge];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, edge: 0 });
        } else if (onStack[w]) low[frame.v] = Math.min(low[frame.v], index[w]);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low[parent] = Math.min(low[parent], low[frame.v]);
      }
      if (low[frame.v] === index[frame.v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== frame.v);
        components.push(component);
      }
    }
  }
  return components;
}
