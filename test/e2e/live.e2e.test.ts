// Issue 7's walk in Chromium: the approved lead-assignment runs under `plumb run`'s runtime, a
// case is created over HTTP, the runtime stops while the case waits for pickup, the pickup
// timeout falls due meanwhile and fires when the runtime starts again, and the editor's Live mode
// shows the case where the timeout took it, with its history.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../src/runtime/runtime';
import {
  launchChromium,
  ROOT,
  screenshot,
  startWorkspace,
  TIMEOUT,
  type Workspace,
  watchErrors,
} from './support';

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read by the test
async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('Live mode on a running runtime', () => {
  let workspace: Workspace;
  let runtime: Runtime | undefined;
  let browser: Browser;
  let page: Page;
  let base: string;
  const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'plumb-live-'));
    cpSync(join(ROOT, 'machines'), join(base, 'machines'), { recursive: true });
    workspace = await startWorkspace();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, TIMEOUT);

  afterAll(async () => {
    await runtime?.close();
    await browser?.close();
    await workspace?.close();
    rmSync(base, { recursive: true, force: true });
  }, TIMEOUT);

  it(
    'shows a case whose timeout fired after a restart, where it went and how',
    async () => {
      const options = { machinesDir: join(base, 'machines'), dataDir: join(base, 'data'), port: 0 };
      runtime = await startRuntime(options);
      const created = await post(`${runtime.url}/api/processes/lead-assignment/cases`, {
        data: { repAvailable: true },
      });
      expect(created.status).toBe(201);
      const caseId: string = created.json.caseId;
      const sent = await post(`${runtime.url}/api/cases/${caseId}/events`, {
        type: 'LEAD_CREATED',
      });
      expect(sent.json.paths).toEqual(['working.assigned']);

      // Down for the night: the 4-hour pickup timeout falls due while nothing runs.
      await runtime.db.query('UPDATE timers SET due_ms = $1 WHERE case_id = $2', [
        Date.now() - 60_000,
        caseId,
      ]);
      await runtime.close();
      runtime = await startRuntime(options);
      const after = await (await fetch(`${runtime.url}/api/cases/${caseId}`)).json();
      expect(after.paths).toEqual(['managerQueue']);

      const errors = watchErrors(page);
      await page.goto(`${workspace.server.url}/#/lead-assignment/to-be.process.json`);
      await byTestId('state-managerQueue').waitFor({ timeout: 30_000 });
      await byTestId('live').click();
      await byTestId('live-url').fill(runtime.url);
      await byTestId('live-url').press('Enter');
      await byTestId('live-summary').getByText('1 active').waitFor({ timeout: 15_000 });
      await byTestId('state-managerQueue').getByText('1', { exact: true }).waitFor();

      await byTestId('state-managerQueue').click();
      await byTestId(`live-case-${caseId}`).click();
      const timeline = byTestId('live-timeline');
      await timeline.getByText('LEAD_CREATED').waitFor();
      await expect(timeline.textContent()).resolves.toContain(
        'timer pickupSla: working.assigned → managerQueue',
      );
      await screenshot(page, 'editor-live');
      // Before the address is set, Live mode tries the default one: Chromium logs that refusal.
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    },
    TIMEOUT,
  );
});
