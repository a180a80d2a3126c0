// `plumb serve` as a real child process: the line it prints, the API behind it, a clean stop.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox, send } from './support';

const plumb = resolve(import.meta.dirname, '../../bin/plumb.js');

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.PLUMB_TOKEN;
  return new Promise((done) => {
    execFile(
      process.execPath,
      [plumb, ...args],
      { env, timeout: 30_000 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

describe('plumb serve', () => {
  let box: Sandbox;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    box?.remove();
  });

  it('prints where it listens, serves /api/files, and stops on SIGTERM', async () => {
    const server = spawn(process.execPath, [plumb, 'serve', box.workspace, '--port', '0'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    let stdout = '';
    let stderr = '';
    server.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((done) => server.on('exit', (code) => done(code)));
    const line = await new Promise<string>((done, fail) => {
      server.stdout?.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('\n')) done(stdout);
      });
      server.on('exit', (code) => fail(new Error(`exited with ${code}: ${stderr}`)));
    });
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const url = line.trim().slice('listening on '.length);
    expect(Number(new URL(url).port)).toBeGreaterThan(0);

    const reply = await send(url, 'GET', '/api/files');
    expect(reply.status).toBe(200);
    expect(reply.json.files).toHaveLength(6);

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toBe(line);
    expect(stderr).toBe('');
  });

  it('names a missing folder, exit 2', async () => {
    const missing = join(box.base, 'no-such-folder');
    const result = await run('serve', missing, '--port', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(missing);
    expect(result.stdout).toBe('');
  });

  it('refuses a host other than loopback without PLUMB_TOKEN, exit 2', async () => {
    const result = await run('serve', box.workspace, '--port', '0', '--host', '0.0.0.0');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PLUMB_TOKEN/);
  });
});
