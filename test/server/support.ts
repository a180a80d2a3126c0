// Shared by the server tests: a temporary copy of examples/ with a folder beside it that must
// never be touched, and raw HTTP requests (fetch would tidy `..` out of a path before sending).

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXAMPLES = resolve(import.meta.dirname, '../../examples');
export const SECRET = '{"secret": "outside the workspace"}\n';

export interface Sandbox {
  /** The temporary folder holding both. */
  base: string;
  /** The workspace: a copy of examples/. */
  workspace: string;
  /** A folder beside the workspace, with `secret.process.json` and `package.json`. */
  outside: string;
  remove(): void;
}

export function sandbox(): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'plumb-serve-'));
  const workspace = join(base, 'workspace');
  const outside = join(base, 'outside');
  cpSync(EXAMPLES, workspace, { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.process.json'), SECRET);
  writeFileSync(join(outside, 'package.json'), SECRET);
  writeFileSync(join(base, 'package.json'), SECRET);
  return { base, workspace, outside, remove: () => rmSync(base, { recursive: true, force: true }) };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON reply, read by the test
  json: any;
}

/** One request with the path sent exactly as written. */
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
    const req = httpRequest(
      {
        host: hostname,
        port,
        method,
        path,
        headers: {
          ...(payload === undefined || headers['Transfer-Encoding'] === 'chunked'
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
