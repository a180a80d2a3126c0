// Shared by the runtime tests: a small approved process with every kind of step the runtime
// carries (a service with onDone and onError, a guard, actions, a timer), approved into a temporary
// machines folder by the real approval; and plain HTTP requests.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { approveProcess } from '../../src/core/approval';
import { checkProcess } from '../../src/core/check';
import { parseProcess } from '../../src/core/model/parse';

/** How long a ticket waits in `queued` before it escalates (ms). */
export const QUEUE_TIMEOUT = 1500;

export function ticketProcess(queueTimeout = QUEUE_TIMEOUT): Record<string, unknown> {
  return {
    plumb: 1,
    id: 'ticket',
    title: 'Support ticket',
    stage: 'to-be',
    roles: {
      agent: { title: 'Agent', costPerHour: 60 },
      lead: { title: 'Team lead', costPerHour: 90 },
    },
    events: {
      OPEN: { description: 'A request arrives' },
      ASSIGN: { description: 'Someone takes the ticket' },
      RESOLVE: { description: 'The fix is in' },
    },
    conditions: { urgent: { question: 'Is it urgent?', probability: 0.3 } },
    actions: {
      notify: { description: 'Tell the customer' },
      alertFailed: { description: 'Tell the lead the ticket could not be logged' },
    },
    services: {
      createTicket: { description: 'Log the ticket in the CRM', failureProbability: 0.1 },
    },
    delays: { queueTimeout },
    machine: {
      id: 'ticket',
      initial: 'idle',
      states: {
        idle: { on: { OPEN: 'logging' } },
        logging: {
          meta: { role: 'agent', valueAdded: false },
          invoke: {
            id: 'createTicket',
            src: 'createTicket',
            onDone: 'triage',
            onError: { target: 'manual', actions: ['alertFailed'] },
          },
        },
        manual: { meta: { role: 'lead' }, on: { ASSIGN: 'working' } },
        triage: {
          meta: { role: 'agent', valueAdded: false },
          on: {
            ASSIGN: [
              { target: 'working', guard: 'urgent', actions: ['notify'] },
              { target: 'queued' },
            ],
          },
        },
        queued: {
          meta: { role: 'agent', valueAdded: false, waits: true },
          on: { ASSIGN: 'working' },
          after: { queueTimeout: 'escalated' },
        },
        escalated: { meta: { role: 'lead' }, on: { ASSIGN: 'working' } },
        working: { meta: { role: 'agent', valueAdded: true }, on: { RESOLVE: 'done' } },
        done: { type: 'final' },
      },
    },
    waivers: [{ rule: 'no-owner', state: 'idle', reason: 'Nothing to own yet' }],
  };
}

/** Approves each process (the real check and approval) into `<dir>/<id>/`. */
export function approveInto(dir: string, processes: Record<string, unknown>[]): void {
  for (const value of processes) {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const parsed = parseProcess(text);
    if (!parsed.process)
      throw new Error(`test process does not parse: ${JSON.stringify(parsed.problems)}`);
    const report = checkProcess(parsed.process, `${parsed.process.id}.process.json`);
    const result = approveProcess({
      process: parsed.process,
      bytes: new TextEncoder().encode(text),
      report,
      by: 'Runtime tests',
      at: '2026-01-01T00:00:00.000Z',
      source: `${parsed.process.id}.process.json`,
    });
    if (!result.approved)
      throw new Error(`test process refused: ${JSON.stringify(result.blocking)}`);
    const folder = join(dir, parsed.process.id);
    mkdirSync(folder, { recursive: true });
    for (const file of result.files) writeFileSync(join(folder, file.name), file.content);
  }
}

export interface Sandbox {
  base: string;
  machines: string;
  data: string;
  remove(): void;
}

/** A temporary folder with `machines/` (the ticket process approved) and a data folder path. */
export function sandbox(processes = [ticketProcess()]): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'plumb-runtime-'));
  const machines = join(base, 'machines');
  approveInto(machines, processes);
  return {
    base,
    machines,
    data: join(base, 'data'),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON reply, read by the test
  json: any;
}

/** One HTTP request, the path sent exactly as written. */
export function send(
  url: string,
  method: string,
  path: string,
  body?: string | Buffer | object,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const { hostname, port } = new URL(url);
  const payload =
    body === undefined
      ? undefined
      : typeof body === 'string' || Buffer.isBuffer(body)
        ? body
        : JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = request(
      {
        host: hostname,
        port,
        method,
        path,
        agent: false,
        headers: {
          ...(payload === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          done({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value, or fails after `ms`. */
export async function until<T>(
  fn: () => Promise<T> | T,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export const PLUMB = resolve(import.meta.dirname, '../../bin/plumb.js');

/** How long a counter case waits in `waiting` (ms). */
export const COUNTER_TIMER_MS = 1000;

/** A process with a self-transition to send many events to, and a timer. */
export function counterProcess(): Record<string, unknown> {
  return {
    plumb: 1,
    id: 'counter',
    title: 'Counter',
    roles: { agent: { title: 'Agent', costPerHour: 30 } },
    events: {
      PING: { description: 'Something happened' },
      WAIT: { description: 'Wait for the timer' },
      DONE: { description: 'Finished' },
    },
    actions: { tick: { description: 'Count it' } },
    machine: {
      id: 'counter',
      initial: 'open',
      states: {
        open: {
          meta: { role: 'agent' },
          on: { PING: { actions: ['tick'] }, WAIT: 'waiting', DONE: 'closed' },
        },
        waiting: { meta: { role: 'agent' }, after: { [COUNTER_TIMER_MS]: 'late' } },
        late: { meta: { role: 'agent' }, on: { PING: { actions: ['tick'] }, DONE: 'closed' } },
        closed: { type: 'final' },
      },
    },
  };
}

/** Starts `plumb run` and resolves with its URL once it prints it. */
export function startChild(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [PLUMB, 'run', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
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
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (match) done({ child, url: match[1], stderr: () => stderr });
    });
    child.on('exit', (code) => fail(new Error(`plumb run exited with ${code}: ${stderr}`)));
  });
}
