// The page bench/layout.bench.ts drives in Chromium: lays out generated machines through the
// editor's layout client (so in its Web Worker) and watches the main thread meanwhile.

import type { ProcessFile } from '../src/core/model/types';
import type { ElkGraphOptions } from '../src/editor/layout/elkGraph';
import { layoutProcessTimed } from '../src/editor/layout/layoutClient';
import { generateProcess } from './generate';

export interface PageRun {
  /** From the request to the answer, as the editor waits for it. */
  ms: number;
  /** Inside the worker: the graph, ELK and the boxes. */
  workerMs: number;
  /** The longest gap between two heartbeats of a 10 ms interval on the main thread. */
  heartbeatGapMs: number;
  /** The longest main-thread task that Chromium reported as long (over 50 ms), or 0. */
  longestTaskMs: number;
  states: number;
}

async function layoutOnce(process: ProcessFile, options?: ElkGraphOptions): Promise<PageRun> {
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  let heartbeatGapMs = 0;
  const beat = setInterval(() => {
    const now = performance.now();
    heartbeatGapMs = Math.max(heartbeatGapMs, now - last);
    last = now;
  }, 10);
  // Let the heartbeat start before the request leaves.
  await new Promise((resolve) => setTimeout(resolve, 30));
  last = performance.now();
  const start = performance.now();
  const { layout, ms: workerMs } = await layoutProcessTimed(process, options);
  const ms = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 30));
  clearInterval(beat);
  observer.takeRecords().forEach((entry) => {
    longestTaskMs = Math.max(longestTaskMs, entry.duration);
  });
  observer.disconnect();
  return { ms, workerMs, heartbeatGapMs, longestTaskMs, states: Object.keys(layout).length };
}

/** Lays out a generated machine of `size` states `warmup + repeats` times; returns the measured. */
async function run(
  size: number,
  repeats: number,
  warmup: number,
  options?: ElkGraphOptions,
): Promise<PageRun[]> {
  const process = generateProcess({ states: size, seed: 42 }) as unknown as ProcessFile;
  const runs: PageRun[] = [];
  for (let i = 0; i < warmup + repeats; i++) {
    const result = await layoutOnce(process, options);
    if (i >= warmup) runs.push(result);
  }
  return runs;
}

declare global {
  interface Window {
    layoutBench: typeof run;
  }
}

window.layoutBench = run;
document.getElementById('status')!.textContent = 'Ready';
