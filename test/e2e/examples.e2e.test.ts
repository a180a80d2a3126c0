// The examples page in a real browser: Vite serves the app as `npm start` does, headless Chromium
// (from the @sparticuz/chromium package, so `npm ci` is all a machine needs) loads it, and the test
// reads what a person sees: every example's title, the as-is with its errors, the to-be ok.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chromium from '@sparticuz/chromium';
import { type Browser, type Page, chromium as playwright } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkText } from '../../src/core/check';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOT = join(ROOT, 'test-results', 'examples.png');
const TIMEOUT = 60_000;

interface ExampleOnDisk {
  folder: string;
  title: string;
  asIs?: { file: string; ok: boolean; errors: number };
  toBe?: { file: string; ok: boolean; errors: number };
}

/** The examples as the files on disk say, checked here in Node, to compare with the page. */
function examplesOnDisk(): ExampleOnDisk[] {
  const dir = join(ROOT, 'examples');
  if (!existsSync(dir)) return [];
  const found: ExampleOnDisk[] = [];
  for (const folder of readdirSync(dir).sort()) {
    if (!statSync(join(dir, folder)).isDirectory()) continue;
    const example: ExampleOnDisk = { folder, title: folder };
    const titles: string[] = [];
    for (const stage of ['to-be', 'as-is'] as const) {
      const file = `examples/${folder}/${stage}.process.json`;
      if (!existsSync(join(ROOT, file))) continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      const report = checkText(text, file);
      const errors = report.cracks.filter((c) => c.severity === 'error').length;
      example[stage === 'as-is' ? 'asIs' : 'toBe'] = { file, ok: report.ok, errors };
      try {
        const title = (JSON.parse(text) as { title?: unknown }).title;
        if (typeof title === 'string' && title.trim()) titles.push(title.trim());
      } catch {
        // Unreadable: the page shows the folder name and the file's problems.
      }
    }
    if (!example.asIs && !example.toBe) continue;
    example.title = titles[0] ?? folder;
    found.push(example);
  }
  return found;
}

async function launchChromium(): Promise<Browser> {
  // No GPU stack (SwiftShader): with it, a full-page screenshot taller than 8192 px wraps round
  // to the top of the page; without it, Chromium composites in software and has no such limit.
  chromium.setGraphicsMode = false;
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--no-sandbox', '--disable-background-networking'],
    headless: true,
  });
}

describe('the examples page in Chromium', () => {
  const examples = examplesOnDisk();
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await createServer({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      clearScreen: false,
      server: { host: '127.0.0.1', port: 0, strictPort: true, open: false, watch: null },
    });
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('Vite did not say where it listens');

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(url);
    await page
      .getByRole('heading', { level: 1, name: 'Example processes' })
      .waitFor({ timeout: 30_000 });
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, TIMEOUT);

  it(
    'shows each example with its title, the as-is not ok with errors, the to-be ok',
    async () => {
      // First, so that a failing expectation below still leaves the picture to look at.
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      if (examples.length === 0) {
        await expect(
          page.getByRole('heading', { name: 'No example processes yet' }).isVisible(),
        ).resolves.toBe(true);
      }
      for (const example of examples) {
        const section = page.locator(`section[data-folder="${example.folder}"]`);
        const heading = section.getByRole('heading', { level: 2 });
        expect(await heading.textContent(), example.folder).toBe(example.title);
        expect(await heading.isVisible(), example.folder).toBe(true);

        if (example.asIs) {
          const card = section.locator('article[data-stage="as-is"]');
          expect(await card.locator('.badge').textContent(), example.asIs.file).toBe('Not OK');
          const errors = card.getByRole('region', { name: /^Errors \(\d+\)$/ });
          expect(await errors.isVisible(), `${example.asIs.file} shows errors`).toBe(true);
          const shown = await errors.getByRole('listitem').count();
          expect(shown, `${example.asIs.file}: error cracks shown`).toBeGreaterThan(0);
          expect(shown, `${example.asIs.file}: as the check in Node`).toBe(example.asIs.errors);
        }
        if (example.toBe) {
          const card = section.locator('article[data-stage="to-be"]');
          expect(await card.locator('.badge').textContent(), example.toBe.file).toBe('OK');
          const errors = await card.getByRole('region', { name: /^Errors/ }).count();
          expect(errors, `${example.toBe.file} shows no errors`).toBe(0);
          expect(example.toBe.ok, `${example.toBe.file}: the check in Node agrees`).toBe(true);
        }
      }

      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shows the problems of a file it cannot read, beside the files it can',
    async () => {
      const good = examples.find((e) => e.toBe?.ok)?.toBe?.file;
      await showFiles(page, {
        '/examples/broken/as-is.process.json': '{ "plumb": 1, "id": "broken", "title": "Broken",',
        '/examples/broken/to-be.process.json': JSON.stringify({
          plumb: 1,
          id: 'broken',
          title: 'Broken',
          stage: 'to-be',
          machine: { initial: 'nowhere', states: { a: {} } },
        }),
        '/examples/not-a-process/to-be.process.json': '{ "hello": "world" }',
        ...(good ? { [`/${good}`]: readFileSync(join(ROOT, good), 'utf8') } : {}),
      });

      const broken = page.locator('section[data-folder="broken"]');
      const asIs = broken.locator('article[data-stage="as-is"]');
      expect(await asIs.locator('.badge').textContent()).toBe('Not OK');
      const unreadable = asIs.getByRole('region', { name: 'Cannot read this file' });
      const problems = await unreadable.textContent();
      expect(problems).toContain('not valid JSON');
      expect(problems).toContain('line 1');
      const toBe = broken.locator('article[data-stage="to-be"]');
      expect(await toBe.getByRole('region', { name: /^Errors/ }).textContent()).toContain(
        'invalid-machine',
      );

      const notProcess = page.locator('section[data-folder="not-a-process"]');
      expect(await notProcess.getByRole('heading', { level: 2 }).textContent()).toBe(
        'not-a-process',
      );
      expect(await notProcess.locator('article[data-stage="as-is"]').textContent()).toContain(
        'No as-is.process.json in this folder yet',
      );
      expect(
        await notProcess
          .getByRole('region', { name: 'Cannot read this file' })
          .getByRole('listitem')
          .count(),
      ).toBeGreaterThan(0);
      if (good) {
        const card = page.locator(`section[data-folder="${good.split('/')[1]}"] .badge`);
        expect(await card.textContent()).toBe('OK');
      }
      await page.screenshot({
        path: join(ROOT, 'test-results', 'examples-problems.png'),
        fullPage: true,
      });

      await showFiles(page, {});
      expect(
        await page.getByRole('heading', { level: 2, name: 'No example processes yet' }).isVisible(),
      ).toBe(true);
      await page.screenshot({ path: join(ROOT, 'test-results', 'examples-empty.png') });
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});

/** Shows the page for the given files instead of examples/ (through test/e2e/renderExamples.tsx). */
async function showFiles(page: Page, files: Record<string, string>): Promise<void> {
  // A string, not a function: Vitest would rewrite an import() in this file for Node.
  await page.evaluate(
    `import('/test/e2e/renderExamples.tsx').then((m) => m.renderExamples(${JSON.stringify(files)}))`,
  );
  await page.getByRole('heading', { level: 1, name: 'Example processes' }).waitFor();
}
