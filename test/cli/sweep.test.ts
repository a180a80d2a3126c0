// `plumb sweep` end to end, on the examples: the real command in a child process.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const plumb = resolve(root, 'bin/plumb.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sweep(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [plumb, 'sweep', ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

const runs: Record<string, Run> = {};

beforeAll(async () => {
  const [asIsJson, toBeText, folder] = await Promise.all([
    sweep('examples/call-routing/as-is.process.json', '--json'),
    sweep('examples/call-routing/to-be.process.json'),
    sweep('examples', '--json'),
  ]);
  Object.assign(runs, { asIsJson, toBeText, folder });
}, 60_000);

describe('plumb sweep', () => {
  it('--json prints the matrix as one JSON document, and exits 1 where an exception is dropped', () => {
    expect(runs.asIsJson.code).toBe(1);
    const result = JSON.parse(runs.asIsJson.stdout);
    expect(result.exceptions).toContain('VOICEMAIL_FULL');
    const voicemail = result.rows.find(
      (row: { states: string[] }) => row.states.join() === 'voicemail',
    );
    expect(voicemail.cells.VOICEMAIL_FULL).toEqual({ outcome: 'dropped' });
    expect(result.dropped).toBeGreaterThan(0);
  });

  it('prints states as rows and exceptions as columns, and says when nothing is dropped', () => {
    expect(runs.toBeText.code).toBe(0);
    const [, header] = runs.toBeText.stdout.split('\n');
    expect(header).toMatch(/state\s+VOICEMAIL_FULL/);
    expect(runs.toBeText.stdout).toContain('No exception is dropped anywhere.');
  });

  it('takes one file: a folder is bad input, exit 2, still one JSON document', () => {
    expect(runs.folder.code).toBe(2);
    expect(JSON.parse(runs.folder.stdout).error).toMatch(/examples is a folder/);
  });
});
