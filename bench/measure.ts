// Timing helpers for benchmarks: the median of repeated runs after a warm-up.

export interface Row {
  name: string;
  size: number;
  ms: number;
  baselineMs?: number;
  note?: string;
}

/**
 * Median milliseconds of `fn` over `repeats` runs, after a warm-up that is not counted: at least
 * `warmup` runs and at least 300 ms, so that the JIT has compiled the code being measured.
 */
export function medianMs(fn: () => unknown, repeats = 7, warmup = 2): number {
  const warmupStart = performance.now();
  for (let i = 0; i < warmup || (performance.now() - warmupStart < 300 && i < 1000); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 100) / 100;
}
