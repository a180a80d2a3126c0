// The editor in Chromium (issue 4, "Speed": a 1,000-state machine opens and pans without freezing
// the page). The app is built as `npm start` builds it and served by the workspace server over a
// folder of generated process-like machines of 200 and 1,000 states, each without a `layout` (the
// editor runs ELK in its worker on open) and with one saved (laid out here once, as the editor
// would save it). For each file, headless Chromium opens `#/<file>` and we take: the time from
// navigation to the first state node drawn and to the check's verdict shown, and the longest
// main-thread task meanwhile; then a drag on the empty canvas (40 steps) and a few wheel zooms,
// with the animation-frame intervals (p50, p95, max) and the longest task meanwhile. Medians of
// 3 runs, each in a fresh browser. `npm run bench -- editor`.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatProcess } from '../src/core/model/serialize';
import type { ProcessFile } from '../src/core/model/types';
import { layoutProcess } from '../src/editor/layout/layoutClient';
import { replaceLayout } from '../src/editor/state/edits';
import { EditHistory } from '../src/editor/state/history';
import { createWorkspaceServer } from '../src/server/server';
import { buildApp, launchChromium } from '../test/e2e/support';
import {
  EMPTY_PANE_POINT,
  PROBE,
  type Probe,
  READ_PROBE,
  START_FRAMES,
  STOP_FRAMES,
} from './editorPage';
import { generateProcess } from './generate';
import type { Row } from './measure';

const SIZES = [200, 1000];
const RUNS = 3;
const VIEWPORT = { width: 1440, height: 900 };
/** After the first state and the verdict, how long the page may still be busy opening. */
const SETTLE_MS = 1000;

interface FileCase {
  file: string;
  states: number;
  label: string;
}

interface Run {
  firstStateMs: number;
  verdictMs: number;
  openLongestTaskMs: number;
  openLongTasksMs: number;
  frameP50: number;
  frameP95: number;
  frameMax: number;
  frames: number;
  panLongestTaskMs: number;
  verdict: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** The workspace files: generated machines with and without a saved layout. */
async function writeWorkspace(folder: string): Promise<FileCase[]> {
  const cases: FileCase[] = [];
  for (const states of SIZES) {
    const process = generateProcess({ states, seed: 42 }) as unknown as ProcessFile;
    const bare = `generated-${states}.process.json`;
    writeFileSync(join(folder, bare), formatProcess(process));
    cases.push({ file: bare, states, label: 'no layout' });

    const history = new EditHistory({ ...process, id: `${process.id}-laid-out` });
    history.apply(replaceLayout(await layoutProcess(process)), 'Auto-layout');
    const laidOut = `generated-${states}-laid-out.process.json`;
    writeFileSync(join(folder, laidOut), formatProcess(history.state.process));
    cases.push({ file: laidOut, states, label: 'laid out' });
  }
  return cases;
}

async function measureOnce(url: string): Promise<Run> {
  // A fresh browser each run: this Chromium runs in one process, and closing a context ends it.
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.addInitScript({ content: PROBE });
    await page.goto(url);
    await page.waitForFunction(
      'window.__plumbBench && window.__plumbBench.firstStateDrawnMs >= 0 && window.__plumbBench.verdictMs >= 0',
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    await page.waitForTimeout(SETTLE_MS);
    const panStart = (await page.evaluate(START_FRAMES)) as number;
    const opened = (await page.evaluate(READ_PROBE)) as Probe;
    const openTasks = opened.longTasks.filter(([start]) => start < panStart);

    await pan(page);
    const { probe, now: panEnd } = (await page.evaluate(STOP_FRAMES)) as {
      probe: Probe;
      now: number;
    };
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
    const intervals = probe.frames
      .slice(1)
      .map((t, i) => t - probe.frames[i])
      .sort((a, b) => a - b);
    const panTasks = probe.longTasks.filter(
      ([start, duration]) => start + duration > panStart && start < panEnd,
    );
    return {
      firstStateMs: opened.firstStateDrawnMs,
      verdictMs: opened.verdictMs,
      openLongestTaskMs: Math.max(0, ...openTasks.map(([, d]) => d)),
      openLongTasksMs: openTasks.reduce((sum, [, d]) => sum + d, 0),
      frameP50: percentile(intervals, 0.5),
      frameP95: percentile(intervals, 0.95),
      frameMax: intervals.at(-1) ?? Number.NaN,
      frames: probe.frames.length,
      panLongestTaskMs: Math.max(0, ...panTasks.map(([, d]) => d)),
      verdict: opened.verdictText,
    };
  } finally {
    await browser.close();
  }
}

/** A drag of the empty canvas in 40 steps, then four wheel zooms in and four out. */
async function pan(page: Page): Promise<void> {
  const canvasBox = await page.locator('[data-testid="canvas"]').boundingBox();
  if (!canvasBox) throw new Error('no canvas');
  let start = (await page.evaluate(EMPTY_PANE_POINT)) as { x: number; y: number } | null;
  // Fit stops at a readable zoom, where a big machine can cover the whole canvas: zoom out
  // (part of the measured pan and zoom) until there is empty canvas to drag.
  for (let tries = 0; !start && tries < 8; tries++) {
    await page.mouse.move(canvasBox.x + canvasBox.width / 2, canvasBox.y + canvasBox.height / 2);
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(100);
    start = (await page.evaluate(EMPTY_PANE_POINT)) as { x: number; y: number } | null;
  }
  if (!start) throw new Error('no empty canvas to drag: the states cover it all');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 320, start.y + 160, { steps: 40 });
  await page.mouse.up();
  await page.mouse.move(canvasBox.x + canvasBox.width / 2, canvasBox.y + canvasBox.height / 2);
  for (const dy of [-240, -240, -240, -240, 240, 240, 240, 240]) {
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(50);
  }
  // Let the last frame of the zoom be drawn.
  await page.waitForTimeout(200);
}

