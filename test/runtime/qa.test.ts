// QA of `plumb run` against DESIGN.md section 8, probed the way an outside checker written from the
// design alone would: a process with nested, parallel, history, `always`, guards, a named ISO 8601
// delay, a service without a handler, state keys with spaces and an event name with dots; every row
// of the table, bad input, the token, restart. Tests named after the sentence they check; the ones in
// `describe('DESIGN section 8, probed from outside')` failed when written, and were fixed.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../src/runtime/runtime';
import { PLUMB, type Reply, type Sandbox, sandbox, send, sleep, until } from './support';

/** The delay of `timed`, as the process names it. */
const SHORT_MS = 1000;

function qaProcess(id = 'qa-probe'): Record<string, unknown> {
  return {
    plumb: 1,
    id,
    title: 'QA probe ✓ ünïcode',
    stage: 'to-be',
    roles: {
      clerk: { title: 'Clerk', costPerHour: 30 },
      boss: { title: 'Boss', costPerHour: 90 },
    },
    events: {
      'order.placed': { description: 'An event name with a dot' },
      NEXT: { description: 'Next step' },
      PAUSE: { description: 'Pause' },
      RESUME: { description: 'Resume where it was' },
      GO_PAR: { description: 'Into the parallel state' },
      A_DONE: { description: 'Region a finishes' },
      B_DONE: { description: 'Region b finishes' },
      START_SVC: { description: 'Start the service' },
      WAIT: { description: 'Start the timer' },
      CLOSE: { description: 'Close' },
      PING: { description: 'A self-transition' },
    },
    conditions: { ok: { question: 'OK?', probability: 0.5 } },
    actions: { note: { description: 'Note it' } },
    services: { doWork: { description: 'Do the work', failureProbability: 0.1 } },
    delays: { short: 'PT1S' },
    machine: {
      id: 'qaProbe',
      initial: 'idle',
      states: {
        idle: {
          on: {
            'order.placed': 'main',
            GO_PAR: 'par',
            START_SVC: 'svc',
            WAIT: 'timed',
            PING: { actions: ['note'] },
          },
        },
        main: {
          initial: 'step one',
          meta: { role: 'clerk' },
          on: { PAUSE: 'paused', CLOSE: 'done' },
          states: {
            'step one': { on: { NEXT: 'step two' } },
            'step two': { on: { NEXT: 'step one' } },
            hist: { type: 'history', history: 'deep' },
          },
        },
        paused: { meta: { role: 'boss' }, on: { RESUME: 'main.hist' } },
        par: {
          type: 'parallel',
          meta: { role: 'clerk' },
          onDone: 'checking',
          states: {
            a: {
              initial: 'open',
              states: { open: { on: { A_DONE: 'closed' } }, closed: { type: 'final' } },
            },
            b: {
              initial: 'open',
              states: { open: { on: { B_DONE: 'closed' } }, closed: { type: 'final' } },
            },
          },
        },
        checking: { always: [{ guard: 'ok', target: 'done' }, { target: 'manual' }] },
        manual: { meta: { role: 'boss' }, on: { CLOSE: 'done' } },
        svc: {
          meta: { role: 'clerk' },
          invoke: { id: 'work', src: 'doWork', onDone: 'done', onError: 'failed' },
        },
        failed: { meta: { role: 'boss' }, on: { CLOSE: 'done' } },
        timed: { meta: { role: 'clerk' }, after: { short: 'expired' }, on: { CLOSE: 'done' } },
        expired: { meta: { role: 'boss' }, on: { CLOSE: 'done' } },
        done: { type: 'final' },
      },
    },
    waivers: [{ rule: 'no-owner', state: 'idle', reason: 'Nothing to own yet' }],
  };
}

