// The runtime's HTTP API (DESIGN.md section 8): JSON in and out, a 400 that names the field, 404
// for an unknown process or case, 409 for a drop, 413 past 1 MB, and never a stack trace.
// Loopback requests only, unless a token is set (then every request needs it). Pages on another
// loopback port (the editor) may call it: CORS allows loopback origins.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostOfHeader, isLoopbackHost } from '../server/hosts';
import { HttpError, readBody, sendError, sendJson } from '../server/http';
import type { Committer } from './committer';
import type { Db } from './db';
import type { HostedMachine, Refusal } from './hosted';
import { loadMeasuredCases, measure } from './measures';
import { openApiDocument } from './openapi';
import { casesIn, liveView, readCase } from './queries';
import { requireStorable } from './storable';

export const MAX_BODY = 1024 * 1024;
const MAX_KEY = 200;

export interface ApiContext {
  db: Db;
  machines: ReadonlyMap<string, HostedMachine>;
  refused: Refusal[];
  committer: Committer;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  url: () => string;
  onError: (error: unknown) => void;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Loopback origins (the editor on another port) may call the API from a page. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return {};
    host = url.hostname;
  } catch {
    return {};
  }
  if (!isLoopbackHost(host)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, Authorization',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

function isPreflight(req: IncomingMessage): boolean {
  return Boolean(req.headers.origin && req.headers['access-control-request-method']);
}

/** Throws a 401/403 unless the request may be served. */
export function guard(req: IncomingMessage, token: string | undefined): void {
  if (token) {
    const header = req.headers.authorization ?? '';
    // The scheme is case-insensitive in HTTP (RFC 9110 section 11.1).
    const match = /^bearer +(.+)$/i.exec(header);
    const given = match ? match[1].trim() : '';
    if (!given || !timingSafeEqual(digest(given), digest(token)))
      throw new HttpError(
        401,
        'this runtime needs "Authorization: Bearer <token>" (PLUMB_TOKEN)',
        {},
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
  } else if (req.headers.host && !isLoopbackHost(hostOfHeader(req.headers.host))) {
    // A page elsewhere that rebinds its own name to 127.0.0.1 still sends its own Host.
    throw new HttpError(403, `requests for host "${req.headers.host}" are refused: use 127.0.0.1`);
  }
}

export function createApi(ctx: ApiContext) {
  const expected = ctx.token;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const cors = corsHeaders(req);
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    try {
      // A browser's CORS preflight carries no credentials: it is answered as such. Any other
      // OPTIONS request is a request like the rest (token, JSON answer).
      if (req.method === 'OPTIONS' && isPreflight(req)) {
        res.writeHead(204, { 'Content-Length': '0' });
        res.end();
        return;
      }
      guard(req, expected);
      await route(ctx, req, res);
    } catch (error) {
      if (error instanceof HttpError) sendError(res, error);
      else {
        ctx.onError(error);
        sendError(res, new HttpError(500, 'the runtime failed on this request (see its log)'));
      }
    }
  };
}

function segments(rawPath: string): string[] {
  try {
    return rawPath
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
  } catch {
    throw new HttpError(400, `the path ${rawPath} is not valid percent-encoding`);
  }
}

function allow(req: IncomingMessage, ...methods: string[]): void {
  if (!methods.includes(req.method ?? 'GET'))
    throw new HttpError(
      405,
      `${req.method} is not allowed here: use ${methods.join(' or ')}`,
      {},
      {
        Allow: methods.join(', '),
      },
    );
}

async function readJson(req: IncomingMessage, emptyAs?: unknown): Promise<unknown> {
  const body = await readBody(req, MAX_BODY);
  const text = body.toString('utf8');
  if (text.trim() === '') {
    if (emptyAs !== undefined) return emptyAs;
    throw new HttpError(400, 'body: missing: send a JSON object');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      `body: not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function machineOf(ctx: ApiContext, id: string): HostedMachine {
  const machine = ctx.machines.get(id);
  if (machine) return machine;
  const refusal = ctx.refused.find((r) => r.id === id);
  if (refusal)
    throw new HttpError(
      404,
      `process "${id}" is not hosted: refused: ${refusal.reasons.join('; ')}`,
    );
  throw new HttpError(404, `no process "${id}" (GET /api/processes lists them)`);
}

function describe(machine: HostedMachine): Record<string, unknown> {
  return {
    id: machine.id,
    ...(machine.title ? { title: machine.title } : {}),
    hash: machine.hash,
    approvedBy: machine.approvedBy,
    approvedAt: machine.approvedAt,
  };
}

async function route(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://runtime');
  const parts = segments(url.pathname);
  const send = (status: number, body: unknown) => sendJson(res, status, body);
  if (parts[0] !== 'api')
    throw new HttpError(404, `no such endpoint: ${url.pathname} (see /api/openapi.json)`);

  if (parts.length === 2 && parts[1] === 'openapi.json') {
    allow(req, 'GET', 'HEAD');
    return send(200, openApiDocument(ctx.url()));
  }
  if (parts.length === 2 && parts[1] === 'inspect')
    throw new HttpError(
      426,
      '/api/inspect is a WebSocket: connect with ws://',
      {},
      { Upgrade: 'websocket' },
    );

  if (parts[1] === 'processes') {
    if (parts.length === 2) {
      allow(req, 'GET', 'HEAD');
      return send(200, {
        processes: [...ctx.machines.values()].map(describe),
        refused: ctx.refused,
      });
    }
    const machine = machineOf(ctx, parts[2]);
    if (parts.length === 3) {
      allow(req, 'GET', 'HEAD');
      return send(200, {
        ...describe(machine),
        states: machine.tree.nodes.filter((n) => n.path).map((n) => n.path),
        events: machine.process.events ?? {},
      });
    }
    if (parts.length === 4 && parts[3] === 'process') {
      allow(req, 'GET', 'HEAD');
      return send(200, JSON.parse(machine.text));
    }
    if (parts.length === 4 && parts[3] === 'cases') {
      allow(req, 'GET', 'HEAD', 'POST');
      if (req.method === 'POST') {
        const body = await readJson(req, {});
        if (!body || typeof body !== 'object' || Array.isArray(body))
          throw new HttpError(400, 'body: must be a JSON object { "data"? }');
        for (const key of Object.keys(body))
          if (key !== 'data')
            throw new HttpError(400, `${key}: unknown field (the body is { "data"? })`);
        const data = (body as { data?: unknown }).data;
        if (
          data !== undefined &&
          (data === null || typeof data !== 'object' || Array.isArray(data))
        )
          throw new HttpError(400, 'data: must be a JSON object');
        requireStorable(data, 'data');
        const outcome = await ctx.committer.submit({ kind: 'create', machine, data: data ?? null });
        return send(outcome.status, outcome.body);
      }
      const state = url.searchParams.get('state') ?? undefined;
      if (state !== undefined && (!state || !machine.tree.byPath.has(state)))
        throw new HttpError(400, `state: process "${machine.id}" has no state "${state}"`);
      const status = url.searchParams.get('status') ?? undefined;
      if (status !== undefined && !['active', 'done', 'error'].includes(status))
        throw new HttpError(400, 'status: must be active, done or error');
      const limitText = url.searchParams.get('limit');
      const limit = limitText === null ? 1000 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new HttpError(400, 'limit: must be a whole number from 1 to 10,000');
      return send(200, {
        processId: machine.id,
        ...(state ? { state } : {}),
        cases: await casesIn(ctx.db, machine.id, state, status, limit),
      });
    }
    if (parts.length === 4 && parts[3] === 'measures') {
      allow(req, 'GET', 'HEAD');
      const cases = await loadMeasuredCases(ctx.db, machine.id);
      return send(200, measure(machine.process, cases, Date.now()));
    }
    if (parts.length === 4 && parts[3] === 'live') {
      allow(req, 'GET', 'HEAD');
      return send(200, await liveView(ctx.db, machine.id));
    }
  }

  if (parts[1] === 'cases' && parts.length >= 3) {
    const caseId = parts[2];
    if (parts.length === 3) {
      allow(req, 'GET', 'HEAD');
      const found = await readCase(ctx.db, caseId);
      if (!found) throw new HttpError(404, `no case "${caseId}"`);
      return send(200, found);
    }
    if (parts.length === 4 && parts[3] === 'events') {
      allow(req, 'POST');
      const keyHeader = req.headers['idempotency-key'];
      const key = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
      if (key !== undefined && (key === '' || key.length > MAX_KEY))
        throw new HttpError(400, `Idempotency-Key: must be 1 to ${MAX_KEY} characters`);
      const body = await readJson(req);
      if (!body || typeof body !== 'object' || Array.isArray(body))
        throw new HttpError(400, 'body: must be a JSON object { "type", ...data }');
      const type = (body as { type?: unknown }).type;
      if (type === undefined)
        throw new HttpError(400, 'type: missing: the event\'s name, e.g. { "type": "PICKED_UP" }');
      if (typeof type !== 'string' || type.trim() === '')
        throw new HttpError(400, 'type: must be a non-empty string');
      requireStorable(body, '');
      if (type.startsWith('xstate.'))
        throw new HttpError(
          400,
          `type: "${type}": xstate.* events are the runtime's own (timers, services)`,
        );
      const outcome = await ctx.committer.submit({
        kind: 'event',
        caseId,
        event: body as { type: string },
        source: 'api',
        ...(key !== undefined ? { key } : {}),
      });
      return send(outcome.status, outcome.body);
    }
  }
  throw new HttpError(404, `no such endpoint: ${url.pathname} (see /api/openapi.json)`);
}