export default async function editorBench(): Promise<Row[]> {
  const base = mkdtempSync(join(tmpdir(), 'plumb-editor-bench-'));
  const folder = join(base, 'workspace');
  mkdirSync(folder);
  const cases = await writeWorkspace(folder);
  const appDir = await buildApp();
  const server = await createWorkspaceServer({
    folder,
    port: 0,
    appDir,
    machinesDir: join(base, 'machines'),
  });
  const rows: Row[] = [];
  try {
    for (const { file, states, label } of cases) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(`${server.url}/#/${file}`));
      const of = (pick: (run: Run) => number) => median(runs.map(pick));
      const each = (pick: (run: Run) => number) =>
        `runs ${runs.map((r) => pick(r).toFixed(0)).join(' / ')}`;
      rows.push(
        {
          name: `editor open (${label}): first state drawn`,
          size: states,
          ms: of((r) => r.firstStateMs),
          note: `from navigation, median of ${RUNS}; ${label === 'no layout' ? 'ELK in the worker on open; ' : ''}${each((r) => r.firstStateMs)}`,
        },
        {
          name: '  verdict shown',
          size: states,
          ms: of((r) => r.verdictMs),
          note: `from navigation; "${runs[0].verdict}"; ${each((r) => r.verdictMs)}`,
        },
        {
          name: '  longest main-thread task opening',
          size: states,
          ms: of((r) => r.openLongestTaskMs),
          note: `long tasks in all ${of((r) => r.openLongTasksMs).toFixed(0)} ms; ${each((r) => r.openLongestTaskMs)}`,
        },
        {
          name: `editor pan+zoom (${label}): frame p50`,
          size: states,
          ms: of((r) => r.frameP50),
          note: `animation-frame interval; ${of((r) => r.frames).toFixed(0)} frames`,
        },
        { name: '  frame p95', size: states, ms: of((r) => r.frameP95) },
        {
          name: '  frame max',
          size: states,
          ms: of((r) => r.frameMax),
          note: each((r) => r.frameMax),
        },
        {
          name: '  longest main-thread task panning',
          size: states,
          ms: of((r) => r.panLongestTaskMs),
          note: `0 = none over 50 ms; ${each((r) => r.panLongestTaskMs)}`,
        },
      );
    }
  } finally {
    await server.close();
    rmSync(base, { recursive: true, force: true });
    rmSync(appDir, { recursive: true, force: true });
  }
  return rows;
}
