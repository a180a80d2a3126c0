// `plumb approve`: refuses every as-is with what blocks it, approves every to-be into a folder of
// five files pinned by sha256, and needs --by. Runs `main` in-process.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProcess } from '../../src/core/check';
import { exportProcess } from '../../src/core/export';
import { exportMachineTest } from '../../src/core/export/machineTest';
import { parseProcess } from '../../src/core/model/parse';
import type { ProcessFile } from '../../src/core/model/types';
import { run } from './run';

const root = resolve(import.meta.dirname, '../..');
const examples = readdirSync(join(root, 'examples')).sort();
const dir = mkdtempSync(join(tmpdir(), 'plumb-approve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function load(file: string): ProcessFile {
  const parsed = parseProcess(readFileSync(file, 'utf8')).process;
  if (!parsed) throw new Error(`${file} does not parse`);
  return parsed;
}

describe.each(examples)('%s', (example) => {
  const asIs = join(root, 'examples', example, 'as-is.process.json');
  const toBe = join(root, 'examples', example, 'to-be.process.json');

  it('refuses the as-is, listing every error crack and every failing scenario', async () => {
    const machines = join(dir, `refused-${example}`);
    const result = await run('approve', asIs, '--by', 'Ada', '--machines', machines, '--json');
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.approved).toBe(false);
    const report = checkProcess(load(asIs));
    const errors = report.cracks.filter(
      (c) => c.severity === 'error' && c.rule !== 'scenario-failed',
    );
    const failing = report.scenarios.filter((s) => !s.passed);
    expect(errors.length + failing.length).toBeGreaterThan(0);
    expect(document.blocking).toEqual([
      ...errors.map((c) => ({
        rule: c.rule,
        message: c.message,
        ...(c.state !== undefined ? { state: c.state } : {}),
        ...(c.event !== undefined ? { event: c.event } : {}),
      })),
      ...failing.map((s) =>
        expect.objectContaining({ rule: 'scenario-failed', scenario: s.id, state: s.state }),
      ),
    ]);
    for (const b of document.blocking) expect(b.message).toBeTruthy();
    expect(existsSync(machines)).toBe(false);
  });

  it('approves the to-be into machines/<id>/: five files, pinned by sha256', async () => {
    const machines = join(dir, 'machines');
    const result = await run(
      'approve',
      toBe,
      '--by',
      'Ada Lovelace',
      '--machines',
      machines,
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const process = load(toBe);
    const bytes = readFileSync(toBe);
    const out = join(machines, process.id);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ approved: true, id: process.id, hash: sha(bytes) });
    expect(resolve(document.dir)).toBe(out);
    expect(readdirSync(out).sort()).toEqual([
      'approval.json',
      'machine.json',
      'machine.test.ts',
      'machine.ts',
      'process.json',
    ]);
    expect(document.files.map((f: string) => resolve(f)).sort()).toEqual(
      readdirSync(out).map((f) => join(out, f)),
    );
    // The copy is byte for byte; the exports are the exporters' text.
    expect(readFileSync(join(out, 'process.json')).equals(bytes)).toBe(true);
    const machineJson = readFileSync(join(out, 'machine.json'), 'utf8');
    const machineTs = readFileSync(join(out, 'machine.ts'), 'utf8');
    const machineTest = readFileSync(join(out, 'machine.test.ts'), 'utf8');
    expect(machineJson).toBe(exportProcess(process, 'xstate-json'));
    expect(machineTs).toBe(exportProcess(process, 'xstate-ts'));
    expect(machineTest).toBe(exportMachineTest(process));

    const approval = JSON.parse(readFileSync(join(out, 'approval.json'), 'utf8'));
    expect(approval).toMatchObject({
      id: process.id,
      by: 'Ada Lovelace',
      hash: sha(bytes),
      // Relative to the machines folder's parent, with '/'.
      source: relative(dir, toBe).split(sep).join('/'),
      files: {
        'process.json': sha(bytes),
        'machine.json': sha(Buffer.from(machineJson)),
        'machine.ts': sha(Buffer.from(machineTs)),
        'machine.test.ts': sha(Buffer.from(machineTest)),
      },
    });
    expect(new Date(approval.at).toISOString()).toBe(approval.at);
    expect(Date.now() - Date.parse(approval.at)).toBeLessThan(60_000);
    expect(approval.report).toMatchObject({ id: process.id, ok: true });
    expect(approval.report.scenarios.length).toBe(process.scenarios?.length);
  });
});

describe('plumb approve, bad usage', () => {
  const file = join(root, 'examples/call-routing/to-be.process.json');

  it('needs --by: exit 2, and nothing written', async () => {
    const machines = join(dir, 'no-by');
    for (const args of [[], ['--by', '  ']]) {
      const result = await run('approve', file, '--machines', machines, ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--by');
    }
    const json = await run('approve', file, '--machines', machines, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toContain('--by');
    expect(existsSync(machines)).toBe(false);
  });

  it('names a file that is not there, or not a process file: exit 2', async () => {
    const missing = await run('approve', join(dir, 'nope.process.json'), '--by', 'Ada');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.process.json');
    const notProcess = await run('approve', join(root, 'package.json'), '--by', 'Ada');
    expect(notProcess.code).toBe(2);
    expect(notProcess.stderr).toContain('package.json');
  });

  it('lists what blocks an as-is in words, one crack or scenario at a time', async () => {
    const asIs = join(root, 'examples/call-routing/as-is.process.json');
    const result = await run('approve', asIs, '--by', 'Ada', '--machines', join(dir, 'words'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^not approved .*as-is\.process\.json: \d+ things block it/);
    expect(result.stdout).toContain('unhandled-exception  voicemail  VOICEMAIL_FULL');
    expect(result.stdout).toContain('scenario-failed  voicemail-full');
  });
});
