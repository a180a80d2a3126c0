// The built app: files under the app folder (Vite's dist/), with the same path guard as the API.
// No directory listings; `/` is index.html. Without a build, `/` says how to make one.

import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { HttpError, sendHtml } from './http';
import { decodePath, normaliseRelative, resolveUnder } from './paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const contentType = (path: string): string =>
  TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plumb: the app is not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1>Plumb: the app is not built yet</h1>
<p>The workspace API is running, but there is no built editor to serve.
Run <code>npm run build</code>, then reload this page.</p>
</body></html>
`;

/** Serves one GET/HEAD request for a file of the app folder. */
export function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  appDir: string,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    throw new HttpError(405, `${req.method} is not allowed here`, {}, { Allow: 'GET, HEAD' });
  const rel = normaliseRelative(decodePath(rawPath.replace(/^\//, ''))) || 'index.html';
  let root: string | undefined;
  try {
    root = existsSync(appDir) && statSync(appDir).isDirectory() ? realpathSync(appDir) : undefined;
  } catch {
    root = undefined;
  }
  if (!root) {
    if (rel === 'index.html') {
      sendHtml(res, 200, NOT_BUILT);
      return;
    }
    throw new HttpError(404, `${rawPath}: not found (the app is not built: run npm run build)`);
  }
  const notFound = () => new HttpError(404, `${rawPath}: not found`);
  const { real, exists } = resolveUnder(root, rel);
  if (!exists) {
    if (rel === 'index.html') {
      sendHtml(res, 200, NOT_BUILT);
      return;
    }
    throw notFound();
  }
  const stat = statSync(real);
  if (!stat.isFile()) throw notFound();
  res.writeHead(200, {
    'Content-Type': contentType(real),
    'Content-Length': String(stat.size),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
