// The handlers an admin writes beside an approved machine: `machines/<id>/handlers.ts`, implementing
// the typed stubs of machine.ts, and/or `machines/<id>/handlers.json`, mapping names to webhooks.
//
// handlers.ts may export:
//   guards:  { [condition]: (args, params) => boolean }        synchronous, called during a step
//   actions: { [action]: (args, params) => void | Promise }     run after the step is committed
//   actors:  { [service]: (args) => Promise<output> }            (or `services`) run after the commit;
//            a throw or a rejection (after the retries) takes the invoking state's onError
//   options: { timeoutMs?, retries?, backoffMs? }              for every handler of the file
// handlers.json: { "<action or service>": "https://..." | { "url", "timeoutMs"?, "retries"?, "backoffMs"? } }
//
// A name that is neither a declared action, service nor condition is refused at start, naming the
// file; a handler that throws never takes the runtime down.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProcessFile } from '../core/model/types';
import type { GuardFn } from './step';

export interface RetryPolicy {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

export const DEFAULT_POLICY: RetryPolicy = { timeoutMs: 10_000, retries: 2, backoffMs: 500 };

/** What an action or service handler is called with. */
export interface HandlerArgs {
  caseId: string;
  processId: string;
  /** The event of the step that ran the action or started the service. */
  event: Record<string, unknown>;
  /** The case's data, as given when it was created. */
  data: unknown;
  /** For a service: the invoke's `input`. */
  input?: unknown;
  /** For a service: the invoke id. */
  invokeId?: string;
  /** A key that stays the same over retries of this one job. */
  jobId: string;
  attempt: number;
}

export type Handler =
  | {
      kind: 'function';
      file: string;
      fn: (args: HandlerArgs, params: unknown) => unknown;
      policy: RetryPolicy;
    }
  | { kind: 'webhook'; file: string; url: string; policy: RetryPolicy };

export interface Handlers {
  guards: Record<string, GuardFn>;
  /** By action or service name. */
  run: Map<string, Handler>;
  /** Files read, for messages. */
  files: string[];
}

export class HandlerConfigError extends Error {}

function policyOf(value: unknown, file: string, where: string): RetryPolicy {
  if (value === undefined) return DEFAULT_POLICY;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new HandlerConfigError(`${file}: ${where} must be an object`);
  const out = { ...DEFAULT_POLICY };
  for (const key of ['timeoutMs', 'retries', 'backoffMs'] as const) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new HandlerConfigError(`${file}: ${where}.${key} must be a number ≥ 0`);
    out[key] = key === 'retries' ? Math.floor(v) : v;
  }
  return out;
}

/** Reads the handlers beside one machine. Throws HandlerConfigError naming the file. */
export async function loadHandlers(folder: string, process: ProcessFile): Promise<Handlers> {
  const out: Handlers = { guards: {}, run: new Map(), files: [] };
  const actions = new Set(Object.keys(process.actions ?? {}));
  const services = new Set(Object.keys(process.services ?? {}));
  const conditions = new Set(Object.keys(process.conditions ?? {}));
  const runnable = (name: string) => actions.has(name) || services.has(name);

  const tsFile = ['handlers.ts', 'handlers.js', 'handlers.mjs']
    .map((name) => join(folder, name))
    .find((file) => existsSync(file));
  if (tsFile) {
    out.files.push(tsFile);
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(tsFile).href)) as Record<string, unknown>;
    } catch (error) {
      throw new HandlerConfigError(
        `${tsFile}: cannot be loaded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const policy = policyOf(module.options, tsFile, 'options');
    const groups: [string, unknown, (name: string) => boolean][] = [
      ['guards', module.guards, (name) => conditions.has(name)],
      ['actions', module.actions, (name) => actions.has(name)],
      ['actors', module.actors, (name) => services.has(name)],
      ['services', module.services, (name) => services.has(name)],
    ];
    for (const [group, value, declared] of groups) {
      if (value === undefined) continue;
      if (!value || typeof value !== 'object')
        throw new HandlerConfigError(`${tsFile}: "${group}" must be an object of functions`);
      for (const [name, fn] of Object.entries(value as Record<string, unknown>)) {
        if (typeof fn !== 'function')
          throw new HandlerConfigError(`${tsFile}: ${group}.${name} is not a function`);
        if (!declared(name))
          throw new HandlerConfigError(
            `${tsFile}: ${group}.${name}: the process declares no ${group === 'guards' ? 'condition' : group === 'actions' ? 'action' : 'service'} "${name}"`,
          );
        if (group === 'guards') out.guards[name] = fn as GuardFn;
        else
          out.run.set(name, {
            kind: 'function',
            file: tsFile,
            fn: fn as (args: HandlerArgs, params: unknown) => unknown,
            policy,
          });
      }
    }
  }

  const jsonFile = join(folder, 'handlers.json');
  if (existsSync(jsonFile)) {
    out.files.push(jsonFile);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(jsonFile, 'utf8'));
    } catch (error) {
      throw new HandlerConfigError(
        `${jsonFile}: not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new HandlerConfigError(`${jsonFile}: must be an object of name → webhook URL`);
    for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
      if (name.startsWith('$')) continue;
      if (!runnable(name))
        throw new HandlerConfigError(
          `${jsonFile}: ${name}: the process declares no action or service "${name}"`,
        );
      if (out.run.has(name))
        throw new HandlerConfigError(
          `${jsonFile}: ${name}: already handled by ${tsFile}; give each name one handler`,
        );
      const spec = typeof entry === 'string' ? { url: entry } : entry;
      if (!spec || typeof spec !== 'object' || Array.isArray(spec))
        throw new HandlerConfigError(`${jsonFile}: ${name} must be a URL or { "url", ... }`);
      const { url, ...rest } = spec as Record<string, unknown>;
      if (typeof url !== 'string' || !/^https?:\/\//.test(url))
        throw new HandlerConfigError(`${jsonFile}: ${name}.url must be an http(s) URL`);
      out.run.set(name, {
        kind: 'webhook',
        file: jsonFile,
        url,
        policy: policyOf(rest, jsonFile, name),
      });
    }
  }
  return out;
}

/** Calls a handler once, within its timeout. Resolves with its output; rejects with why it failed. */
export async function callHandler(
  handler: Handler,
  kind: 'action' | 'service',
  name: string,
  args: HandlerArgs,
  params: unknown,
): Promise<unknown> {
  const { timeoutMs } = handler.policy;
  if (handler.kind === 'function') {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${name} took longer than ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      // A synchronous throw becomes a rejection here, never an exception out of the runtime.
      return await Promise.race([Promise.resolve().then(() => handler.fn(args, params)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
  const response = await fetch(handler.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': args.jobId },
    body: JSON.stringify({ kind, name, params, ...args }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: unknown) => {
    const reason =
      error instanceof Error
        ? error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : error.message
        : String(error);
    throw new Error(`webhook ${handler.url}: ${reason}`);
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`webhook ${handler.url} answered ${response.status}: ${text.slice(0, 200)}`);
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
