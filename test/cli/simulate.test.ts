// `plumb simulate` and `plumb compare`: exit codes, one JSON document with --json, text for people.
// Three real spawns (all started at once); the rest runs `main` in this process.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { formatProcess } from '../../src/core/model/serialize';
import type { ProcessFile } from '../../src/core/model/types';
import { proc } from '../helpers';

const plumb = resolve(import.meta.dirname, '../../bin/plumb.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function spawn(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [plumb, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the command in this process, capturing what it writes. */
async function inProcess(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const stage = (stageName: string, duration: number): ProcessFile => ({
  ...proc({
    id: 'claims',
    events: ['SUBMIT', 'APPROVE'],
    roles: { clerk: { costPerHour: 30 }, manager: { costPerHour: 60 } },
    machine: {
      initial: 'new',
      states: {
        new: { meta: { role: 'clerk', duration }, on: { SUBMIT: 'review' } },
        review: { meta: { role: 'manager', duration }, on: { APPROVE: 'approved' } },
        approved: { type: 'final' },
      },
    },
  }),
  stage: stageName,
});

const broken = proc({
  id: 'broken',
  events: ['GO'],
  machine: { initial: 'a', states: { a: { on: { GO: 'nowhere' } } } },
});

let dir: string;
let runs: { simulate: Run; compare: Run; broken: Run };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-simulate-'));
  writeFileSync(join(dir, 'as-is.process.json'), formatProcess(stage('as-is', 30)));
  writeFileSync(join(dir, 'to-be.process.json'), formatProcess(stage('to-be', 10)));
  writeFileSync(join(dir, 'broken.process.json'), formatProcess(broken));
  const [simulate, compare, brokenRun] = await Promise.all([
    spawn(dir, 'simulate', 'to-be.process.json', '--runs', '500', '--json'),
    spawn(dir, 'compare', 'as-is.process.json', 'to-be.process.json', '--runs', '300', '--json'),
    spawn(dir, 'simulate', 'broken.process.json', '--json'),
  ]);
  runs = { simulate, compare, broken: brokenRun };
}, 90_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plumb simulate', () => {
  it('--json prints one JSON document with the measures of section 3, exit 0', () => {
    expect(runs.simulate.code).toBe(0);
    const doc = JSON.parse(runs.simulate.stdout);
    expect(Object.keys(doc)).toEqual([
      'file',
      'id',
      'runs',
      'seed',
      'cycleTime',
      'cost',
      'handoffs',
      'nonValueAddedShare',
      'finals',
      'stuck',
    ]);
    expect(doc).toMatchObject({
      file: 'to-be.process.json',
      id: 'claims',
      runs: 500,
      seed: 1,
      cycleTime: { mean: 20, p50: 20, p90: 20, p99: 20 },
      cost: { mean: 15, byRole: { clerk: 5, manager: 10 } },
      handoffs: { mean: 1 },
      finals: { approved: 1 },
      stuck: { share: 0, examples: [] },
    });
  });

  it('a machine XState rejects is bad input: exit 2, the file named, still one JSON document', () => {
    expect(runs.broken.code).toBe(2);
    expect(runs.broken.stderr).toContain(
      'broken.process.json: machine: machine.states.a.on.GO: target "nowhere" does not exist',
    );
    expect(() => JSON.parse(runs.broken.stdout)).not.toThrow();
  });

  it('text for people: the measures, finished and stuck', async () => {
    const run = await inProcess('simulate', join(dir, 'as-is.process.json'), '--runs', '200');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/cycle time\s+mean 60 min\s+p50 60 min · p90 60 min · p99 60 min/);
    expect(run.stdout).toMatch(/cost per case\s+45\.00/);
    expect(run.stdout).toMatch(/finished\s+100%\s+approved 100%/);
    expect(run.stdout).toMatch(/stuck\s+0%/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('usage errors exit 2', async () => {
    const file = join(dir, 'to-be.process.json');
    expect((await inProcess('simulate')).code).toBe(2);
    expect((await inProcess('simulate', file, '--engine', 'quantum')).stderr).toContain(
      '--engine must be "fast" or "xstate"',
    );
    expect((await inProcess('simulate', file, '--runs', '0')).code).toBe(2);
    const missing = await inProcess('simulate', join(dir, 'nope.process.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.process.json');
  });

  it('--engine xstate gives the same figures', async () => {
    const file = join(dir, 'to-be.process.json');
    const fast = await inProcess('simulate', file, '--runs', '100', '--seed', '4', '--json');
    const xstate = await inProcess(
      'simulate',
      file,
      '--runs',
      '100',
      '--seed',
      '4',
      '--engine',
      'xstate',
      '--json',
    );
    expect(JSON.parse(xstate.stdout)).toEqual(JSON.parse(fast.stdout));
  });
});

describe('plumb compare', () => {
  it('--json prints one JSON document: both stages, structure, measures, verdict', () => {
    expect(runs.compare.code).toBe(0);
    const doc = JSON.parse(runs.compare.stdout);
    expect(doc.asIs).toMatchObject({ file: 'as-is.process.json', id: 'claims', stage: 'as-is' });
    expect(doc.toBe.simulation.cycleTime.mean).toBe(20);
    expect(doc.asIs.simulation.cycleTime.mean).toBe(60);
    const cycle = doc.measures.find((m: { key: string }) => m.key === 'cycleTime.mean');
    expect(cycle).toMatchObject({
      asIs: 60,
      toBe: 20,
      delta: -40,
      better: 'lower',
      verdict: 'better',
    });
    expect(doc.structure.states.changed.map((s: { path: string }) => s.path)).toEqual([
      'new',
      'review',
    ]);
    expect(doc.verdict.overall).toBe('better');
  });

  it('text: aligned table, better marked, a one-line verdict', async () => {
    const run = await inProcess(
      'compare',
      join(dir, 'as-is.process.json'),
      join(dir, 'to-be.process.json'),
      '--runs',
      '100',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/cycle time mean\s+60 min\s+20 min\s+−67%\s+✓ better/);
    expect(run.stdout).toMatch(/~ state new: duration: 30 → 10/);
    expect(run.stdout).toMatch(
      /Verdict: the to-be is better on \d of 6 key measures and worse on none\./,
    );
  });

  it('needs two files', async () => {
    expect((await inProcess('compare', join(dir, 'to-be.process.json'))).code).toBe(2);
  });
});
