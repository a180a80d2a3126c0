// The runtime (DESIGN.md section 8): approved machines served over HTTP, cases kept in PGlite or
// PostgreSQL, timers and jobs run from the database, changes sent to the inspection WebSocket.
// `startRuntime` returns once it takes requests, after firing every timer that fell due while no
// runtime was running.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { urlHost } from '../server/hosts';
import { createApi, guard } from './api';
import type { Change } from './caseBatch';
import { CaseCache } from './caseCache';
import { Committer } from './committer';
import { type Db, openPglite, openPostgres } from './db';
import { type HostedMachine, loadMachines, MachinesError, type Refusal } from './hosted';
import { Inspection } from './inspect';
import { JobRunner } from './jobs';
import { migrate } from './schema';
import { TimerLoop } from './timers';

export interface RuntimeOptions {
  machinesDir: string;
  /** PGlite data folder (default `.plumb-data` beside the machines folder). */
  dataDir?: string;
  /** A PostgreSQL URL instead of PGlite. */
  dbUrl?: string;
  port: number;
  host?: string;
  /** Required for a host other than loopback: every request needs it as a bearer token. */
  token?: string;
  /** How often the timer and job tables are polled for work of other runtimes (ms). */
  pollMs?: number;
  /** Messages for the operator (stderr in the CLI). */
  log?: (message: string) => void;
}

export interface Runtime {
  url: string;
  port: number;
  db: Db;
  machines: ReadonlyMap<string, HostedMachine>;
  refused: Refusal[];
  notes: string[];
  committer: Committer;
  timers: TimerLoop;
  close(): Promise<void>;
}

/** The PGlite data folder a machines folder gets by default. */
export function defaultDataDir(machinesDir: string): string {
  return join(dirname(resolve(machinesDir)), '.plumb-data');
}

const LOCK_FILE = 'runtime.pid';

/** One runtime per PGlite folder: PGlite is one process's database. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && isAlive(holder))
    throw new MachinesError(
      `${dataDir} is in use by another plumb process (pid ${holder}): PGlite serves one process; stop it, or use --db postgres://... to share cases between runtimes`,
    );
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (Number(readFileSync(file, 'utf8').trim()) === process.pid) rmSync(file);
    } catch {}
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.log ?? (() => {});
  const logError = (error: unknown) =>
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const { hosted, refused, notes } = await loadMachines(options.machinesDir, (id, name, error) =>
    log(
      `guard ${name} of ${id} threw (answered no): ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
  if (hosted.length === 0)
    throw new MachinesError(
      refused.length
        ? `${options.machinesDir}: no machine can run: ${refused.map((r) => `${r.id}: ${r.reasons.join('; ')}`).join(' | ')}`
        : `${options.machinesDir}: no approved machines (plumb approve writes machines/<id>/)`,
    );
  const machines = new Map(hosted.map((m) => [m.id, m]));

  let unlock = () => {};
  let db: Db;
  if (options.dbUrl) db = await openPostgres(options.dbUrl);
  else {
    const dataDir = options.dataDir ?? defaultDataDir(options.machinesDir);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
    try {
      db = await openPglite(dataDir);
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const stops: (() => Promise<void> | void)[] = [() => db.close(), unlock];
  const stopAll = async () => {
    for (const stop of stops.splice(0)) await stop();
  };
  try {
    await migrate(db);
    const now = Date.now();
    for (const m of hosted)
      await db.query(
        `INSERT INTO processes (hash, id, title, approved_by, text, first_ms) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (hash) DO NOTHING`,
        [m.hash, m.id, m.title ?? null, m.approvedBy, m.text, now],
      );

    let url = '';
    const inspection = new Inspection(
      machines,
      async (processId, limit) => {
        const { rows } = await db.query<{
          id: string;
          process_id: string;
          status: string;
          snapshot: { value?: unknown };
        }>(
          `SELECT id, process_id, status, snapshot FROM cases
            WHERE status = 'active' AND ($1::text IS NULL OR process_id = $1::text)
            ORDER BY updated_ms DESC LIMIT $2`,
          [processId ?? null, limit],
        );
        return rows.map((r) => ({
          caseId: r.id,
          processId: r.process_id,
          value: r.snapshot?.value ?? null,
          status: r.status,
        }));
      },
      logError,
    );
    let timers: TimerLoop | undefined;
    let jobs: JobRunner | undefined;
    const onCommit = (changes: Change[]) => {
      let earliest = Number.POSITIVE_INFINITY;
      let anyJobs = false;
      for (const change of changes) {
        for (const due of change.timersDue) earliest = Math.min(earliest, due);
        anyJobs ||= change.jobs;
      }
      if (earliest < Number.POSITIVE_INFINITY) timers?.wake(earliest);
      if (anyJobs) jobs?.wake();
      inspection.publish(changes);
    };
    const cache = new CaseCache();
    const committer = new Committer(db, cache, machines, onCommit, logError);
    const pollMs = options.pollMs ?? 1000;
    timers = new TimerLoop(db, machines, onCommit, logError, pollMs, cache);
    jobs = new JobRunner(db, machines, committer, log, pollMs);
    // Timers that fell due while no runtime ran fire before the first request is taken.
    await timers.start();
    await jobs.start();
    stops.unshift(
      () => jobs?.stop(),
      () => timers?.stop(),
      () => committer.close(),
    );

    const api = createApi({
      db,
      machines,
      refused,
      committer,
      token: options.token,
      url: () => url,
      onError: logError,
    });
    const server: Server = createServer((req, res) => void api(req, res));
    server.on('upgrade', (req, socket, head) => {
      const target = new URL(req.url ?? '/', 'http://runtime');
      try {
        if (target.pathname !== '/api/inspect') throw new Error('no WebSocket here');
        guard(req, options.token);
        const process = target.searchParams.get('process') ?? undefined;
        if (process !== undefined && !machines.has(process)) throw new Error('unknown process');
        inspection.upgrade(req, socket, head, process);
      } catch {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      }
    });
    // Requests Node refuses before they reach the API (headers over its limit, a malformed
    // request line) still get an answer in JSON, naming what was wrong.
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return;
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      const status = tooLarge ? 431 : 400;
      const body = JSON.stringify({
        error: tooLarge
          ? 'the request headers (or the URL) are over the size this runtime reads'
          : 'the request is not valid HTTP',
      });
      socket.end(
        `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
          `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Connection: close\r\n\r\n${body}`,
      );
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port, host, () => {
        server.off('error', fail);
        done();
      });
    });
    const port = (server.address() as AddressInfo).port;
    // Listening on every interface includes loopback: say the address that works here.
    const wildcard = host === '0.0.0.0' || host === '::' || host === '';
    url = `http://${wildcard ? '127.0.0.1' : urlHost(host)}:${port}`;
    stops.unshift(
      () => inspection.close(),
      () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
    );
    return {
      url,
      port,
      db,
      machines,
      refused,
      notes,
      committer,
      timers,
      close: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
