// The runtime on a real PostgreSQL server (a throwaway one, started here): the same schema and
// migrations; two runtimes on one database never apply an event twice, never fire a timer twice,
// and an Idempotency-Key sent to both applies once. Skipped, saying why, where no server can start.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../src/runtime/runtime';
import { type PgServer, pgPlan, startPostgres } from './pgServer';
import {
  COUNTER_TIMER_MS,
  counterProcess,
  type Sandbox,
  sandbox,
  send,
  startChild,
  ticketProcess,
  until,
} from './support';

const plan = pgPlan();
if (typeof plan === 'string') console.warn(`SKIPPED: the PostgreSQL tests of the runtime: ${plan}`);

describe.skipIf(typeof plan === 'string')('plumb run on PostgreSQL', () => {
  let pg: PgServer;
  let box: Sandbox;
  let a: Runtime;
  let b: Runtime;
  const start = () =>
    startRuntime({ machinesDir: box.machines, dbUrl: pg.url, port: 0, pollMs: 50 });

  beforeAll(async () => {
    if (typeof plan === 'string') return;
    pg = await startPostgres(plan);
    box = sandbox([counterProcess(), ticketProcess()]);
    // Both migrate at once: the advisory lock makes them take turns.
    [a, b] = await Promise.all([start(), start()]);
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    pg?.stop();
    box?.remove();
  });

  it('has the schema of the migrations, applied once', async () => {
    const { rows } = await a.db.query<{ version: number }>('SELECT version FROM plumb_migrations');
    expect(rows.map((r) => Number(r.version))).toEqual([1]);
    const tables = await a.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'case_events',
      'cases',
      'idempotency',
      'jobs',
      'plumb_migrations',
      'processes',
      'timers',
    ]);
  });

  it('applies each event of concurrent clients on two runtimes exactly once', async () => {
    const urls = [a.url, b.url];
    const cases: string[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await send(urls[i % 2], 'POST', '/api/processes/counter/cases', {});
      expect(reply.status).toBe(201);
      cases.push(reply.json.caseId);
    }
    const acked: { caseId: string; n: number }[] = [];
    let n = 0;
    await Promise.all(
      Array.from({ length: 16 }, async (_, c) => {
        for (let i = 0; i < 25; i++) {
          const mine = n++;
          const caseId = cases[mine % cases.length];
          const reply = await send(urls[c % 2], 'POST', `/api/cases/${caseId}/events`, {
            type: 'PING',
            n: mine,
          });
          expect(reply.status, reply.text).toBe(200);
          acked.push({ caseId, n: mine });
        }
      }),
    );
    expect(acked).toHaveLength(400);
    for (const caseId of cases) {
      const found = (await send(urls[0], 'GET', `/api/cases/${caseId}`)).json;
      const pings = found.history.filter((h: { event: string }) => h.event === 'PING');
      const ns = pings
        .map((h: { data: { n: number } }) => h.data.n)
        .sort((x: number, y: number) => x - y);
      const expected = acked
        .filter((x) => x.caseId === caseId)
        .map((x) => x.n)
        .sort((x, y) => x - y);
      expect(ns).toEqual(expected);
    }
  });

  it('commits requests that arrive together in one batch (group commit)', async () => {
    const created = await send(a.url, 'POST', '/api/processes/counter/cases', {});
    const caseId = created.json.caseId;
    const before = a.committer.stats.commits;
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        a.committer.submit({
          kind: 'event',
          caseId,
          event: { type: 'PING', n: i } as never,
          source: 'api',
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array(50).fill(200));
    expect(a.committer.stats.commits - before).toBeLessThanOrEqual(2);
    const history = (await send(b.url, 'GET', `/api/cases/${caseId}`)).json.history;
    expect(
      history
        .filter((h: { event: string }) => h.event === 'PING')
        .map((h: { data: { n: number } }) => h.data.n),
    ).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('applies the same Idempotency-Key sent to both runtimes once', async () => {
    const created = await send(a.url, 'POST', '/api/processes/counter/cases', {});
    const caseId = created.json.caseId;
    const headers = { 'Idempotency-Key': 'once' };
    const replies = await Promise.all(
      [a.url, b.url, a.url, b.url].map((url) =>
        send(url, 'POST', `/api/cases/${caseId}/events`, { type: 'PING', n: -1 }, headers),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(replies.filter((r) => r.json.replayed)).toHaveLength(3);
    const history = (await send(b.url, 'GET', `/api/cases/${caseId}`)).json.history;
    expect(history.filter((h: { event: string }) => h.event === 'PING')).toHaveLength(1);
  });

  it('fires each timer once, though both runtimes watch the table', async () => {
    const cases: string[] = [];
    for (let i = 0; i < 20; i++) {
      const url = i % 2 ? a.url : b.url;
      const reply = await send(url, 'POST', '/api/processes/counter/cases', {});
      cases.push(reply.json.caseId);
      expect(
        (await send(url, 'POST', `/api/cases/${reply.json.caseId}/events`, { type: 'WAIT' }))
          .status,
      ).toBe(200);
    }
    const firedBefore = a.timers.fired + b.timers.fired;
    await until(
      async () => {
        const { rows } = await a.db.query<{ n: number }>('SELECT count(*)::int AS n FROM timers');
        return Number(rows[0].n) === 0;
      },
      COUNTER_TIMER_MS + 10_000,
      'every timer to fire',
    );
    await new Promise((r) => setTimeout(r, 300));
    for (const caseId of cases) {
      const found = (await send(a.url, 'GET', `/api/cases/${caseId}`)).json;
      expect(found.value).toBe('late');
      expect(found.history.filter((h: { source: string }) => h.source === 'timer')).toHaveLength(1);
    }
    expect(a.timers.fired + b.timers.fired - firedBefore).toBe(20);
  });

  it('plumb run --db serves, and a second runtime restores the cases', async () => {
    const first = await startChild([box.machines, '--port', '0', '--db', pg.url]);
    try {
      const created = await send(first.url, 'POST', '/api/processes/ticket/cases', {});
      expect(created.status).toBe(201);
      const again = await send(b.url, 'GET', `/api/cases/${created.json.caseId}`);
      expect(again.json).toMatchObject({ processId: 'ticket', value: 'idle' });
    } finally {
      first.child.kill('SIGTERM');
    }
  });
});
