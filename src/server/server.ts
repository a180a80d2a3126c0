// The local workspace server (`plumb serve`): the built app and a small API over the process files
// of one folder, and nothing outside it.
//
//   GET /api/files          { folder, files: [{ path, id?, title?, stage?, ok?, errors, warnings, problems? }] }
//   GET /api/files/<path>   { path, text, process?, problems, report, etag }
//   PUT /api/files/<path>   body { text, etag? }  →  { path, etag, report }
//   POST /api/approve/<path> body { by }          →  200 approved, 422 { blocking } (src/server/approve.ts)
//
// Errors are `{ error }` with their status: 400 bad body, 401 missing token, 403 refused path,
// 404 unknown file or route, 405 wrong method, 409 write conflict, 413 body over 5 MB.

import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { approveInWorkspace } from './approve';
import { hostOfHeader, isLoopbackHost, urlHost } from './hosts';
import { HttpError, readBody, sendError, sendJson } from './http';
import { decodePath, processFilePath } from './paths';
import { serveStatic } from './static';
import { Workspace } from './workspace';

export interface WorkspaceServerOptions {
  /** The workspace folder: its `*.process.json` files are listed, read and written. */
  folder: string;
  /** 0 picks a free port. */
  port: number;
  /** Loopback unless told; the CLI refuses anything else without a token. */
  host?: string;
  /** The built app (default `dist/` at the repository root). */
  appDir?: string;
  /** When set, every API request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Where approved machines go (default: `machines` beside the workspace folder). */
  machinesDir?: string;
  /** Told about unexpected errors (answered with a 500 and no stack trace). */
  onError?: (error: unknown) => void;
}

export interface WorkspaceServer {
  url: string;
  port: number;
  /** The workspace folder's real path. */
  folder: string;
  close(): Promise<void>;
}

export const DEFAULT_APP_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

export type WorkspaceHandler = ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & {
  /** The workspace folder's real path. */
  folder: string;
};

/** The request handler alone, for a server of one's own (or a dev server's middleware). */
export function createWorkspaceHandler(
  options: Omit<WorkspaceServerOptions, 'port' | 'host'> & { checkHost?: boolean },
): WorkspaceHandler {
  const workspace = new Workspace(options.folder);
  const appDir = options.appDir ?? DEFAULT_APP_DIR;
  const tokenDigest = options.token ? digest(options.token) : undefined;
  const checkHost = options.checkHost ?? !options.token;
  const machinesDir = options.machinesDir ?? join(workspace.root, '..', 'machines');

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] || '/';
      // A page elsewhere that rebinds its own name to 127.0.0.1 still sends its own Host.
      if (checkHost && req.headers.host && !isLoopbackHost(hostOfHeader(req.headers.host)))
        throw new HttpError(
          403,
          `requests for host "${req.headers.host}" are refused: use 127.0.0.1`,
        );
      if (rawPath === '/api' || rawPath.startsWith('/api/')) {
        if (tokenDigest) requireToken(req, tokenDigest);
        await api(req, res, rawPath, workspace, machinesDir);
      } else serveStatic(req, res, rawPath, appDir);
    } catch (error) {
      if (error instanceof HttpError) sendError(res, error);
      else {
        options.onError?.(error);
        sendError(
          res,
          new HttpError(
            500,
            `internal error: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    }
  };
  return Object.assign(handler, { folder: workspace.root });
}

async function api(
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  workspace: Workspace,
  machinesDir: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (rawPath.startsWith('/api/approve/')) {
    if (method !== 'POST') throw notAllowed(method, 'POST');
    refuseCrossOrigin(req);
    const rel = processFilePath(decodePath(rawPath.slice('/api/approve/'.length)));
    const by = parseApproveBody(await readBody(req));
    const { status, answer } = approveInWorkspace(workspace, rel, by, machinesDir);
    sendJson(res, status, answer);
    return;
  }
  if (rawPath === '/api/files' || rawPath === '/api/files/') {
    if (method !== 'GET' && method !== 'HEAD') throw notAllowed(method, 'GET');
    sendJson(res, 200, { folder: workspace.root, files: workspace.list() });
    return;
  }
  if (!rawPath.startsWith('/api/files/'))
    throw new HttpError(404, `no such route: ${method} ${rawPath}`);
  const rel = processFilePath(decodePath(rawPath.slice('/api/files/'.length)));
  if (method === 'GET' || method === 'HEAD') {
    const content = workspace.read(rel);
    sendJson(res, 200, content, { ETag: `"${content.etag}"` });
    return;
  }
  if (method !== 'PUT') throw notAllowed(method, 'GET, PUT');
  refuseCrossOrigin(req);
  const { text, etag } = parseBody(await readBody(req));
  const saved = workspace.write(rel, text, etag);
  sendJson(
    res,
    saved.created ? 201 : 200,
    { path: saved.path, etag: saved.etag, report: saved.report },
    { ETag: `"${saved.etag}"` },
  );
}

function parseApproveBody(body: Buffer): string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body must be JSON: { "by": "<who approves>" }');
  }
  const by = value && typeof value === 'object' ? (value as { by?: unknown }).by : undefined;
  if (typeof by !== 'string' || by.trim() === '')
    throw new HttpError(400, '"by" is missing: the name of the person who approves the machine');
  return by.trim();
}

function parseBody(body: Buffer): { text: string; etag?: string } {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(
      400,
      'the body must be JSON: { "text": "<the file>", "etag": "<optional>" }',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, 'the body must be a JSON object: { "text", "etag"? }');
  const { text, etag } = value as Record<string, unknown>;
  if (typeof text !== 'string')
    throw new HttpError(
      400,
      text === undefined
        ? 'the body needs "text": the process file as a string'
        : '"text" must be a string: the process file exactly as it is to be saved',
      { field: 'text' },
    );
  if (etag !== undefined && etag !== null && typeof etag !== 'string')
    throw new HttpError(400, '"etag" must be a string: the etag the file was read with', {
      field: 'etag',
    });
  return typeof etag === 'string' ? { text, etag } : { text };
}

/** A write must come from a page of this server (browsers send Origin on PUT). */
function refuseCrossOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (!origin || !req.headers.host) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== req.headers.host)
    throw new HttpError(403, `writes from another origin (${origin}) are refused`);
}

const notAllowed = (method: string, allow: string) =>
  new HttpError(405, `${method} is not allowed here (use ${allow})`, {}, { Allow: allow });

const digest = (text: string) => createHash('sha256').update(text).digest();

function requireToken(req: IncomingMessage, expected: Buffer): void {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!match || !timingSafeEqual(digest(match[1].trim()), expected))
    throw new HttpError(
      401,
      'this server needs "Authorization: Bearer <token>" (the PLUMB_TOKEN it was started with)',
      {},
      { 'WWW-Authenticate': 'Bearer' },
    );
}

/** Starts the server; resolves once it takes requests. */
export async function createWorkspaceServer(
  options: WorkspaceServerOptions,
): Promise<WorkspaceServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.token)
    throw new Error(`${host} is not loopback: the workspace server needs a token to listen there`);
  const handler = createWorkspaceHandler({
    ...options,
    checkHost: !options.token && isLoopbackHost(host),
  });
  const server: Server = createServer((req, res) => {
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    folder: handler.folder,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
