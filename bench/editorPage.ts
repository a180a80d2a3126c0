// What bench/editor.bench.ts runs inside the editor's page. Kept as source text, not functions:
// Playwright sends a function as its text, and what tsx compiles a function to may name helpers
// the page does not have.

/** What the probe keeps on `window.__plumbBench`; times are `performance.now()`, so from navigation. */
export interface Probe {
  /** [startTime, duration] of every long task (over 50 ms) Chromium reported. */
  longTasks: [number, number][];
  /** When the first state node was in the DOM, and the frame after (drawn). */
  firstStateMs: number;
  firstStateDrawnMs: number;
  /** When the verdict showed the check's result, and that text. */
  verdictMs: number;
  verdictText: string;
  /** Timestamps of animation frames while `sampleFrames` runs. */
  frames: number[];
  sampling: boolean;
}

/** Installed with `page.addInitScript`: watches for long tasks, the first state and the verdict. */
export const PROBE = `(() => {
  const probe = {
    longTasks: [], firstStateMs: -1, firstStateDrawnMs: -1, verdictMs: -1, verdictText: '',
    frames: [], sampling: false,
  };
  window.__plumbBench = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    if (probe.firstStateMs < 0 && document.querySelector('.react-flow__node [data-testid^="state-"]')) {
      probe.firstStateMs = performance.now();
      requestAnimationFrame(() => setTimeout(() => { probe.firstStateDrawnMs = performance.now(); }, 0));
    }
    if (probe.verdictMs < 0) {
      const verdict = document.querySelector('[data-testid="verdict"]');
      const text = verdict && verdict.textContent ? verdict.textContent.trim() : '';
      if (text && text !== 'checking…') {
        probe.verdictMs = performance.now();
        probe.verdictText = text;
      }
    }
    if (probe.firstStateMs >= 0 && probe.verdictMs >= 0) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})()`;

/** Evaluated in the page: starts recording animation-frame timestamps; returns performance.now(). */
export const START_FRAMES = `(() => {
  const probe = window.__plumbBench;
  probe.frames = [];
  probe.sampling = true;
  const tick = (time) => {
    if (!probe.sampling) return;
    probe.frames.push(time);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return performance.now();
})()`;

/** Evaluated in the page: stops recording frames; returns the probe and performance.now(). */
export const STOP_FRAMES = `(() => {
  const probe = window.__plumbBench;
  probe.sampling = false;
  return { probe, now: performance.now() };
})()`;

/** Evaluated in the page: the probe as it is. */
export const READ_PROBE = 'window.__plumbBench';

/**
 * Evaluated in the page: a point of the canvas where the empty pane is hit (a drag there pans and
 * moves no state), searched on a grid from the middle outwards; null if states cover it all.
 */
export const EMPTY_PANE_POINT = `(() => {
  const canvas = document.querySelector('[data-testid="canvas"]');
  if (!canvas) return null;
  const box = canvas.getBoundingClientRect();
  const points = [];
  for (let fx = 0.05; fx < 0.96; fx += 0.05)
    for (let fy = 0.05; fy < 0.96; fy += 0.05) points.push([fx, fy]);
  points.sort((a, b) => Math.hypot(a[0] - 0.5, a[1] - 0.5) - Math.hypot(b[0] - 0.5, b[1] - 0.5));
  for (const [fx, fy] of points) {
    const x = box.left + fx * box.width;
    const y = box.top + fy * box.height;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
  }
  return null;
})()`;
