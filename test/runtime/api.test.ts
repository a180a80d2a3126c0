// The runtime's HTTP API on PGlite: cases, events, drops, history, idempotency, bad input, timers,
// services through handlers (a module and webhooks), the live view, measures, inspection over a
// WebSocket, CORS and the token; then a restart that restores every case and fires the timer that
// fell due while the runtime was down.

import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApi } from '../../src/runtime/api';
import { CaseBatch } from '../../src/runtime/caseBatch';
import { type Runtime, startRuntime } from '../../src/runtime/runtime';
import { QUEUE_TIMEOUT, type Sandbox, sandbox, send, sleep, ticketProcess, until } from './support';

const HANDLERS = `
const g = globalThis as unknown as { plumbNotified?: string[]; plumbAttempts?: Record<string, number> };
export const options = { retries: 1, backoffMs: 20, timeoutMs: 2000 };
export const actors = {
  createTicket: async (args: { caseId: string; data: { fail?: boolean } | null; attempt: number }) => {
    g.plumbAttempts ??= {};
    g.plumbAttempts[args.caseId] = args.attempt;
    if (args.data?.fail) throw new Error('the CRM is down');
    return { ticket: 42 };
  },
};
export const actions = {
  notify: (args: { caseId: string }) => {
    (g.plumbNotified ??= []).push(args.caseId);
  },
  alertFailed: () => {
    throw new Error('the pager is broken too');
  },
};
`;

const g = globalThis as unknown as {
  plumbNotified?: string[];
  plumbAttempts?: Record<string, number>;
};

