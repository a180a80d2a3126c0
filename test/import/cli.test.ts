// `plumb import` end to end: the real command in a child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importScxml } from '../../src/core/import/scxml';
import { formatProcess } from '../../src/core/model/serialize';

const root = resolve(import.meta.dirname, '../..');
const plumb = resolve(root, 'bin/plumb.js');
const fixtures = 'test/import/fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [plumb, 'import', ...args],
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

const scratch = mkdtempSync(join(tmpdir(), 'plumb-import-'));
const write = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

describe('plumb import', () => {
  it('prints the process file of an SCXML document, warnings on stderr', async () => {
    const result = await run(`${fixtures}/content.scxml`);
    expect(result.code).toBe(0);
    const text = readFileSync(resolve(root, fixtures, 'content.scxml'), 'utf8');
    expect(result.stdout).toBe(formatProcess(importScxml(text).process));
    expect(result.stderr).toMatch(
      /^plumb: warning: test\/import\/fixtures\/content\.scxml: line 14: not carried over: the code of <script>/m,
    );
  });

  it('writes --out, with one confirmation line on stderr', async () => {
    const out = join(scratch, 'reentry.process.json');
    const result = await run(`${fixtures}/prefixed.scxml`, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines.filter((line) => !line.startsWith('plumb: warning:'))).toEqual([
      expect.stringMatching(
        /^plumb: wrote .*reentry\.process\.json: the process "prefixed" from SCXML, 1 warning above$/,
      ),
    ]);
    expect(JSON.parse(readFileSync(out, 'utf8')).machine.states.b).toEqual({ type: 'final' });
  });

  it('imports an XState JSON machine config', async () => {
    const example = JSON.parse(
      readFileSync(resolve(root, 'examples/call-routing/to-be.process.json'), 'utf8'),
    );
    const file = write('machine.json', JSON.stringify(example.machine, null, 2));
    const result = await run(file);
    expect(result.code).toBe(0);
    const process = JSON.parse(result.stdout);
    expect(process).toMatchObject({ plumb: 1, id: 'call-routing', stage: 'as-is' });
    expect(process.machine).toEqual(example.machine);
  });

  it('--json prints one JSON document', async () => {
    const result = await run(`${fixtures}/timer.scxml`, '--json');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ file: `${fixtures}/timer.scxml`, format: 'scxml' });
    expect(printed.process.machine.states.wait.after).toEqual({ 2000: 'late' });
    expect(printed.warnings.length).toBeGreaterThan(0);
  });

  it('exits 2 naming the file and the line: a DOCTYPE, not XML, not a machine', async () => {
    const doctype = write(
      'doctype.scxml',
      '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<scxml/>',
    );
    const notXml = write(
      'broken.scxml',
      '<scxml xmlns="http://www.w3.org/2005/07/scxml">\n<state id="a">\n',
    );
    const notMachine = write('list.json', '\n["a", "b"]');
    for (const [file, message] of [
      [doctype, /doctype\.scxml:2: the document has a DOCTYPE/],
      [notXml, /broken\.scxml:3(:\d+)?: not well-formed XML/],
      [notMachine, /list\.json:2: not an XState machine/],
    ] as const) {
      const result = await run(file);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
    const missing = await run(join(scratch, 'nope.scxml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.scxml: no such file/);
    const usage = await run();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/import needs one file/);
  });
});
