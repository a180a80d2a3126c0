// `plumb run` and `plumb measures` refusing bad input before they open any database: exit 2, a
// message naming what is wrong, nothing on stdout.

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUMB, type Sandbox, sandbox } from './support';

function plumb(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (!env.PLUMB_TOKEN) delete full.PLUMB_TOKEN;
  return new Promise((done) => {
    execFile(
      process.execPath,
      [PLUMB, ...args],
      { env: full, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

describe('plumb run and plumb measures: bad input', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box?.remove());

  it('names a missing machines folder', async () => {
    const missing = join(box.base, 'nowhere');
    const result = await plumb(['run', missing, '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(missing);
    expect(result.stdout).toBe('');
  });

  it('refuses to leave loopback without PLUMB_TOKEN', async () => {
    const result = await plumb(['run', box.machines, '--port', '0', '--host', '0.0.0.0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PLUMB_TOKEN');
  });

  it('takes --data or --db, not both, and only a postgres URL', async () => {
    const both = await plumb(['run', box.machines, '--data', box.data, '--db', 'postgres://x/y']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('either-or');
    const mysql = await plumb(['run', box.machines, '--db', 'mysql://x/y']);
    expect(mysql.code).toBe(2);
    expect(mysql.stderr).toContain('postgres://');
  });

  it('refuses a drifted machine, naming the file, and runs nothing without a machine', async () => {
    const file = join(box.machines, 'ticket', 'machine.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// edited\n`);
    const result = await plumb(['run', box.machines, '--port', '0', '--data', box.data]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('drifted');
    expect(result.stdout).toBe('');
  });

  it('measures: names a source that is none', async () => {
    const missing = await plumb(['measures', join(box.base, 'nothing')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nothing');
    const notData = await plumb(['measures', box.machines]);
    expect(notData.code).toBe(2);
    expect(notData.stderr).toContain('not a runtime data folder');
    const down = await plumb(['measures', 'http://127.0.0.1:9', '--json']);
    expect(down.code).toBe(2);
    expect(JSON.parse(down.stdout).error).toContain('127.0.0.1:9');
  });
});
