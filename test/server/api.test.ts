// The workspace API in-process on port 0 over a temporary copy of examples/: list, read, write.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProcess } from '../../src/core/model/serialize';
import { createWorkspaceServer, type WorkspaceServer } from '../../src/server/server';
import { proc } from '../helpers';
import { EXAMPLES, type Sandbox, sandbox, send } from './support';

const AS_IS = 'call-routing/as-is.process.json';

describe('the workspace API', () => {
  let box: Sandbox;
  let server: WorkspaceServer;
  const get = (path: string) => send(server.url, 'GET', path);
  const put = (path: string, body: unknown) => send(server.url, 'PUT', path, body as object);
  const onDisk = (rel: string) => readFileSync(join(box.workspace, rel));

  beforeAll(async () => {
    box = sandbox();
    server = await createWorkspaceServer({ folder: box.workspace, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    box?.remove();
  });

  it('listens on loopback at the port it picked', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('lists every process file with its check counts', async () => {
    const reply = await get('/api/files');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.json.folder).toBe(server.folder);
    const paths = reply.json.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual([
      'call-routing/as-is.process.json',
      'call-routing/to-be.process.json',
      'lead-assignment/as-is.process.json',
      'lead-assignment/to-be.process.json',
      'support-escalation/as-is.process.json',
      'support-escalation/to-be.process.json',
    ]);
    const asIs = reply.json.files[0];
    expect(asIs).toMatchObject({ id: 'call-routing', stage: 'as-is', ok: false });
    expect(typeof asIs.title).toBe('string');
    expect(asIs.errors).toBeGreaterThan(0);
    expect(reply.json.files[1]).toMatchObject({ stage: 'to-be', ok: true, errors: 0 });
  });

  it('lists an unreadable file with its problems, and skips hidden folders', async () => {
    writeFileSync(join(box.workspace, 'broken.process.json'), '{ "plumb": 1, ');
    const reply = await get('/api/files');
    const broken = reply.json.files.find((f: { path: string }) => f.path === 'broken.process.json');
    expect(broken).toMatchObject({ ok: false, errors: 0, warnings: 0 });
    expect(broken.problems[0]).toMatchObject({ line: 1 });
    expect(broken.problems[0].message).toMatch(/not valid JSON/);
  });

  it('reads a file: its exact text, the process, the report and an etag of the bytes', async () => {
    const reply = await get(`/api/files/${AS_IS}`);
    expect(reply.status).toBe(200);
    expect(reply.json.path).toBe(AS_IS);
    expect(reply.json.text).toBe(onDisk(AS_IS).toString('utf8'));
    expect(reply.json.process.id).toBe('call-routing');
    expect(reply.json.problems).toEqual([]);
    expect(reply.json.report.ok).toBe(false);
    expect(reply.json.report.cracks.length).toBeGreaterThan(0);
    expect(reply.json.etag).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.headers.etag).toBe(`"${reply.json.etag}"`);
  });

  it('reads an encoded path the same', async () => {
    const reply = await get('/api/files/call-routing%2Fas-is.process.json');
    expect(reply.status).toBe(200);
    expect(reply.json.path).toBe(AS_IS);
  });

  it('reads a file that is not a process with its problems, not an error', async () => {
    const reply = await get('/api/files/broken.process.json');
    expect(reply.status).toBe(200);
    expect(reply.json.process).toBeUndefined();
    expect(reply.json.problems[0].line).toBe(1);
    expect(reply.json.report.problems).toEqual(reply.json.problems);
  });

  it('answers 404 for a process file that is not there', async () => {
    const reply = await get('/api/files/call-routing/nope.process.json');
    expect(reply.status).toBe(404);
    expect(reply.json.error).toMatch(/no such file/);
  });

  it('writes back the text it read without changing a byte', async () => {
    const before = onDisk(AS_IS);
    const read = await get(`/api/files/${AS_IS}`);
    const reply = await put(`/api/files/${AS_IS}`, { text: read.json.text, etag: read.json.etag });
    expect(reply.status).toBe(200);
    expect(reply.json.path).toBe(AS_IS);
    expect(reply.json.etag).toBe(read.json.etag);
    expect(reply.json.report.ok).toBe(false);
    expect(onDisk(AS_IS).equals(before)).toBe(true);
    // No temporary file left beside it.
    expect(readdirSync(join(box.workspace, 'call-routing')).sort()).toEqual([
      'as-is.process.json',
      'to-be.process.json',
    ]);
  });

  it('saves an edit, and the next read sees it with a new etag', async () => {
    const read = await get(`/api/files/${AS_IS}`);
    const edited = { ...read.json.process, title: 'Inbound call routing (edited)' };
    const text = formatProcess(edited);
    const reply = await put(`/api/files/${AS_IS}`, { text, etag: read.json.etag });
    expect(reply.status).toBe(200);
    expect(reply.json.etag).not.toBe(read.json.etag);
    expect(onDisk(AS_IS).toString('utf8')).toBe(text);
    const again = await get(`/api/files/${AS_IS}`);
    expect(again.json.process.title).toBe('Inbound call routing (edited)');
    expect(again.json.etag).toBe(reply.json.etag);
  });

  it('refuses a stale etag with 409 and leaves the file as it is', async () => {
    const read = await get(`/api/files/${AS_IS}`);
    const changedElsewhere = `${read.json.text}\n`;
    writeFileSync(join(box.workspace, AS_IS), changedElsewhere);
    const reply = await put(`/api/files/${AS_IS}`, {
      text: read.json.text,
      etag: read.json.etag,
    });
    expect(reply.status).toBe(409);
    expect(reply.json.error).toMatch(/changed on disk/);
    expect(reply.json.etag).not.toBe(read.json.etag);
    expect(onDisk(AS_IS).toString('utf8')).toBe(changedElsewhere);
  });

  it('refuses invalid JSON with 400, naming the line and column', async () => {
    const before = onDisk(AS_IS);
    const reply = await put(`/api/files/${AS_IS}`, { text: '{\n  "plumb": 1,\n  "id": }' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/:3:\d+: not saved/);
    expect(reply.json.problems[0]).toMatchObject({ line: 3 });
    expect(reply.json.problems[0].column).toBeGreaterThan(0);
    expect(onDisk(AS_IS).equals(before)).toBe(true);
  });

  it('refuses JSON that is not a process file with 400 and the JSON paths', async () => {
    const reply = await put(`/api/files/${AS_IS}`, {
      text: JSON.stringify({ plumb: 1, id: 'x', machine: { states: { a: { type: 'odd' } } } }),
    });
    expect(reply.status).toBe(400);
    expect(reply.json.problems.map((p: { path: string }) => p.path)).toContain(
      'machine.states.a.type',
    );
    const notAtAll = await put(`/api/files/${AS_IS}`, { text: '{"name": "package"}' });
    expect(notAtAll.status).toBe(400);
    expect(notAtAll.json.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(['plumb', 'id', 'machine']),
    );
  });

  it('saves a broken machine: a crack is not bad input', async () => {
    const text = formatProcess(
      proc({ id: 'broken-machine', machine: { initial: 'nowhere', states: { a: {} } } }),
    );
    const reply = await put('/api/files/drafts/broken-machine.process.json', { text });
    expect(reply.status).toBe(201);
    expect(reply.json.report.ok).toBe(false);
    expect(reply.json.report.cracks.map((c: { rule: string }) => c.rule)).toContain(
      'invalid-machine',
    );
    expect(onDisk('drafts/broken-machine.process.json').toString('utf8')).toBe(text);
  });

  it('creates a new file without an etag, and refuses an etag for a file that is gone', async () => {
    const text = formatProcess(
      proc({ id: 'fresh', machine: { initial: 'a', states: { a: { type: 'final' } } } }),
    );
    const created = await put('/api/files/fresh.process.json', { text });
    expect(created.status).toBe(201);
    expect(onDisk('fresh.process.json').toString('utf8')).toBe(text);
    const gone = await put('/api/files/never-was.process.json', { text, etag: created.json.etag });
    expect(gone.status).toBe(409);
    expect(existsSync(join(box.workspace, 'never-was.process.json'))).toBe(false);
  });

  it('names the field of a bad body with 400', async () => {
    const noText = await put(`/api/files/${AS_IS}`, { etag: 'x' });
    expect(noText.status).toBe(400);
    expect(noText.json.error).toMatch(/"text"/);
    const numberText = await put(`/api/files/${AS_IS}`, { text: 42 });
    expect(numberText.status).toBe(400);
    expect(numberText.json.field).toBe('text');
    const badEtag = await put(`/api/files/${AS_IS}`, { text: '{}', etag: 7 });
    expect(badEtag.status).toBe(400);
    expect(badEtag.json.field).toBe('etag');
    const notJson = await send(server.url, 'PUT', `/api/files/${AS_IS}`, 'text=hello');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toMatch(/body must be JSON/);
  });

  it('refuses a body over 5 MB with 413', async () => {
    const before = onDisk(AS_IS);
    const big = JSON.stringify({ text: 'x'.repeat(6 * 1024 * 1024) });
    const reply = await send(server.url, 'PUT', `/api/files/${AS_IS}`, big);
    expect(reply.status).toBe(413);
    expect(reply.json.error).toMatch(/5 MB/);
    expect(onDisk(AS_IS).equals(before)).toBe(true);
    // Without a Content-Length, counted as it streams.
    const streamed = await send(server.url, 'PUT', `/api/files/${AS_IS}`, big, {
      'Transfer-Encoding': 'chunked',
    });
    expect(streamed.status).toBe(413);
    expect(onDisk(AS_IS).equals(before)).toBe(true);
  });

  it('answers unknown routes and methods with JSON', async () => {
    const route = await get('/api/nothing');
    expect(route.status).toBe(404);
    expect(route.json.error).toMatch(/no such route/);
    const method = await send(server.url, 'DELETE', `/api/files/${AS_IS}`);
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET, PUT');
    expect(existsSync(join(box.workspace, AS_IS))).toBe(true);
    const listPut = await send(server.url, 'PUT', '/api/files', {});
    expect(listPut.status).toBe(405);
  });

  it('refuses another Host (DNS rebinding) and a write from another origin', async () => {
    const host = await send(server.url, 'GET', '/api/files', undefined, { Host: 'evil.example' });
    expect(host.status).toBe(403);
    const read = await get(`/api/files/${AS_IS}`);
    const origin = await send(
      server.url,
      'PUT',
      `/api/files/${AS_IS}`,
      { text: read.json.text },
      { Origin: 'http://evil.example' },
    );
    expect(origin.status).toBe(403);
    const sameOrigin = await send(
      server.url,
      'PUT',
      `/api/files/${AS_IS}`,
      { text: read.json.text },
      { Origin: server.url },
    );
    expect(sameOrigin.status).toBe(200);
  });
});

describe('the workspace API with a token', () => {
  let box: Sandbox;
  let server: WorkspaceServer;

  beforeAll(async () => {
    box = sandbox();
    server = await createWorkspaceServer({ folder: box.workspace, port: 0, token: 's3cret' });
  });
  afterAll(async () => {
    await server?.close();
    box?.remove();
  });

  it('needs Authorization: Bearer <token> on every API request', async () => {
    const none = await send(server.url, 'GET', '/api/files');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const wrong = await send(server.url, 'GET', '/api/files', undefined, {
      Authorization: 'Bearer nope',
    });
    expect(wrong.status).toBe(401);
    const right = await send(server.url, 'GET', '/api/files', undefined, {
      Authorization: 'Bearer s3cret',
    });
    expect(right.status).toBe(200);
    expect(right.json.files.length).toBe(6);
  });
});

describe('createWorkspaceServer', () => {
  it('will not listen beyond loopback without a token', async () => {
    await expect(
      createWorkspaceServer({ folder: EXAMPLES, port: 0, host: '0.0.0.0' }),
    ).rejects.toThrow(/not loopback/);
  });

  it('names a missing folder', async () => {
    await expect(
      createWorkspaceServer({ folder: join(EXAMPLES, 'no-such-folder'), port: 0 }),
    ).rejects.toThrow(/no-such-folder: no such folder/);
  });
});
