// `plumb verify`: a fresh approval passes; editing machine.json, machine.ts, the copy or the original
// source is drift naming the file; a removed file is missing; no folder is exit 2. In-process.

import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashOf } from '../../src/core/approval';
import { run } from './run';

const root = resolve(import.meta.dirname, '../..');
const EXAMPLES = ['call-routing', 'support-escalation'];
const dir = mkdtempSync(join(tmpdir(), 'plumb-verify-'));
const machines = join(dir, 'machines');
const source = (example: string) => join(dir, 'processes', `${example}.process.json`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file of the approved folders, as approved, to put back before each test. */
const approved = new Map<string, Buffer>();

beforeAll(async () => {
  mkdirSync(join(dir, 'processes'));
  for (const example of EXAMPLES) {
    copyFileSync(join(root, 'examples', example, 'to-be.process.json'), source(example));
    const result = await run('approve', source(example), '--by', 'Ada', '--machines', machines);
    expect(result.code).toBe(0);
    for (const name of [
      'process.json',
      'machine.json',
      'machine.ts',
      'machine.test.ts',
      'approval.json',
    ]) {
      const path = join(machines, example, name);
      approved.set(path, readFileSync(path));
    }
    approved.set(source(example), readFileSync(source(example)));
  }
});

beforeEach(() => {
  for (const [path, bytes] of approved) writeFileSync(path, bytes);
});

async function verify() {
  const result = await run('verify', machines, '--json');
  const document = JSON.parse(result.stdout);
  const byId = Object.fromEntries(
    document.machines.map((m: { id: string }) => [m.id, m]),
  ) as Record<
    string,
    {
      status: string;
      drifted: { file: string; reason: string; source?: true }[];
      missing: string[];
      notes: string[];
    }
  >;
  return { code: result.code, document, byId };
}

describe('plumb verify', () => {
  it('passes on a fresh approval', async () => {
    const { code, document, byId } = await verify();
    expect(code).toBe(0);
    expect(document.ok).toBe(true);
    expect(Object.keys(byId)).toEqual(EXAMPLES);
    for (const id of EXAMPLES)
      expect(byId[id]).toMatchObject({ status: 'ok', by: 'Ada', drifted: [], missing: [] });
    const text = await run('verify', machines);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2 machines: all ok');
  });

  it.each(['machine.json', 'machine.ts', 'machine.test.ts', 'process.json'])(
    'reports drift naming %s when it is edited',
    async (name) => {
      const path = join(machines, 'call-routing', name);
      writeFileSync(path, readFileSync(path, 'utf8').replace('"resolved"', '"closed"'));
      const { code, document, byId } = await verify();
      expect(code).toBe(1);
      expect(document.ok).toBe(false);
      expect(byId['call-routing'].status).toBe('drifted');
      expect(byId['call-routing'].drifted).toEqual([
        expect.objectContaining({
          file: name,
          reason: expect.stringContaining('changed after approval'),
        }),
      ]);
      expect(byId['support-escalation'].status).toBe('ok');
      const text = await run('verify', machines);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(
        new RegExp(`drifted {2}${name.replace('.', '\\.')}: changed after approval`),
      );
    },
  );

  it('reports drift when the original source changed after approval', async () => {
    writeFileSync(
      source('support-escalation'),
      `${readFileSync(source('support-escalation'), 'utf8')} `,
    );
    const { code, byId } = await verify();
    expect(code).toBe(1);
    expect(byId['support-escalation'].status).toBe('drifted');
    expect(byId['support-escalation'].drifted).toEqual([
      {
        file: 'processes/support-escalation.process.json',
        reason: expect.stringContaining('the source changed after approval'),
        source: true,
      },
    ]);
    const text = await run('verify', machines);
    expect(text.stdout).toContain('warning  processes/support-escalation.process.json');
  });

  it('checks against the copy when the original source is gone', async () => {
    unlinkSync(source('call-routing'));
    const { code, byId } = await verify();
    expect(code).toBe(0);
    expect(byId['call-routing'].status).toBe('ok');
    expect(byId['call-routing'].notes.join()).toContain('is gone');
  });

  it('reports a machine.ts that a fresh export of the copy no longer makes', async () => {
    // machine.ts and its hash in approval.json changed together: the hashes agree, the export does not.
    const folder = join(machines, 'call-routing');
    const ts = `${readFileSync(join(folder, 'machine.ts'), 'utf8')}// changed\n`;
    writeFileSync(join(folder, 'machine.ts'), ts);
    const approval = JSON.parse(readFileSync(join(folder, 'approval.json'), 'utf8'));
    approval.files['machine.ts'] = hashOf(ts);
    writeFileSync(join(folder, 'approval.json'), JSON.stringify(approval));
    const { code, byId } = await verify();
    expect(code).toBe(1);
    expect(byId['call-routing'].drifted).toEqual([
      {
        file: 'machine.ts',
        reason: expect.stringContaining('is not what xstate-ts makes of process.json'),
      },
    ]);
  });

  it('reports missing files, and a folder without approval.json', async () => {
    unlinkSync(join(machines, 'call-routing', 'machine.json'));
    mkdirSync(join(machines, 'stray'), { recursive: true });
    try {
      const { code, byId } = await verify();
      expect(code).toBe(1);
      expect(byId['call-routing']).toMatchObject({ status: 'missing', missing: ['machine.json'] });
      expect(byId.stray).toMatchObject({ status: 'missing', missing: ['approval.json'] });
    } finally {
      rmSync(join(machines, 'stray'), { recursive: true });
    }
  });

  it('reports an approval.json that is not one', async () => {
    writeFileSync(join(machines, 'call-routing', 'approval.json'), '{ "by": ');
    const { code, byId } = await verify();
    expect(code).toBe(1);
    expect(byId['call-routing'].drifted).toEqual([
      { file: 'approval.json', reason: expect.stringContaining('not an approval record') },
    ]);
  });

  it('exits 2 when there is no such folder', async () => {
    const result = await run('verify', join(dir, 'nowhere'), '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error).toContain('nowhere');
  });
});
