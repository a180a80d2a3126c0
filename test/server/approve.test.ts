// The editor's Approve button goes through POST /api/approve/<path>: the same check and the same
// machines/<id>/ folder as `plumb approve`, and `plumb verify` accepts what it writes.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMachine } from '../../src/core/approval';
import { createWorkspaceServer, type WorkspaceServer } from '../../src/server/server';
import { type Sandbox, sandbox, send } from './support';

describe('approving from the editor', () => {
  let box: Sandbox;
  let server: WorkspaceServer;
  const machines = () => join(box.base, 'machines');

  beforeAll(async () => {
    box = sandbox();
    server = await createWorkspaceServer({ folder: box.workspace, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    box?.remove();
  });

  it('refuses an as-is with what blocks it, and writes nothing', async () => {
    const reply = await send(server.url, 'POST', '/api/approve/call-routing/as-is.process.json', {
      by: 'Ada',
    });
    expect(reply.status).toBe(422);
    expect(reply.json.approved).toBe(false);
    expect(reply.json.blocking.length).toBeGreaterThan(0);
    expect(reply.json.blocking[0].message).toEqual(expect.any(String));
    expect(existsSync(join(machines(), 'call-routing'))).toBe(false);
  });

  it('approves a to-be into machines/ beside the workspace', async () => {
    const reply = await send(server.url, 'POST', '/api/approve/call-routing/to-be.process.json', {
      by: 'Ada',
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ approved: true, id: 'call-routing', by: 'Ada' });
    const approval = JSON.parse(
      readFileSync(join(machines(), 'call-routing', 'approval.json'), 'utf8'),
    );
    expect(approval.by).toBe('Ada');
    expect(approval.source).toBe('workspace/call-routing/to-be.process.json');
    expect(existsSync(join(machines(), 'call-routing', 'machine.test.ts'))).toBe(true);
    const verdict = verifyMachine({
      id: 'call-routing',
      read: (name) => readFileSync(join(machines(), 'call-routing', name)),
      readSource: (source) => readFileSync(join(box.base, source)),
    });
    expect(verdict).toMatchObject({ status: 'ok', missing: [], drifted: [] });
  });

  it('needs a name, and refuses paths outside the workspace', async () => {
    const noName = await send(
      server.url,
      'POST',
      '/api/approve/call-routing/to-be.process.json',
      {},
    );
    expect(noName.status).toBe(400);
    expect(noName.json.error).toMatch(/"by"/);
    const outside = await send(server.url, 'POST', '/api/approve/../outside/secret.process.json', {
      by: 'Ada',
    });
    expect([403, 404]).toContain(outside.status);
    const get = await send(server.url, 'GET', '/api/approve/call-routing/to-be.process.json');
    expect(get.status).toBe(405);
  });
});
