// Directed graphs in compressed sparse rows: two typed arrays instead of an array per vertex, so
// that graphs of 10,000-state machines cost the garbage collector almost nothing.

export interface Csr {
  vertexCount: number;
  /** Edges of vertex v are targets[offsets[v] .. offsets[v + 1]). */
  offsets: Int32Array;
  targets: Int32Array;
}

export class EdgeList {
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  length = 0;

  add(from: number, to: number): void {
    if (this.length === this.from.length) {
      const grow = (old: Int32Array) => {
        const next = new Int32Array(old.length * 2);
        next.set(old);
        return next;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
    }
    this.from[this.length] = from;
    this.to[this.length] = to;
    this.length++;
  }

  fromAt(i: number): number {
    return this.from[i];
  }

  toAt(i: number): number {
    return this.to[i];
  }

  /** The graph, with edges in the order they were added; `reverse` flips every edge. */
  build(vertexCount: number, reverse = false): Csr {
    const source = reverse ? this.to : this.from;
    const target = reverse ? this.from : this.to;
    const offsets = new Int32Array(vertexCount + 1);
    for (let i = 0; i < this.length; i++) offsets[source[i] + 1]++;
    for (let v = 0; v < vertexCount; v++) offsets[v + 1] += offsets[v];
    const fill = offsets.slice(0, vertexCount);
    const targets = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) targets[fill[source[i]]++] = target[i];
    return { vertexCount, offsets, targets };
  }
}

/**
 * Marks every vertex reachable from the start vertices. `onReached` may name one more vertex that a
 * newly reached vertex completes (an "and" join, such as the last region of a parallel state).
 */
export function reach(
  graph: Csr,
  starts: number[],
  onReached?: (vertex: number) => number,
): Uint8Array {
  const seen = new Uint8Array(graph.vertexCount);
  const queue = new Int32Array(graph.vertexCount);
  let tail = 0;
  for (const start of starts) {
    if (!seen[start]) {
      seen[start] = 1;
      queue[tail++] = start;
    }
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    if (onReached) {
      const joined = onReached(v);
      if (joined >= 0 && !seen[joined]) {
        seen[joined] = 1;
        queue[tail++] = joined;
      }
    }
    for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) {
      const w = graph.targets[e];
      if (!seen[w]) {
        seen[w] = 1;
        queue[tail++] = w;
      }
    }
  }
  return seen;
}
