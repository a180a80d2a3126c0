// Paths that try to leave the workspace are refused, and nothing outside it is read or written.

import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProcess } from '../../src/core/model/serialize';
import { processFilePath } from '../../src/server/paths';
import { createWorkspaceServer, type WorkspaceServer } from '../../src/server/server';
import { proc } from '../helpers';
import { type Sandbox, SECRET, sandbox, send } from './support';

const text = formatProcess(
  proc({ id: 'intruder', machine: { initial: 'a', states: { a: { type: 'final' } } } }),
);

describe('the path guard', () => {
  let box: Sandbox;
  let server: WorkspaceServer;
  let outsideBefore: string[];

  beforeAll(async () => {
    box = sandbox();
    // Links inside the workspace: to a file outside, to a folder outside, dangling, and one that
    // stays inside (allowed).
    symlinkSync(join(box.outside, 'secret.process.json'), join(box.workspace, 'link.process.json'));
    symlinkSync(box.outside, join(box.workspace, 'linked-folder'));
    symlinkSync(
      join(box.outside, 'absent.process.json'),
      join(box.workspace, 'dangling.process.json'),
    );
    symlinkSync(
      join(box.workspace, 'call-routing', 'as-is.process.json'),
      join(box.workspace, 'alias.process.json'),
    );
    symlinkSync(join(box.workspace, 'notes.txt'), join(box.workspace, 'notes.process.json'));
    writeFileSync(join(box.workspace, 'notes.txt'), 'not a process');
    outsideBefore = snapshot(box);
    server = await createWorkspaceServer({ folder: box.workspace, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    box?.remove();
  });

  const snapshot = (b: Sandbox) => [
    ...readdirSync(b.outside).map(
      (name) => `${name}:${readFileSync(join(b.outside, name), 'utf8')}`,
    ),
    ...readdirSync(b.base).sort(),
    readFileSync(join(b.base, 'package.json'), 'utf8'),
  ];

  const attempts: [string, string, number][] = [
    ['climbs out', '/api/files/../package.json', 403],
    ['climbs out, encoded', '/api/files/%2e%2e%2fpackage.json', 403],
    ['climbs out to a process file', '/api/files/..%2Foutside%2Fsecret.process.json', 403],
    [
      'climbs out from a subfolder',
      '/api/files/call-routing/../../outside/secret.process.json',
      403,
    ],
    ['absolute', '/api/files//etc/passwd', 403],
    ['absolute, encoded', '/api/files/%2Fetc%2Fhostname.process.json', 403],
    ['backslashes', '/api/files/..%5Coutside%5Csecret.process.json', 403],
    ['NUL', '/api/files/a%00.process.json', 403],
    ['not a process file', '/api/files/notes.txt', 403],
    ['a hidden file', '/api/files/.hidden.process.json', 403],
    ['a symlink to a file outside', '/api/files/link.process.json', 403],
    ['through a symlinked folder outside', '/api/files/linked-folder/secret.process.json', 403],
    ['a dangling symlink', '/api/files/dangling.process.json', 403],
    ['a symlink to a file that is not a process file', '/api/files/notes.process.json', 403],
    ['bad encoding', '/api/files/%E0%A4%A.process.json', 400],
  ];

  it.each(attempts)('refuses to read: %s', async (_, path, status) => {
    const reply = await send(server.url, 'GET', path);
    expect(reply.status).toBe(status);
    expect(typeof reply.json.error).toBe('string');
    expect(reply.text).not.toContain('outside the workspace"}');
  });

  it.each(attempts)('refuses to write: %s', async (_, path, status) => {
    const reply = await send(server.url, 'PUT', path, { text });
    expect(reply.status).toBe(status);
    expect(snapshot(box)).toEqual(outsideBefore);
  });

  it('decodes once: double-encoded dots are a literal name inside the workspace', async () => {
    const path = '/api/files/%252e%252e%252fx.process.json';
    expect((await send(server.url, 'GET', path)).status).toBe(404);
    const reply = await send(server.url, 'PUT', path, { text });
    expect(reply.status).toBe(201);
    expect(reply.json.path).toBe('%2e%2e%2fx.process.json');
    expect(readFileSync(join(box.workspace, '%2e%2e%2fx.process.json'), 'utf8')).toBe(text);
    expect(snapshot(box)).toEqual(outsideBefore);
  });

  it('never lists what lies outside', async () => {
    const reply = await send(server.url, 'GET', '/api/files');
    const paths: string[] = reply.json.files.map((f: { path: string }) => f.path);
    expect(paths).toContain('alias.process.json');
    expect(
      paths.some((p) => p.includes('link') || p.includes('dangling') || p.includes('notes')),
    ).toBe(false);
    expect(reply.text).not.toContain('secret');
  });

  it('follows a symlink that stays inside, and writes to its target', async () => {
    const read = await send(server.url, 'GET', '/api/files/alias.process.json');
    expect(read.status).toBe(200);
    expect(read.json.process.id).toBe('call-routing');
    const reply = await send(server.url, 'PUT', '/api/files/alias.process.json', {
      text: read.json.text,
      etag: read.json.etag,
    });
    expect(reply.status).toBe(200);
    expect(snapshot(box)).toEqual(outsideBefore);
  });

  it('normalises . and repeated slashes, and refuses the rest', () => {
    expect(processFilePath('./call-routing//as-is.process.json')).toBe(
      'call-routing/as-is.process.json',
    );
    for (const bad of [
      '../x.process.json',
      'a/../../x.process.json',
      '/x.process.json',
      'C:/x.process.json',
      'x.json',
      'x.process.json.bak',
    ])
      expect(() => processFilePath(bad)).toThrow();
  });

  it('keeps the app folder guarded too', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json']) {
      const reply = await send(server.url, 'GET', path);
      expect([403, 404]).toContain(reply.status);
      expect(reply.text).not.toContain(SECRET.trim());
    }
  });
});
