// The built app: served from its folder with the right types and no listings; without a build,
// `/` says to run `npm run build`.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceServer, type WorkspaceServer } from '../../src/server/server';
import { type Sandbox, SECRET, sandbox, send } from './support';

describe('the app folder', () => {
  let box: Sandbox;
  let server: WorkspaceServer;

  beforeAll(async () => {
    box = sandbox();
    const app = join(box.base, 'app');
    mkdirSync(join(app, 'assets'), { recursive: true });
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>Plumb</title>');
    writeFileSync(join(app, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(join(app, 'assets', 'style.css'), 'body{}');
    writeFileSync(join(app, 'assets', 'logo.svg'), '<svg/>');
    symlinkSync(join(box.outside, 'package.json'), join(app, 'assets', 'leak.js'));
    server = await createWorkspaceServer({ folder: box.workspace, port: 0, appDir: app });
  });
  afterAll(async () => {
    await server?.close();
    box?.remove();
  });

  it('serves index.html for /', async () => {
    const reply = await send(server.url, 'GET', '/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('<title>Plumb</title>');
  });

  it('serves files with their content types', async () => {
    const types: Record<string, RegExp> = {
      '/assets/main.js': /^text\/javascript/,
      '/assets/style.css': /^text\/css/,
      '/assets/logo.svg': /^image\/svg\+xml/,
      '/index.html': /^text\/html/,
    };
    for (const [path, type] of Object.entries(types)) {
      const reply = await send(server.url, 'GET', path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type'], path).toMatch(type);
    }
  });

  it('lists no folders and serves nothing that is not there', async () => {
    expect((await send(server.url, 'GET', '/assets')).status).toBe(404);
    expect((await send(server.url, 'GET', '/assets/')).status).toBe(404);
    const missing = await send(server.url, 'GET', '/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatch(/not found/);
  });

  it('refuses a symlink out of the app folder and climbing out', async () => {
    const leak = await send(server.url, 'GET', '/assets/leak.js');
    expect(leak.status).toBe(403);
    for (const path of ['/../package.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const reply = await send(server.url, 'GET', path);
      expect(reply.status).toBe(403);
      expect(reply.text).not.toContain(SECRET.trim());
    }
  });

  it('refuses to write to the app', async () => {
    const reply = await send(server.url, 'PUT', '/index.html', 'x');
    expect(reply.status).toBe(405);
  });
});

describe('without a build', () => {
  let folder: string;
  let server: WorkspaceServer;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'plumb-serve-empty-'));
    server = await createWorkspaceServer({ folder, port: 0, appDir: join(folder, 'no-dist') });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers / with a short page saying to run npm run build', async () => {
    const reply = await send(server.url, 'GET', '/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.text).toContain('npm run build');
    expect(reply.text).not.toMatch(/ at .*\.ts:\d+/);
  });

  it('still answers the API: an empty workspace', async () => {
    const reply = await send(server.url, 'GET', '/api/files');
    expect(reply.status).toBe(200);
    expect(reply.json.files).toEqual([]);
  });
});
