// What every browser test needs: the app built once (as `npm start` builds it), a workspace server
// over a temporary copy of the examples, and headless Chromium from the @sparticuz/chromium
// package (so `npm ci` is all a machine needs).

import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chromium from '@sparticuz/chromium';
import { type Browser, type Page, chromium as playwright } from 'playwright-core';
import { build } from 'vite';
import { createWorkspaceServer, type WorkspaceServer } from '../../src/server/server';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS = join(ROOT, 'test-results');
export const TIMEOUT = 120_000;

let built: Promise<string> | undefined;

/** Builds the app once per test process into a temporary folder; returns the folder. */
export function buildApp(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'plumb-app-'));
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    return outDir;
  })();
  return built;
}

export interface Workspace {
  dir: string;
  machines: string;
  server: WorkspaceServer;
  close(): Promise<void>;
}

/** A server like `npm start`'s, over a copy of examples/ that tests may change. */
export async function startWorkspace(): Promise<Workspace> {
  const appDir = await buildApp();
  const base = mkdtempSync(join(tmpdir(), 'plumb-e2e-'));
  const dir = join(base, 'examples');
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  const machines = join(base, 'machines');
  const server = await createWorkspaceServer({
    folder: dir,
    port: 0,
    appDir,
    machinesDir: machines,
  });
  return {
    dir,
    machines,
    server,
    close: async () => {
      await server.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  // No GPU stack (SwiftShader): Chromium composites in software, with no size limit on shots.
  chromium.setGraphicsMode = false;
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--no-sandbox', '--disable-background-networking'],
    headless: true,
  });
}

/** Collects what the page throws or logs as an error, so a test can insist there is none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
