// `plumb check` end to end: the real command in a child process, in temporary folders.
// Each spawn costs about half a second, so they all start at once in beforeAll.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProcess } from '../../src/core/model/serialize';
import { proc } from '../helpers';

const plumb = resolve(import.meta.dirname, '../../bin/plumb.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function check(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [plumb, 'check', ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

const good = proc({
  id: 'good',
  events: ['CALL_IN', 'ANSWERED'],
  roles: ['receptionist'],
  machine: {
    initial: 'idle',
    states: {
      idle: { meta: { role: 'receptionist' }, on: { CALL_IN: 'ringing' } },
      ringing: { meta: { role: 'receptionist' }, on: { ANSWERED: 'done' } },
      done: { type: 'final' },
    },
  },
  scenarios: [
    {
      id: 'answered',
      steps: [{ event: 'CALL_IN' }, { event: 'ANSWERED' }],
      expect: { done: true },
    },
  ],
});

const bad = proc({
  id: 'bad',
  events: ['CALL_IN'],
  roles: ['receptionist'],
  machine: {
    initial: 'idle',
    states: {
      idle: { meta: { role: 'receptionist' }, on: { CALL_IN: 'ringing' } },
      ringing: { meta: { role: 'receptionist' } },
      done: { type: 'final' },
    },
  },
});

let dir: string;
const runs: Record<string, Run> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-check-'));
  const folder = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  writeFileSync(join(folder('clean'), 'good.process.json'), formatProcess(good));
  writeFileSync(join(folder('cracked'), 'bad.process.json'), formatProcess(bad));
  writeFileSync(join(folder('mixed'), 'a-good.process.json'), formatProcess(good));
  writeFileSync(join(folder('mixed/nested'), 'b-bad.process.json'), formatProcess(bad));
  writeFileSync(join(dir, 'mixed', 'notes.json'), '{ "not": "a process" }\n');
  writeFileSync(join(folder('broken'), 'typo.process.json'), '{\n  "plumb": 1,\n  "id": "x",\n}\n');
  writeFileSync(
    join(folder('foreign'), 'package.json'),
    '{ "name": "my-package", "version": "1.0.0" }\n',
  );
  folder('empty');

  const [clean, cracked, mixed, broken, missing, empty, foreign] = await Promise.all([
    check(join(dir, 'clean'), 'good.process.json'),
    check(dir, 'cracked'),
    check(dir, 'mixed', '--json'),
    check(dir, 'broken/typo.process.json'),
    check(dir, 'nowhere.process.json'),
    check(dir, 'empty'),
    check(dir, 'foreign/package.json', '--json'),
  ]);
  Object.assign(runs, { clean, cracked, mixed, broken, missing, empty, foreign });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('plumb check', () => {
  it('exits 0 for a clean file, and says so', () => {
    expect(runs.clean.code).toBe(0);
    expect(runs.clean.stdout).toContain('good.process.json');
    expect(runs.clean.stdout).toContain('all ok');
    expect(runs.clean.stdout).toContain('scenarios 1/1 passed');
  });

  it('exits 1 when a file has an error crack, naming the rule and the state', () => {
    expect(runs.cracked.code).toBe(1);
    expect(runs.cracked.stdout).toContain('cracked/bad.process.json');
    expect(runs.cracked.stdout).toMatch(/dead-end\s+ringing/);
  });

  it('reports on every file of a folder in --json mode, as exactly one JSON document', () => {
    expect(runs.mixed.code).toBe(1);
    expect(runs.mixed.stderr).toBe('');
    const report = JSON.parse(runs.mixed.stdout);
    expect(Object.keys(report)).toEqual(['files']);
    expect(
      report.files.map((f: { file: string; id: string; ok: boolean }) => [f.file, f.id, f.ok]),
    ).toEqual([
      [join('mixed', 'a-good.process.json'), 'good', true],
      [join('mixed', 'nested', 'b-bad.process.json'), 'bad', false],
    ]);
    expect(report.files[1].cracks).toContainEqual(
      expect.objectContaining({ rule: 'dead-end', severity: 'error', state: 'ringing' }),
    );
    expect(report.files[0].scenarios).toEqual([
      expect.objectContaining({ id: 'answered', passed: true }),
    ]);
  });

  it('exits 2 for a file that is not JSON, naming the file and the line', () => {
    expect(runs.broken.code).toBe(2);
    const output = runs.broken.stdout + runs.broken.stderr;
    expect(output).toContain('typo.process.json');
    expect(output).toMatch(/line 4, column 1/);
  });

  it('exits 2 for a file that does not exist', () => {
    expect(runs.missing.code).toBe(2);
    expect(runs.missing.stderr).toContain('nowhere.process.json');
    expect(runs.missing.stdout).toBe('');
  });

  it('exits 2 for a folder without process files', () => {
    expect(runs.empty.code).toBe(2);
    expect(runs.empty.stderr).toContain('empty');
    expect(runs.empty.stderr).toContain('no *.process.json files');
  });

  it('exits 2 for JSON that is not a process file, with the JSON paths of what is wrong', () => {
    expect(runs.foreign.code).toBe(2);
    const report = JSON.parse(runs.foreign.stdout);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ file: join('foreign', 'package.json'), ok: false });
    expect(report.files[0].problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(['plumb', 'machine']),
    );
  });
});