interface Client {
  url: string;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  newCase(data?: object): Promise<string>;
  event(caseId: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
}

function client(url: string, processId = 'qa-probe'): Client {
  const post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    send(url, 'POST', path, body as object, headers);
  const get = (path: string, headers?: Record<string, string>) =>
    send(url, 'GET', path, undefined, headers);
  return {
    url,
    post,
    get,
    newCase: async (data?: object) => {
      const reply = await post(`/api/processes/${processId}/cases`, data ? { data } : {});
      expect(reply.status).toBe(201);
      return reply.json.caseId as string;
    },
    event: (caseId, body, headers) => post(`/api/cases/${caseId}/events`, body, headers),
  };
}

/** Every answer is JSON: a JSON content type and a body that parses. */
function expectJson(reply: Reply): void {
  expect(reply.headers['content-type'] ?? '').toMatch(/^application\/json/);
  expect(() => JSON.parse(reply.text)).not.toThrow();
}

/** `plumb run` as a user starts it; resolves with the first stdout line once printed. */
function spawnRun(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; line: string }> {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (!env.PLUMB_TOKEN) delete full.PLUMB_TOKEN;
  const child = spawn(process.execPath, [PLUMB, 'run', ...args], {
    env: full,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done, fail) => {
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end >= 0) done({ child, line: stdout.slice(0, end) });
    });
    child.on('exit', (code) => fail(new Error(`plumb run exited with ${code}: ${stderr}`)));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

describe('plumb run, probed from DESIGN.md section 8', () => {
  let box: Sandbox;
  let runtime: Runtime;
  let api: Client;
  const start = async () => {
    runtime = await startRuntime({
      machinesDir: box.machines,
      dataDir: box.data,
      port: 0,
      pollMs: 100,
    });
    api = client(runtime.url);
  };

  beforeAll(async () => {
    box = sandbox([qaProcess()]);
    await start();
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
    box?.remove();
  });

  it('GET /api/processes: the hosted processes: id, title, hash, approvedBy', async () => {
    const reply = await api.get('/api/processes');
    expect(reply.status).toBe(200);
    expectJson(reply);
    const listed = reply.json.processes.find((p: { id: string }) => p.id === 'qa-probe');
    expect(listed).toMatchObject({
      id: 'qa-probe',
      title: 'QA probe ✓ ünïcode',
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      approvedBy: 'Runtime tests',
    });
  });

  it('POST /api/processes/{id}/cases: 201 { caseId, value, paths, status }', async () => {
    const reply = await api.post('/api/processes/qa-probe/cases', { data: { who: 'Zoë' } });
    expect(reply.status).toBe(201);
    expectJson(reply);
    expect(reply.json).toMatchObject({
      caseId: expect.any(String),
      value: 'idle',
      paths: ['idle'],
      status: 'active',
    });
    const empty = await api.post('/api/processes/qa-probe/cases');
    expect(empty.status).toBe(201);
  });

  it('POST events: 200 { caseId, value, paths, status, handled: true }: nested, deep history, keys with spaces, an event name with dots', async () => {
    const id = await api.newCase();
    const entered = await api.event(id, { type: 'order.placed' });
    expect(entered.status).toBe(200);
    expectJson(entered);
    expect(entered.json).toEqual(
      expect.objectContaining({
        caseId: id,
        value: { main: 'step one' },
        paths: ['main.step one'],
        status: 'active',
        handled: true,
      }),
    );
    await api.event(id, { type: 'NEXT' });
    expect((await api.event(id, { type: 'PAUSE' })).json.paths).toEqual(['paused']);
    const back = await api.event(id, { type: 'RESUME' });
    expect(back.json).toMatchObject({ value: { main: 'step two' }, paths: ['main.step two'] });
  });

  it('parallel regions with onDone, then always with a guard answered from the case', async () => {
    const run = async (data?: object) => {
      const id = await api.newCase(data);
      const both = await api.event(id, { type: 'GO_PAR' });
      expect(both.json.paths).toEqual(['par.a.open', 'par.b.open']);
      await api.event(id, { type: 'A_DONE' });
      return (await api.event(id, { type: 'B_DONE' })).json;
    };
    expect(await run({ ok: true })).toMatchObject({ value: 'done', status: 'done', handled: true });
    expect(await run()).toMatchObject({ value: 'manual', status: 'active' });
  });

  it('a failing service takes the machine onError (no handler: it fails)', async () => {
    const id = await api.newCase();
    await api.event(id, { type: 'START_SVC' });
    await until(async () => (await api.get(`/api/cases/${id}`)).json.value === 'failed', 5000);
  });

  it('409 with handled: false and a message when nobody handles the event (the drop is recorded)', async () => {
    const id = await api.newCase();
    const drop = await api.event(id, { type: 'NEXT' });
    expect(drop.status).toBe(409);
    expectJson(drop);
    expect(drop.json).toMatchObject({ caseId: id, handled: false, value: 'idle' });
    const message = drop.json.message ?? drop.json.error;
    expect(message).toEqual(expect.stringContaining('NEXT'));
    const found = await api.get(`/api/cases/${id}`);
    expect(found.json.history.at(-1)).toMatchObject({
      event: 'NEXT',
      from: ['idle'],
      to: ['idle'],
      handled: false,
    });
  });

  it('GET /api/cases/{caseId}: { caseId, processId, value, paths, status, history: [{ at, event, from, to, handled }] }', async () => {
    const id = await api.newCase();
    await api.event(id, { type: 'WAIT' });
    await api.event(id, { type: 'CLOSE' });
    const reply = await api.get(`/api/cases/${id}`);
    expect(reply.status).toBe(200);
    expectJson(reply);
    expect(reply.json).toMatchObject({
      caseId: id,
      processId: 'qa-probe',
      value: 'done',
      paths: ['done'],
      status: 'done',
    });
    for (const entry of reply.json.history) {
      expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
      expect(entry).toMatchObject({
        event: expect.any(String),
        from: expect.any(Array),
        to: expect.any(Array),
        handled: expect.any(Boolean),
      });
    }
    expect(reply.json.history.map((h: { event: string }) => h.event).slice(-2)).toEqual([
      'WAIT',
      'CLOSE',
    ]);
  });

  it('GET /api/processes/{id}/cases?state=path: a compound state covers its children', async () => {
    const id = await api.newCase();
    await api.event(id, { type: 'GO_PAR' });
    for (const state of ['par', 'par.a', 'par.b.open']) {
      const reply = await api.get(
        `/api/processes/qa-probe/cases?state=${encodeURIComponent(state)}`,
      );
      expect(reply.status).toBe(200);
      expect(reply.json.cases.map((c: { caseId: string }) => c.caseId)).toContain(id);
    }
    const other = await api.get('/api/processes/qa-probe/cases?state=idle');
    expect(other.json.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(id);
    const spaced = await api.get(
      `/api/processes/qa-probe/cases?state=${encodeURIComponent('main.step one')}`,
    );
    expect(spaced.status).toBe(200);
  });

  it('after with a named ISO 8601 delay (PT1S) fires as the timer', async () => {
    const id = await api.newCase();
    await api.event(id, { type: 'WAIT' });
    const found = await until(
      async () => {
        const c = (await api.get(`/api/cases/${id}`)).json;
        return c.value === 'expired' ? c : undefined;
      },
      SHORT_MS + 4000,
      'the PT1S timer',
    );
    const timer = found.history.at(-1);
    expect(timer).toMatchObject({ from: ['timed'], to: ['expired'], handled: true });
    expect(Date.parse(timer.at) - Date.parse(found.history.at(-2).at)).toBeGreaterThanOrEqual(
      SHORT_MS - 50,
    );
  });

  it('unknown process or case: 404, as JSON', async () => {
    for (const reply of [
      await api.get('/api/cases/no-such-case'),
      await api.event('no-such-case', { type: 'PING' }),
      await api.get('/api/processes/nope/cases'),
      await api.post('/api/processes/nope/cases', {}),
      await api.get('/api/processes/nope/measures'),
    ]) {
      expect(reply.status).toBe(404);
      expectJson(reply);
    }
  });

  it('a body that is not what the table says: 400 naming the field', async () => {
    const id = await api.newCase();
    const cases: [unknown, string][] = [
      ['{not json', 'body'],
      ['[]', 'body'],
      ['"text"', 'body'],
      ['null', 'body'],
      [{}, 'type'],
      [{ type: 5 }, 'type'],
      [{ type: '' }, 'type'],
    ];
    for (const [body, field] of cases) {
      const reply = await api.event(id, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expectJson(reply);
      expect(reply.text).toContain(field);
    }
    for (const [body, field] of [
      [{ data: 5 }, 'data'],
      [{ data: [1] }, 'data'],
      ['[1]', 'body'],
      ['{nope', 'body'],
    ] as [unknown, string][]) {
      const reply = await api.post('/api/processes/qa-probe/cases', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.text).toContain(field);
    }
    const state = await api.get('/api/processes/qa-probe/cases?state=nowhere');
    expect(state.status).toBe(400);
    expect(state.text).toContain('state');
  });

  it('413 over 1 MB, as JSON; exactly 1 MB is taken', async () => {
    const id = await api.newCase();
    const over = await api.event(id, { type: 'PING', pad: 'x'.repeat(1024 * 1024) });
    expect(over.status).toBe(413);
    expectJson(over);
    const shell = JSON.stringify({ type: 'PING', pad: '' });
    const exact = JSON.stringify({ type: 'PING', pad: 'x'.repeat(1024 * 1024 - shell.length) });
    expect(Buffer.byteLength(exact)).toBe(1024 * 1024);
    expect((await api.event(id, exact)).status).toBe(200);
  });

  it('every answer is JSON: unknown routes and methods not allowed', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/api'],
      ['GET', '/api/cases'],
      ['DELETE', '/api/processes'],
      ['PUT', '/api/processes/qa-probe/cases'],
      ['GET', '/api/cases/x/events'],
      ['PATCH', '/api/cases/x'],
    ]) {
      const reply = await send(api.url, method, path);
      expect(reply.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expectJson(reply);
    }
  });

  it('the same Idempotency-Key twice applies the event once, with the same answer', async () => {
    const id = await api.newCase();
    const first = await api.event(id, { type: 'order.placed' }, { 'Idempotency-Key': 'k-1' });
    const again = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.event(id, { type: 'order.placed' }, { 'Idempotency-Key': 'k-1' }),
      ),
    );
    for (const reply of again) {
      expect(reply.status).toBe(first.status);
      expect(reply.json).toMatchObject({
        caseId: first.json.caseId,
        value: first.json.value,
        paths: first.json.paths,
        status: first.json.status,
        handled: first.json.handled,
      });
    }
    const history = (await api.get(`/api/cases/${id}`)).json.history;
    expect(history.filter((h: { event: string }) => h.event === 'order.placed')).toHaveLength(1);
    // A drop with a key is recorded once too.
    await api.event(id, { type: 'GO_PAR' }, { 'Idempotency-Key': 'k-2' });
    await api.event(id, { type: 'GO_PAR' }, { 'Idempotency-Key': 'k-2' });
    const after = (await api.get(`/api/cases/${id}`)).json.history;
    expect(after.filter((h: { event: string }) => h.event === 'GO_PAR')).toHaveLength(1);
  });