describe('plumb run: the API on PGlite', () => {
  let box: Sandbox;
  let runtime: Runtime;
  let url: string;
  let hook: Server;
  const hookCalls: { name: string; caseId: string; attempt: number }[] = [];
  const log: string[] = [];

  const start = () =>
    startRuntime({
      machinesDir: box.machines,
      dataDir: box.data,
      port: 0,
      pollMs: 200,
      log: (m) => log.push(m),
    });
  const post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    send(url, 'POST', path, body as object, headers);
  const get = (path: string, headers?: Record<string, string>) =>
    send(url, 'GET', path, undefined, headers);
  const newCase = async (data?: object, process = 'ticket') => {
    const reply = await post(`/api/processes/${process}/cases`, data ? { data } : undefined);
    expect(reply.status).toBe(201);
    return reply.json.caseId as string;
  };
  const stateOf = async (caseId: string) => (await get(`/api/cases/${caseId}`)).json;

  beforeAll(async () => {
    // A webhook that fails for cases whose data says so, and answers with a ticket otherwise.
    hook = createServer((req, res) => {
      let text = '';
      req.on('data', (c) => {
        text += c;
      });
      req.on('end', () => {
        const body = JSON.parse(text);
        hookCalls.push({ name: body.name, caseId: body.caseId, attempt: body.attempt });
        if (body.data?.fail) {
          res.writeHead(503).end('down');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ticket":7}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;

    box = sandbox([
      ticketProcess(),
      { ...ticketProcess(), id: 'ticket-hook' },
      { ...ticketProcess(), id: 'drifted' },
    ]);
    writeFileSync(join(box.machines, 'ticket', 'handlers.ts'), HANDLERS);
    writeFileSync(
      join(box.machines, 'ticket-hook', 'handlers.json'),
      JSON.stringify({
        createTicket: { url: hookUrl, retries: 2, backoffMs: 20, timeoutMs: 2000 },
      }),
    );
    const machineJson = join(box.machines, 'drifted', 'machine.json');
    writeFileSync(machineJson, readFileSync(machineJson, 'utf8').replace('"idle"', '"idle" '));
    runtime = await start();
    url = runtime.url;
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    await new Promise((r) => hook?.close(r));
    box?.remove();
  });

  it('lists the hosted processes and refuses the drifted one, naming the file', async () => {
    const reply = await get('/api/processes');
    expect(reply.status).toBe(200);
    expect(reply.json.processes.map((p: { id: string }) => p.id)).toEqual([
      'ticket',
      'ticket-hook',
    ]);
    expect(reply.json.processes[0]).toMatchObject({
      id: 'ticket',
      title: 'Support ticket',
      approvedBy: 'Runtime tests',
    });
    expect(reply.json.processes[0].hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reply.json.refused).toHaveLength(1);
    expect(reply.json.refused[0].reasons.join()).toContain(join('drifted', 'machine.json'));
    const refused = await post('/api/processes/drifted/cases', {});
    expect(refused.status).toBe(404);
    expect(refused.json.error).toContain('machine.json');
  });

  it('runs a case: a service, a guard, an action, a drop, and the history', async () => {
    const caseId = await newCase({ urgent: true });
    let reply = await post(`/api/cases/${caseId}/events`, { type: 'OPEN' });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      caseId,
      value: 'logging',
      paths: ['logging'],
      handled: true,
    });
    // The service handler answers, and its result moves the case on.
    await until(async () => (await stateOf(caseId)).value === 'triage', 10_000, 'triage');
    reply = await post(`/api/cases/${caseId}/events`, { type: 'RESOLVE' });
    expect(reply.status).toBe(409);
    expect(reply.json.handled).toBe(false);
    expect(reply.json.error).toContain('RESOLVE');
    expect(reply.json.error).toContain('triage');
    reply = await post(`/api/cases/${caseId}/events`, { type: 'ASSIGN' });
    expect(reply.json).toMatchObject({ value: 'working', handled: true });
    await until(() => g.plumbNotified?.includes(caseId), 5000, 'notify');
    reply = await post(`/api/cases/${caseId}/events`, { type: 'RESOLVE', note: 'fixed' });
    expect(reply.json).toMatchObject({ value: 'done', status: 'done' });
    const found = await stateOf(caseId);
    expect(found.status).toBe('done');
    expect(found.processId).toBe('ticket');
    expect(
      found.history.map((h: { event: string; handled: boolean }) => [h.event, h.handled]),
    ).toEqual([
      ['xstate.init', true],
      ['OPEN', true],
      ['xstate.done.actor.createTicket', true],
      ['RESOLVE', false],
      ['ASSIGN', true],
      ['RESOLVE', true],
    ]);
    expect(found.history[3]).toMatchObject({ from: ['triage'], to: ['triage'] });
    expect(found.history[5]).toMatchObject({
      from: ['working'],
      to: ['done'],
      data: { note: 'fixed' },
    });
    for (const h of found.history) expect(Number.isNaN(Date.parse(h.at))).toBe(false);
    // Once done, nothing handles anything: a drop.
    reply = await post(`/api/cases/${caseId}/events`, { type: 'ASSIGN' });
    expect(reply.status).toBe(409);
  });

  it('takes onError when the service fails after its retries; a throwing action harms nothing', async () => {
    const caseId = await newCase({ fail: true });
    await post(`/api/cases/${caseId}/events`, { type: 'OPEN' });
    await until(async () => (await stateOf(caseId)).value === 'manual', 10_000, 'manual');
    expect(g.plumbAttempts?.[caseId]).toBe(2);
    const found = await until(async () => {
      const c = await stateOf(caseId);
      return c.jobs.some((j: { status: string }) => j.status === 'failed') && c;
    });
    expect(found.jobs).toEqual([
      expect.objectContaining({
        name: 'alertFailed',
        status: 'failed',
        lastError: expect.stringContaining('pager'),
      }),
    ]);
    expect(log.join('\n')).toContain('alertFailed');
    expect((await get('/api/processes')).status).toBe(200);
  });

  it('calls webhooks, retrying with backoff, and a failed one takes onError', async () => {
    const good = await newCase(undefined, 'ticket-hook');
    const bad = await newCase({ fail: true }, 'ticket-hook');
    await post(`/api/cases/${good}/events`, { type: 'OPEN' });
    await post(`/api/cases/${bad}/events`, { type: 'OPEN' });
    await until(async () => (await stateOf(good)).value === 'triage', 10_000, 'good triage');
    await until(async () => (await stateOf(bad)).value === 'manual', 10_000, 'bad manual');
    expect(hookCalls.filter((c) => c.caseId === good)).toHaveLength(1);
    expect(hookCalls.filter((c) => c.caseId === bad).map((c) => c.attempt)).toEqual([1, 2, 3]);
    const history = (await stateOf(good)).history;
    expect(history[2]).toMatchObject({
      event: 'xstate.done.actor.createTicket',
      data: { output: { ticket: 7 } },
    });
  });

  it('applies an event with the same Idempotency-Key once', async () => {
    const caseId = await newCase();
    const headers = { 'Idempotency-Key': 'open-1' };
    const first = await post(`/api/cases/${caseId}/events`, { type: 'OPEN' }, headers);
    const second = await post(`/api/cases/${caseId}/events`, { type: 'OPEN' }, headers);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ caseId, value: 'logging', handled: true, replayed: true });
    // Without the key, the same event is a drop: the case has moved on.
    const third = await post(`/api/cases/${caseId}/events`, { type: 'OPEN' });
    expect(third.status).toBe(409);
    const opens = (await stateOf(caseId)).history.filter(
      (h: { event: string }) => h.event === 'OPEN',
    );
    expect(opens).toHaveLength(2);
    expect(opens.map((h: { handled: boolean }) => h.handled)).toEqual([true, false]);
  });

  it('steps an event again when another writer changed its case since it was read', async () => {
    const caseId = await newCase();
    // Another writer (as a second runtime would) records a drop behind this runtime's cache.
    const other = new CaseBatch(runtime.db, runtime.machines, Date.now());
    await other.read([caseId], 'fresh');
    expect(other.apply(caseId, { type: 'RESOLVE' }, 'api').status).toBe(409);
    expect([...(await other.flush())]).toEqual([caseId]);
    const raced = runtime.committer.stats.raced;
    const reply = await post(`/api/cases/${caseId}/events`, { type: 'OPEN' });
    expect(reply.status).toBe(200);
    expect(reply.json.value).toBe('logging');
    expect(runtime.committer.stats.raced).toBe(raced + 1);
    const history = (await stateOf(caseId)).history;
    expect(history.map((h: { event: string }) => h.event).slice(0, 3)).toEqual([
      'xstate.init',
      'RESOLVE',
      'OPEN',
    ]);
  });

  it('answers bad input with 400/404/405/413 naming what is wrong, never a stack trace', async () => {
    const caseId = await newCase();
    const cases = [
      [await post(`/api/cases/${caseId}/events`, '{"type": "OPEN"'), 400, 'not JSON'],
      [await post(`/api/cases/${caseId}/events`, {}), 400, 'type'],
      [await post(`/api/cases/${caseId}/events`, { type: 7 }), 400, 'type'],
      [await post(`/api/cases/${caseId}/events`, []), 400, 'body'],
      [await post(`/api/cases/${caseId}/events`, ''), 400, 'body'],
      [await post(`/api/cases/${caseId}/events`, { type: 'xstate.after.1.ticket' }), 400, 'xstate'],
      [
        await post(
          `/api/cases/${caseId}/events`,
          { type: 'OPEN' },
          { 'Idempotency-Key': 'k'.repeat(300) },
        ),
        400,
        'Idempotency-Key',
      ],
      [await post('/api/cases/no-such-case/events', { type: 'OPEN' }), 404, 'no-such-case'],
      [await get('/api/cases/no-such-case'), 404, 'no-such-case'],
      [await post('/api/processes/nope/cases', {}), 404, 'nope'],
      [await get('/api/processes/nope/measures'), 404, 'nope'],
      [await post('/api/processes/ticket/cases', { data: 3 }), 400, 'data'],
      [await post('/api/processes/ticket/cases', { date: {} }), 400, 'date'],
      [await post('/api/processes/ticket/cases', 'nonsense'), 400, 'not JSON'],
      [await get('/api/processes/ticket/cases?state=nowhere'), 400, 'state'],
      [await get('/api/processes/ticket/cases?limit=0'), 400, 'limit'],
      [await send(url, 'DELETE', `/api/cases/${caseId}`), 405, 'DELETE'],
      [await get('/api/cases/%E0%A4%A'), 400, 'percent'],
      [await get('/nothing'), 404, 'openapi'],
      [
        await post(
          `/api/cases/${caseId}/events`,
          JSON.stringify({ type: 'OPEN', pad: 'x'.repeat(1024 * 1024) }),
        ),
        413,
        '1 MB',
      ],
    ] as const;
    for (const [reply, status, words] of cases) {
      expect(reply.status, reply.text).toBe(status);
      expect(reply.headers['content-type']).toContain('application/json');
      expect(reply.json.error).toContain(words);
      expect(reply.text).not.toMatch(/\n\s+at /);
    }
    // None of it reached the case.
    expect((await stateOf(caseId)).history).toHaveLength(1);
  });

  it('fires an after timer, recorded in the history as the timer', async () => {
    const caseId = await newCase();
    await post(`/api/cases/${caseId}/events`, { type: 'OPEN' });
    await until(async () => (await stateOf(caseId)).value === 'triage', 10_000, 'triage');
    const queued = await post(`/api/cases/${caseId}/events`, { type: 'ASSIGN' });
    expect(queued.json.value).toBe('queued');
    expect((await stateOf(caseId)).timers).toHaveLength(1);
    const started = Date.now();
    const found = await until(
      async () => {
        const c = await stateOf(caseId);
        return c.value === 'escalated' && c;
      },
      10_000,
      'escalation',
    );
    expect(Date.now() - started).toBeGreaterThan(QUEUE_TIMEOUT - 300);
    expect(found.history.at(-1)).toMatchObject({
      source: 'timer',
      from: ['queued'],
      to: ['escalated'],
    });
    expect(found.timers).toEqual([]);
  });

  it('lists the cases in a state, the live view and the measures', async () => {
    const a = await newCase();
    const b = await newCase();
    await post(`/api/cases/${b}/events`, { type: 'RESOLVE' });
    const c = await newCase({ urgent: true });
    await post(`/api/cases/${c}/events`, { type: 'OPEN' });
    await until(async () => (await stateOf(c)).value === 'triage', 10_000, 'triage');
    await post(`/api/cases/${c}/events`, { type: 'ASSIGN' });
    await sleep(1300);
    expect((await post(`/api/cases/${c}/events`, { type: 'RESOLVE' })).json.status).toBe('done');
    const idle = await get('/api/processes/ticket/cases?state=idle');
    expect(idle.status).toBe(200);
    const ids = idle.json.cases.map((c: { caseId: string }) => c.caseId);
    expect(ids).toContain(a);
    expect(ids).toContain(b);
    expect(idle.json.cases[0].since).toBeTruthy();
    const live = await get('/api/processes/ticket/live');
    expect(live.status).toBe(200);
    expect(live.json.states.idle.count).toBeGreaterThanOrEqual(2);
    expect(Date.parse(live.json.states.idle.oldestSince)).toBeLessThanOrEqual(Date.now());
    expect(live.json.drops[0]).toMatchObject({ caseId: b, event: 'RESOLVE', state: ['idle'] });
    expect(live.json.done).toBeGreaterThanOrEqual(1);
    const measures = await get('/api/processes/ticket/measures');
    expect(measures.status).toBe(200);
    expect(measures.json.runs).toBeGreaterThanOrEqual(5);
    expect(measures.json.finished).toBeGreaterThanOrEqual(1);
    expect(measures.json.finals).toHaveProperty('done');
    expect(measures.json.cycleTime.p99).toBeGreaterThanOrEqual(0.02);
    expect(measures.json.cost.byRole.agent).toBeGreaterThan(0);
    expect(measures.json.nonValueAddedShare).toBeGreaterThan(0);
    expect(measures.json.nonValueAddedShare).toBeLessThan(1);
    expect(measures.json.stuck.examples.map((e: { reason: string }) => e.reason).join()).toContain(
      'RESOLVE',
    );
  });

  it('serves its OpenAPI document', async () => {
    const reply = await get('/api/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.json.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/processes',
      '/api/processes/{id}/cases',
      '/api/cases/{caseId}',
      '/api/cases/{caseId}/events',
      '/api/processes/{id}/measures',
      '/api/processes/{id}/live',
    ])
      expect(reply.json.paths).toHaveProperty([path]);
  });

  it('allows loopback pages (the editor) and refuses other hosts', async () => {
    const editor = await get('/api/processes', { Origin: 'http://127.0.0.1:5173' });
    expect(editor.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    const preflight = await send(url, 'OPTIONS', '/api/processes/ticket/cases', undefined, {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Method': 'POST',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('Idempotency-Key');
    const elsewhere = await get('/api/processes', { Origin: 'https://evil.example' });
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    const rebound = await get('/api/processes', { Host: 'evil.example' });
    expect(rebound.status).toBe(403);
  });

  it('with a token, refuses every request without it', async () => {
    const server = createServer(
      createApi({
        db: runtime.db,
        machines: runtime.machines,
        refused: runtime.refused,
        committer: runtime.committer,
        token: 's3cret',
        url: () => '',
        onError: () => {},
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const other = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await send(other, 'GET', '/api/processes')).status).toBe(401);
      expect(
        (await send(other, 'GET', '/api/processes', undefined, { Authorization: 'Bearer wrong' }))
          .status,
      ).toBe(401);
      expect(
        (
          await send(
            other,
            'POST',
            '/api/processes/ticket/cases',
            {},
            { Authorization: 'Bearer wrong' },
          )
        ).status,
      ).toBe(401);
      const ok = await send(other, 'GET', '/api/processes', undefined, {
        Authorization: 'Bearer s3cret',
        Host: 'runtime.example',
      });
      expect(ok.status).toBe(200);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('sends @statelyai/inspect events over the WebSocket', async () => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/inspect?process=ticket`);
    const events: {
      type: string;
      sessionId: string;
      event?: { type: string };
      snapshot?: { value: unknown };
    }[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data))));
    await new Promise((r, f) => {
      socket.once('open', r);
      socket.once('error', f);
    });
    // A client that connects gets the active cases first.
    await until(() => events.some((e) => e.type === '@xstate.actor'), 5000, 'replay');
    const caseId = await newCase();
    await post(`/api/cases/${caseId}/events`, { type: 'RESOLVE' });
    await post(`/api/cases/${caseId}/events`, { type: 'OPEN' });
    await until(
      () => events.some((e) => e.sessionId === caseId && e.type === '@xstate.snapshot'),
      5000,
      'snapshot',
    );
    const mine = events.filter((e) => e.sessionId === caseId).slice(0, 4);
    expect(mine.map((e) => e.type)).toEqual([
      '@xstate.actor',
      '@xstate.event',
      '@xstate.event',
      '@xstate.snapshot',
    ]);
    expect(mine[0]).toMatchObject({ snapshot: { value: 'idle' } });
    expect((mine[0] as unknown as { definition: string }).definition).toContain('createTicket');
    expect(mine[3]).toMatchObject({ event: { type: 'OPEN' }, snapshot: { value: 'logging' } });
    socket.close();
  });

  it('restores every case after a restart and fires the timer that fell due while it was down', async () => {
    const waiting = await newCase();
    await post(`/api/cases/${waiting}/events`, { type: 'OPEN' });
    await until(async () => (await stateOf(waiting)).value === 'triage', 10_000, 'triage');
    await post(`/api/cases/${waiting}/events`, { type: 'ASSIGN' });
    const before = (await get('/api/processes/ticket/cases')).json.cases;
    await runtime.close();
    await sleep(QUEUE_TIMEOUT + 200);
    // The timer fires before the runtime takes its first request: no waiting here.
    runtime = await start();
    url = runtime.url;
    const after = (await get('/api/processes/ticket/cases')).json.cases;
    expect(after.map((c: { caseId: string }) => c.caseId)).toEqual(
      before.map((c: { caseId: string }) => c.caseId),
    );
    const found = await stateOf(waiting);
    expect(found.value).toBe('escalated');
    const fired = found.history.filter((h: { source: string }) => h.source === 'timer');
    expect(fired).toHaveLength(1);
    // And the restored cases move on.
    const reply = await post(`/api/cases/${waiting}/events`, { type: 'ASSIGN' });
    expect(reply.json).toMatchObject({ value: 'working', handled: true });
  });
});
