// The newcomer's walk through the editor, in Chromium, on the app as `npm start` builds and serves
// it: open the call-routing as-is, see its states and cracks, simulate the voicemail-full exception
// and see it dropped, add the missing transition and watch the crack go, add a state, save, reload
// and see both, run the scenarios, keep a draft across a reload, open a broken file read-only.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkText } from '../../src/core/check';
import { buildStateTree } from '../../src/core/model/tree';
import {
  launchChromium,
  screenshot,
  startWorkspace,
  TIMEOUT,
  type Workspace,
  watchErrors,
} from './support';

const AS_IS = 'call-routing/as-is.process.json';

describe('the editor in Chromium', () => {
  let workspace: Workspace;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);
  const onDisk = (rel: string) => readFileSync(join(workspace.dir, rel), 'utf8');

  beforeAll(async () => {
    workspace = await startWorkspace();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    errors = watchErrors(page);
    // Reloading with unsaved changes asks first; the tests that do it mean it.
    page.on('dialog', (dialog) => void dialog.accept());
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await workspace?.close();
  }, TIMEOUT);

  it(
    'opens the call-routing as-is: every state drawn on the canvas, the cracks the check finds',
    async () => {
      await page.goto(`${workspace.server.url}/#/${AS_IS}`);
      await byTestId('state-voicemail').waitFor({ timeout: 30_000 });
      await screenshot(page, 'editor-open');

      const text = onDisk(AS_IS);
      const process = JSON.parse(text);
      const tree = buildStateTree(process.machine);
      const canvas = await byTestId('canvas').boundingBox();
      expect(canvas?.width).toBeGreaterThan(400);
      expect(canvas?.height).toBeGreaterThan(300);
      for (const node of tree.nodes) {
        if (node.path === '') continue;
        const state = byTestId(`state-${node.path}`);
        expect(await state.count(), node.path).toBe(1);
        const box = await state.boundingBox();
        // Drawn, with a size, and inside the canvas: a blank or broken canvas fails here.
        expect(box, node.path).not.toBeNull();
        if (!box || !canvas) continue;
        expect(box.width, node.path).toBeGreaterThan(10);
        expect(box.x).toBeGreaterThanOrEqual(canvas.x - 1);
        expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
      }
      await expect(byTestId('state-voicemail').textContent()).resolves.toContain('voicemail');

      const report = checkText(text, AS_IS);
      const errorCount = report.cracks.filter((c) => c.severity === 'error').length;
      await byTestId('verdict')
        .filter({ hasText: `${errorCount} errors` })
        .waitFor();
      expect(await byTestId('crack-badge-voicemail').isVisible()).toBe(true);
      expect(await byTestId('problem-unhandled-exception-voicemail').isVisible()).toBe(true);
      await expect(
        byTestId('problem-unhandled-exception-voicemail').textContent(),
      ).resolves.toContain('VOICEMAIL_FULL');
    },
    TIMEOUT,
  );

  it(
    'simulates the case to voicemail and shows VOICEMAIL_FULL dropped there',
    async () => {
      await byTestId('simulate').click();
      await byTestId('simulate-panel').waitFor();
      await byTestId('sim-event-CALL_IN').click();
      if (await byTestId('sim-question-yes').isVisible())
        await byTestId('sim-question-yes').click();
      await byTestId('sim-event-ANSWERED').click();
      await byTestId('sim-event-FORWARDED').click();
      await byTestId('sim-next-timer').click();
      await byTestId('sim-states').filter({ hasText: 'voicemail' }).waitFor();
      // The active state lights up on the canvas.
      await page.locator('[data-testid="state-voicemail"].is-active').waitFor();

      await byTestId('sim-exception-VOICEMAIL_FULL').click();
      const timeline = byTestId('sim-timeline');
      await timeline.getByText('dropped: nobody handles VOICEMAIL_FULL in voicemail').waitFor();
      await screenshot(page, 'editor-simulate-dropped');

      await byTestId('simulate').click();
      await byTestId('simulate-panel').waitFor({ state: 'detached' });
    },
    TIMEOUT,
  );

  it(
    'draws the missing transition, names its event, and the crack disappears',
    async () => {
      const source = byTestId('state-voicemail').locator('.plumb-source-handle');
      const handle = await source.boundingBox();
      const target = await byTestId('state-callbackQueued').boundingBox();
      if (!handle || !target) throw new Error('voicemail or callbackQueued is not on the canvas');
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, {
        steps: 12,
      });
      await page.mouse.up();

      await byTestId('transition-panel').waitFor();
      const event = byTestId('transition-event');
      await event.fill('VOICEMAIL_FULL');
      await event.press('Enter');

      await byTestId('problem-unhandled-exception-voicemail').waitFor({ state: 'detached' });
      await byTestId('edge-VOICEMAIL_FULL').first().waitFor();
      expect(await byTestId('dirty').isVisible()).toBe(true);
      await screenshot(page, 'editor-crack-fixed');
    },
    TIMEOUT,
  );

  it(
    'adds a state, saves with Ctrl+S, and after a reload both edits are there',
    async () => {
      await byTestId('add-atomic').click();
      await byTestId('state-new state').waitFor();
      // Its name is open for typing at once; Escape keeps the one it was given.
      await byTestId('rename-new state').waitFor();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+s');
      await byTestId('status')
        .filter({ hasText: `Saved ${AS_IS}` })
        .waitFor();

      const saved = JSON.parse(onDisk(AS_IS));
      expect(saved.machine.states.voicemail.on.VOICEMAIL_FULL).toBe('callbackQueued');
      expect(saved.machine.states['new state']).toEqual({});
      expect(saved.layout.voicemail).toEqual({
        x: expect.any(Number),
        y: expect.any(Number),
        width: expect.any(Number),
        height: expect.any(Number),
      });

      await page.reload();
      await byTestId('state-new state').waitFor({ timeout: 30_000 });
      await byTestId('edge-VOICEMAIL_FULL').first().waitFor();
      expect(await byTestId('dirty').count()).toBe(0);
      expect(await byTestId('draft-banner').count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'runs the scenarios: the voicemail-full walk now passes, the others still fail with reasons',
    async () => {
      await byTestId('tab-scenarios').click();
      await byTestId('scenario-run-all').click();
      const passed = byTestId('scenario-result-voicemail-full');
      await passed.filter({ hasText: '✓' }).waitFor();
      const failed = byTestId('scenario-result-receptionist-away');
      await failed.filter({ hasText: '✗' }).waitFor();
      await expect(failed.textContent()).resolves.toMatch(/RECEPTIONIST_AWAY/);
      await screenshot(page, 'editor-scenarios');
    },
    TIMEOUT,
  );

  it(
    'keeps unsaved edits as a draft through a reload, and undoes them',
    async () => {
      await byTestId('add-menu').click();
      await byTestId('add-final').click();
      await byTestId('state-done').waitFor();
      await page.waitForTimeout(400); // the draft is written a moment after the edit
      await page.reload();
      await byTestId('draft-banner').waitFor({ timeout: 30_000 });
      expect(await byTestId('state-done').count()).toBe(0);
      await byTestId('draft-banner').getByText('Restore them').click();
      await byTestId('state-done').waitFor();
      await byTestId('undo').click();
      await byTestId('state-done').waitFor({ state: 'detached' });
    },
    TIMEOUT,
  );

  it(
    'exports every format, and approves only a clean saved file',
    async () => {
      // The as-is (edited above, still cracked): Approve is disabled and says what blocks it.
      await page.locator('[data-testid="approve"][disabled]').waitFor();
      await byTestId('approve-blocked')
        .filter({ hasText: /\d+ blocking/ })
        .waitFor();

      await page.goto(`${workspace.server.url}/#/call-routing/to-be.process.json`);
      await page.reload();
      await byTestId('state-voicemail').waitFor({ timeout: 30_000 });
      for (const format of ['xstate-json', 'xstate-ts', 'scxml', 'mermaid']) {
        await byTestId('export-menu').click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          byTestId(`export-${format}`).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^call-routing/);
        const file = await download.path();
        expect(readFileSync(file, 'utf8').length, format).toBeGreaterThan(100);
      }

      // Opening lays the file out: save first, then Approve is enabled.
      await page.keyboard.press('Control+s');
      await byTestId('status').filter({ hasText: 'Saved' }).waitFor();
      await page.locator('[data-testid="approve"]:not([disabled])').waitFor();
      await byTestId('approve').click();
      await page.getByPlaceholder('Your name').fill('Ada Analyst');
      await page.getByText('Approve and write machines/').click();
      await byTestId('status').filter({ hasText: 'Approved by Ada Analyst' }).waitFor();
      const approval = JSON.parse(
        readFileSync(join(workspace.machines, 'call-routing', 'approval.json'), 'utf8'),
      );
      expect(approval.by).toBe('Ada Analyst');
      await screenshot(page, 'editor-approved');
    },
    TIMEOUT,
  );

  it(
    'simulates an automation that fails: the case takes the onError path',
    async () => {
      await page.goto(`${workspace.server.url}/#/support-escalation/to-be.process.json`);
      await page.reload();
      await byTestId('state-logging').waitFor({ timeout: 30_000 });
      await byTestId('simulate').click();
      await byTestId('sim-event-REQUEST_RECEIVED').click();
      await byTestId('sim-service-createTicket-fails').click();
      await byTestId('sim-next-timer').click();
      await byTestId('sim-states').filter({ hasText: 'manualTicket' }).waitFor();
      await screenshot(page, 'editor-simulate-service-fails');
      await byTestId('simulate').click();
    },
    TIMEOUT,
  );

  it(
    'creates a new process in the workspace and opens it',
    async () => {
      await byTestId('new-process').click();
      await byTestId('new-process-name').fill('Invoice approval');
      await byTestId('new-process-name').press('Enter');
      await byTestId('state-start').waitFor({ timeout: 30_000 });
      await byTestId('file-invoice-approval/as-is.process.json').waitFor();
      const created = JSON.parse(onDisk('invoice-approval/as-is.process.json'));
      expect(created).toMatchObject({
        plumb: 1,
        id: 'invoice-approval',
        title: 'Invoice approval',
      });
    },
    TIMEOUT,
  );

  it(
    'opens a file that does not parse read-only, with the line of the error',
    async () => {
      writeFileSync(
        join(workspace.dir, 'broken.process.json'),
        '{\n  "plumb": 1,\n  "id": oops\n}\n',
      );
      await page.goto(`${workspace.server.url}/#/broken.process.json`);
      await page.reload();
      await byTestId('broken-view').waitFor({ timeout: 30_000 });
      await byTestId('broken-problems').filter({ hasText: 'line 3' }).waitFor();
      await screenshot(page, 'editor-broken');
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    },
    TIMEOUT,
  );
});