  it('20 parallel events to one case: each applied in order, the history consistent, no 5xx', async () => {
    const id = await api.newCase();
    await api.event(id, { type: 'order.placed' });
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => api.event(id, { type: 'NEXT' })),
    );
    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    const applied = replies.filter((r) => r.status === 200).length;
    const found = (await api.get(`/api/cases/${id}`)).json;
    const nexts = found.history.filter((h: { event: string }) => h.event === 'NEXT');
    expect(nexts).toHaveLength(20);
    expect(nexts.filter((h: { handled: boolean }) => h.handled)).toHaveLength(applied);
    for (let i = 1; i < found.history.length; i++)
      expect(found.history[i].from).toEqual(found.history[i - 1].to);
    expect(found.paths).toEqual([applied % 2 ? 'main.step two' : 'main.step one']);
  });

  it('every query parameterised: SQL-ish ids, paths and event types, unicode, very long types', async () => {
    const sqlId = encodeURIComponent("x' OR '1'='1");
    expect((await api.get(`/api/cases/${sqlId}`)).status).toBe(404);
    const proc = encodeURIComponent("qa-probe'; DROP TABLE cases;--");
    expect((await api.get(`/api/processes/${proc}/cases`)).status).toBe(404);
    const state = encodeURIComponent("idle' OR 1=1--");
    expect((await api.get(`/api/processes/qa-probe/cases?state=${state}`)).status).toBe(400);
    const id = await api.newCase({ name: "Robert'); DROP TABLE cases;--" });
    const types = ["'); DROP TABLE case_events;--", 'ÉVÉNEMENT ✓ 🚀', 'X'.repeat(100_000)];
    for (const type of types) {
      const reply = await api.event(id, { type });
      expect(reply.status).toBe(409);
      expectJson(reply);
    }
    const found = (await api.get(`/api/cases/${id}`)).json;
    expect(found.history.slice(1).map((h: { event: string }) => h.event)).toEqual(types);
    expect((await api.get('/api/processes')).status).toBe(200);
  });

  it('GET /api/processes/{id}/measures: the measures of section 3 (the shape of plumb simulate --json)', async () => {
    const reply = await api.get('/api/processes/qa-probe/measures');
    expect(reply.status).toBe(200);
    expectJson(reply);
    expect(reply.json).toMatchObject({
      id: 'qa-probe',
      runs: expect.any(Number),
      cycleTime: {
        mean: expect.any(Number),
        p50: expect.any(Number),
        p90: expect.any(Number),
        p99: expect.any(Number),
      },
      cost: { mean: expect.any(Number), byRole: expect.any(Object) },
      handoffs: { mean: expect.any(Number) },
      nonValueAddedShare: expect.any(Number),
      finals: expect.any(Object),
      stuck: { share: expect.any(Number), examples: expect.any(Array) },
    });
    expect(reply.json.finals.done).toBeGreaterThan(0);
    expect(reply.json.finals.done).toBeLessThanOrEqual(1);
  });

  it('after timers fire after a restart: one that fell due while it was down fires at start, once', async () => {
    const id = await api.newCase();
    await api.event(id, { type: 'WAIT' });
    const keyed = await api.newCase();
    await api.event(keyed, { type: 'PING' }, { 'Idempotency-Key': 'across-restart' });
    await runtime.close();
    await sleep(SHORT_MS + 300);
    await start();
    const found = (await api.get(`/api/cases/${id}`)).json;
    expect(found.value).toBe('expired');
    expect(found.history.filter((h: { to: string[] }) => h.to[0] === 'expired')).toHaveLength(1);
    await api.event(keyed, { type: 'PING' }, { 'Idempotency-Key': 'across-restart' });
    const pings = (await api.get(`/api/cases/${keyed}`)).json.history.filter(
      (h: { event: string }) => h.event === 'PING',
    );
    expect(pings).toHaveLength(1);
  });
});

