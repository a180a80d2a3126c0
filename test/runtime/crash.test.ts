// The crash test: `plumb run` as a child process takes events from concurrent clients and is killed
// with SIGKILL mid-stream. After a restart on the same data folder, every event that was
// acknowledged is in its case's history (once), and every timer fired exactly once: those that fell
// due before the kill, and those that fell due while the runtime was down.

import { type ChildProcess, execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  counterProcess,
  PLUMB,
  type Sandbox,
  sandbox,
  send,
  sleep,
  startChild,
  COUNTER_TIMER_MS as TIMER_MS,
} from './support';

function plumb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [PLUMB, ...args],
      { env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

describe('plumb run survives SIGKILL', () => {
  let box: Sandbox;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    box = sandbox([counterProcess()]);
  });
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    box?.remove();
  });

  it('keeps every acknowledged event and fires every due timer once', async () => {
    const args = [box.machines, '--port', '0', '--data', box.data, '--poll', '100'];
    const first = await startChild(args);
    children.push(first.child);
    const url = first.url;
    const create = async () => {
      const reply = await send(url, 'POST', '/api/processes/counter/cases', {});
      expect(reply.status).toBe(201);
      return reply.json.caseId as string;
    };
    const pinged: string[] = [];
    const early: string[] = [];
    const late: string[] = [];
    for (let i = 0; i < 8; i++) pinged.push(await create());
    for (let i = 0; i < 6; i++) early.push(await create());
    for (let i = 0; i < 6; i++) late.push(await create());
    // Early timers fall due while the runtime runs.
    for (const id of early)
      expect((await send(url, 'POST', `/api/cases/${id}/events`, { type: 'WAIT' })).status).toBe(
        200,
      );

    const acked: { caseId: string; n: number }[] = [];
    let stop = false;
    let n = 0;
    const client = async (c: number) => {
      while (!stop) {
        const caseId = pinged[(n + c) % pinged.length];
        const mine = n++;
        try {
          const reply = await send(url, 'POST', `/api/cases/${caseId}/events`, {
            type: 'PING',
            n: mine,
          });
          if (reply.status === 200) acked.push({ caseId, n: mine });
          else throw new Error(`unexpected ${reply.status}: ${reply.text}`);
        } catch (error) {
          if (!stop) throw error;
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, c) => client(c).catch((e) => e));
    await sleep(TIMER_MS + 300);
    // Late timers fall due while the runtime is down.
    for (const id of late)
      expect((await send(url, 'POST', `/api/cases/${id}/events`, { type: 'WAIT' })).status).toBe(
        200,
      );
    await sleep(100);
    const exited = new Promise((r) => first.child.once('exit', r));
    stop = true;
    first.child.kill('SIGKILL');
    await exited;
    const errors = (await Promise.all(clients)).filter(Boolean);
    expect(errors).toEqual([]);
    expect(acked.length).toBeGreaterThan(20);

    await sleep(TIMER_MS);
    const second = await startChild(args);
    children.push(second.child);
    const again = second.url;
    const byCase = new Map<string, { event: string; source: string; data?: { n?: number } }[]>();
    const history = async (id: string) => {
      const reply = await send(again, 'GET', `/api/cases/${id}`);
      expect(reply.status).toBe(200);
      byCase.set(id, reply.json.history);
      return reply.json;
    };
    for (const id of pinged) await history(id);
    for (const { caseId, n: mine } of acked) {
      const found = byCase.get(caseId)?.filter((h) => h.event === 'PING' && h.data?.n === mine);
      expect(found, `PING ${mine} of ${caseId}`).toHaveLength(1);
    }
    // Every timer fired: the late ones at start, without waiting for a poll.
    for (const id of [...early, ...late]) {
      const found = await history(id);
      expect(found.value, id).toBe('late');
      expect(found.history.filter((h: { source: string }) => h.source === 'timer')).toHaveLength(1);
      expect(found.timers).toEqual([]);
    }
    // And nothing fires twice later.
    await sleep(500);
    for (const id of [...early, ...late])
      expect(
        (await history(id)).history.filter((h: { source: string }) => h.source === 'timer'),
      ).toHaveLength(1);

    // The measures of these real cases, from the running runtime and, once it stopped, its data folder.
    for (const id of pinged.slice(0, 3))
      expect((await send(again, 'POST', `/api/cases/${id}/events`, { type: 'DONE' })).status).toBe(
        200,
      );
    const fromUrl = await plumb('measures', again, '--json');
    expect(fromUrl.code, fromUrl.stderr).toBe(0);
    const measured = JSON.parse(fromUrl.stdout).processes[0];
    expect(measured).toMatchObject({
      id: 'counter',
      runs: 20,
      finished: 3,
      finals: { closed: 0.15 },
    });
    const compared = await plumb(
      'compare',
      join(box.machines, 'counter', 'process.json'),
      '--measured',
      again,
      '--runs',
      '200',
      '--json',
    );
    expect(compared.code, compared.stderr).toBe(0);
    const comparison = JSON.parse(compared.stdout);
    expect(comparison.measured.runs).toBe(20);
    expect(
      comparison.measures.find((r: { key: string }) => r.key === 'finals.closed'),
    ).toMatchObject({
      simulated: comparison.simulated.finals.closed,
      measured: 0.15,
    });

    const exit = new Promise<number | null>((r) => second.child.once('exit', (code) => r(code)));
    second.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(second.stderr()).toBe('');
    const fromData = await plumb('measures', box.data, '--json');
    expect(fromData.code, fromData.stderr).toBe(0);
    expect(JSON.parse(fromData.stdout).processes[0]).toEqual(measured);
    const text = await plumb('measures', box.data);
    expect(text.stdout).toContain('counter');
    expect(text.stdout).toContain('cycle time');
  }, 120_000);
});
