// `npm run bench -- runtime`: the runtime driven over HTTP by 16 concurrent clients, each sending
// its next event as soon as the last one is acknowledged (acknowledged = committed). Figures:
// durable events per second and latency, on PGlite (one `plumb run`) and on PostgreSQL (a
// throwaway server with its default, durable settings, and two `plumb run` processes sharing it).
// In the table, `size` is the events acknowledged and `ms` the p99 latency; the note has the rate.
//
// Goals (issue 7): ≥ 1,000 events/s on PGlite and ≥ 3,000 on PostgreSQL with two runtimes, p99
// under 50 ms. Everything (clients, runtimes, the database) shares this machine's cores.

import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { pgPlan, startPostgres } from '../test/runtime/pgServer';
import { counterProcess, sandbox } from '../test/runtime/support';
import type { Row } from './measure';

const CLIENTS = 16;
const CASES = 64;
const WARMUP_MS = 1500;
const MEASURE_MS = Number(process.env.PLUMB_BENCH_SECONDS ?? 6) * 1000;
/** `pglite` or `postgres` runs only that half (PLUMB_BENCH_DB); both by default. */
const ONLY = process.env.PLUMB_BENCH_DB;
/** A folder: each runtime writes a CPU profile there (`node --cpu-prof`) when it stops. */
const PROFILE = process.env.PLUMB_BENCH_PROFILE;
const plumb = resolve(import.meta.dirname, '../bin/plumb.js');

function startRuntime(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE)}`] : [];
  const child = spawn(process.execPath, [...profile, plumb, 'run', ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((done, fail) => {
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) done({ child, url: match[1] });
    });
    child.on('exit', (code) => fail(new Error(`plumb run exited with ${code}`)));
  });
}

function post(
  agent: Agent,
  url: string,
  path: string,
  body: object,
): Promise<{ status: number; json: { caseId?: string } }> {
  const { hostname, port } = new URL(url);
  const payload = JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = request(
      {
        host: hostname,
        port,
        method: 'POST',
        path,
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

async function drive(urls: string[], name: string): Promise<Row> {
  const agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: CLIENTS }));
  const cases: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const reply = await post(
      agents[i % urls.length],
      urls[i % urls.length],
      '/api/processes/counter/cases',
      {},
    );
    if (reply.status !== 201 || !reply.json.caseId)
      throw new Error(`case not created: ${reply.status}`);
    cases.push(reply.json.caseId);
  }
  const latencies: number[] = [];
  let counting = false;
  let stop = false;
  let sent = 0;
  let failure: unknown;
  const client = async (c: number) => {
    const at = c % urls.length;
    try {
      while (!stop) {
        const caseId = cases[(sent++ * 7 + c) % CASES];
        const started = performance.now();
        const reply = await post(agents[at], urls[at], `/api/cases/${caseId}/events`, {
          type: 'PING',
        });
        if (reply.status !== 200)
          throw new Error(`event refused: ${reply.status} ${JSON.stringify(reply.json)}`);
        if (counting) latencies.push(performance.now() - started);
      }
    } catch (error) {
      failure ??= error;
      stop = true;
    }
  };
  const running = Array.from({ length: CLIENTS }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  counting = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  counting = false;
  const seconds = (performance.now() - started) / 1000;
  const events = latencies.length;
  stop = true;
  await Promise.all(running);
  for (const agent of agents) agent.destroy();
  if (failure) throw failure;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const rate = Math.round(events / seconds);
  return {
    name,
    size: events,
    ms: Math.round(at(0.99) * 100) / 100,
    note: `${rate.toLocaleString('en')} events/s, p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms (${CLIENTS} clients)`,
  };
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

export default async function runtimeBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const box = sandbox([counterProcess()]);
  try {
    if (ONLY !== 'postgres') {
      const pglite = await startRuntime([box.machines, '--port', '0', '--data', box.data]);
      try {
        rows.push(await drive([pglite.url], 'runtime: PGlite, 1 runtime'));
      } finally {
        await stopChild(pglite.child);
      }
    }
    if (ONLY === 'pglite') return rows;
    const plan = pgPlan();
    if (typeof plan === 'string') {
      console.warn(`runtime bench: PostgreSQL skipped: ${plan}`);
      return rows;
    }
    const pg = await startPostgres(plan, ['max_connections=50']);
    try {
      const first = await startRuntime([box.machines, '--port', '0', '--db', pg.url]);
      const second = await startRuntime([box.machines, '--port', '0', '--db', pg.url]);
      try {
        rows.push(await drive([first.url, second.url], 'runtime: PostgreSQL, 2 runtimes'));
      } finally {
        await Promise.all([stopChild(first.child), stopChild(second.child)]);
      }
    } finally {
      pg.stop();
    }
  } finally {
    box.remove();
  }
  return rows;
}