describe('plumb run from the command line', () => {
  let box: Sandbox;
  let plain: { child: ChildProcess; line: string } | undefined;
  beforeAll(async () => {
    box = sandbox([qaProcess()]);
    plain = await spawnRun([box.machines, '--port', '0']);
  }, 60_000);
  afterAll(async () => {
    await stop(plain?.child);
    box?.remove();
  });

  it('prints listening on http://127.0.0.1:PORT; on loopback by default; .plumb-data beside the machines folder', async () => {
    expect(plain?.line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(join(box.base, '.plumb-data'))).toBe(true);
    const url = plain?.line.slice('listening on '.length) ?? '';
    const reply = await send(url, 'GET', '/api/processes', undefined, { Host: 'example.com' });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expectJson(reply);
  });
});

describe('DESIGN section 8, probed from outside', () => {
  let box: Sandbox;
  let runtime: Runtime;
  let api: Client;
  let hosted: { child: ChildProcess; line: string } | undefined;
  const TOKEN = 'qa-token-123';

  beforeAll(async () => {
    box = sandbox([qaProcess()]);
    [runtime, hosted] = await Promise.all([
      startRuntime({ machinesDir: box.machines, dataDir: box.data, port: 0, pollMs: 100 }),
      spawnRun(
        [box.machines, '--port', '0', '--host', '0.0.0.0', '--data', join(box.base, 'hosted')],
        { PLUMB_TOKEN: TOKEN },
      ),
    ]);
    api = client(runtime.url);
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
    await stop(hosted?.child);
    box?.remove();
  });

  const hostedUrl = () => `http://127.0.0.1:${/:(\d+)$/.exec(hosted?.line ?? '')?.[1]}`;

  it('a body that is not what the table says: 400 naming the field, never a 5xx (a \\u0000 in the event data)', async () => {
    const id = await api.newCase();
    const reply = await api.event(id, '{"type":"PING","note":"a\\u0000b"}');
    expect(reply.status).toBeLessThan(500);
    expect([200, 400]).toContain(reply.status);
    if (reply.status === 400) expect(reply.text).toContain('note');
  });

  it('a body that is not what the table says: 400 naming the field, never a 5xx (a \\u0000 in type)', async () => {
    const id = await api.newCase();
    const reply = await api.event(id, '{"type":"PI\\u0000NG"}');
    expect(reply.status).toBeLessThan(500);
    expect([400, 409]).toContain(reply.status);
    if (reply.status === 400) expect(reply.text).toContain('type');
  });

  it('a body that is not what the table says: 400 naming the field, never a 5xx (a lone surrogate in the event data)', async () => {
    const id = await api.newCase();
    const reply = await api.event(id, '{"type":"PING","note":"\\ud800"}');
    expect(reply.status).toBeLessThan(500);
    if (reply.status === 400) expect(reply.text).toContain('note');
  });

  it('POST /api/processes/{id}/cases body { "data"? }: a \\u0000 in data is 201 or 400 naming data, never a 5xx', async () => {
    const reply = await api.post('/api/processes/qa-probe/cases', '{"data":{"note":"a\\u0000b"}}');
    expect(reply.status).toBeLessThan(500);
    if (reply.status === 400) expect(reply.text).toContain('data');
  });

  it('every answer is JSON (headers over the limit)', async () => {
    const id = await api.newCase();
    const reply = await api.event(id, { type: 'PING' }, { 'Idempotency-Key': 'k'.repeat(20_000) });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expectJson(reply);
  });

  it('every answer is JSON (a very long case id in the path)', async () => {
    const reply = await api.get(`/api/cases/${'x'.repeat(20_000)}`);
    expect([400, 404, 414, 431]).toContain(reply.status);
    expectJson(reply);
  });

  it('every answer is JSON (OPTIONS without a CORS preflight)', async () => {
    const reply = await send(api.url, 'OPTIONS', '/api/processes');
    expectJson(reply);
  });

  it('with --host, every request needs the bearer token (OPTIONS too)', async () => {
    const reply = await send(hostedUrl(), 'OPTIONS', '/api/processes');
    expect(reply.status).toBe(401);
    expectJson(reply);
  });

  it('with --host, Authorization: Bearer is accepted as HTTP spells it (the scheme is case-insensitive)', async () => {
    const good = await send(hostedUrl(), 'GET', '/api/processes', undefined, {
      Authorization: `Bearer ${TOKEN}`,
    });
    expect(good.status).toBe(200);
    const none = await send(hostedUrl(), 'GET', '/api/processes');
    expect(none.status).toBe(401);
    expectJson(none);
    const lower = await send(hostedUrl(), 'GET', '/api/processes', undefined, {
      Authorization: `bearer ${TOKEN}`,
    });
    expect(lower.status).toBe(200);
  });

  it('it prints listening on http://127.0.0.1:PORT once it takes requests (also with --host)', () => {
    expect(hosted?.line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  // A reading of DESIGN section 5: the machine's own files (machines/<id>/, the approved copy
  // included) carry the approval's hash and run; a source edited after approval is the next
  // version in the making, named in a note (plumb verify reports it as drift).
  it('a source edited after approval leaves the approved copy running, with a note naming the source', async () => {
    const source = join(box.base, 'qa-probe.process.json');
    const approved = readFileSync(join(box.machines, 'qa-probe', 'process.json'), 'utf8');
    writeFileSync(source, approved.replace('"QA probe ✓ ünïcode"', '"QA probe, edited"'));
    const second = await startRuntime({
      machinesDir: box.machines,
      dataDir: join(box.base, 'data-drift'),
      port: 0,
    });
    try {
      expect(second.machines.has('qa-probe')).toBe(true);
      expect(second.notes.join('\n')).toContain('qa-probe.process.json');
    } finally {
      await second.close();
    }
  });
});
