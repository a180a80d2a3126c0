// Auto-layout in Chromium (issue 4, "Speed"): Vite builds bench/layout.html (the editor's layout
// client and its Web Worker, as the app ships them), headless Chromium opens it, and the page lays
// out generated process-like machines of 200 and 1,000 states. Figures: the median time from
// request to answer with our options (a layered run per container), against ELK's defaults
// (one hierarchical run) and against our tuning in one hierarchical run; the time inside the
// worker; and the longest main-thread task meanwhile (the page must stay responsive).
// `npm run bench -- layout`; LAYOUT_BENCH_DEFAULTS=0 measures our options only.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import { build, preview } from 'vite';
import type { ElkGraphOptions } from '../src/editor/layout/elkGraph';
import type { PageRun } from './layoutPage';
import type { Row } from './measure';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const SIZES = [
  { size: 200, repeats: 9, baselineRepeats: 5 },
  { size: 1000, repeats: 5, baselineRepeats: 3 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 100) / 100;
}

export default async function layoutBench(): Promise<Row[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'plumb-layout-bench-'));
  // Our own config, not the app's: the page and the worker, built as `vite build` builds them.
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 3000,
      rollupOptions: { input: join(ROOT, 'bench/layout.html') },
    },
  });
  const server = await preview({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  chromium.setGraphicsMode = false;
  const browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--no-sandbox', '--disable-background-networking'],
    headless: true,
  });
  const rows: Row[] = [];
  try {
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('vite preview did not say where it listens');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL('bench/layout.html', base).href);
    await page.getByText('Ready').waitFor({ timeout: 30_000 });

    const measure = (size: number, repeats: number, warmup: number, options?: ElkGraphOptions) =>
      page.evaluate(([s, r, w, o]) => window.layoutBench(s, r, w, o), [
        size,
        repeats,
        warmup,
        options,
      ] as const) as Promise<PageRun[]>;

    const withDefaults = process.env.LAYOUT_BENCH_DEFAULTS !== '0';
    const mainThread = (runs: PageRun[]) =>
      `longest main-thread task ${Math.max(...runs.map((r) => r.longestTaskMs)).toFixed(0)} ms, ` +
      `heartbeat gap ${Math.max(...runs.map((r) => r.heartbeatGapMs)).toFixed(0)} ms`;
    for (const { size, repeats, baselineRepeats } of SIZES) {
      const tuned = await measure(size, repeats, 2);
      const whole = withDefaults
        ? await measure(size, baselineRepeats, 1, { hierarchy: 'include' })
        : undefined;
      const defaults = withDefaults
        ? await measure(size, baselineRepeats, 1, { elkDefaults: true })
        : undefined;
      if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
      rows.push({
        name: 'auto-layout, worker round trip (Chromium)',
        size,
        ms: median(tuned.map((r) => r.ms)),
        ...(defaults ? { baselineMs: median(defaults.map((r) => r.ms)) } : {}),
        note: [
          defaults ? 'baseline: ELK defaults' : '',
          `in worker ${median(tuned.map((r) => r.workerMs)).toFixed(0)} ms`,
          mainThread(tuned),
          `${tuned[0]?.states ?? 0} boxes`,
        ]
          .filter(Boolean)
          .join(', '),
      });
      if (whole)
        rows.push({
          name: '  tuned, one run for the whole hierarchy',
          size,
          ms: median(whole.map((r) => r.ms)),
          note: `ELK INCLUDE_CHILDREN, ${mainThread(whole)}`,
        });
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  }
  return rows;
}
