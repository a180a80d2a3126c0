// `plumb export`: every format to stdout, --out with a one-line confirmation on stderr, --json,
// and exit 2 with a message naming the file or the option for bad input. Runs `main` in-process.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { EXPORT_FORMATS, exportProcess } from '../../src/core/export';
import { parseProcess } from '../../src/core/model/parse';

const file = resolve(import.meta.dirname, '../../examples/call-routing/to-be.process.json');
const parsed = parseProcess(readFileSync(file, 'utf8')).process;
if (!parsed) throw new Error('the example does not parse');
const example = parsed;
const dir = mkdtempSync(join(tmpdir(), 'plumb-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
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
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('plumb export', () => {
  it.each(EXPORT_FORMATS)('--to %s prints the export on stdout', async (format) => {
    const result = await run('export', file, '--to', format);
    expect(result).toEqual({ code: 0, stdout: exportProcess(example, format), stderr: '' });
  });

  it('--out writes the file and says so in one line on stderr', async () => {
    const out = join(dir, 'nested', 'call-routing.scxml');
    const result = await run('export', file, '--to=scxml', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('call-routing.scxml');
    expect(readFileSync(out, 'utf8')).toBe(exportProcess(example, 'scxml'));
  });

  it('--json prints one document with the file, the format and the text', async () => {
    const result = await run('export', file, '--to', 'mermaid', '--json');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.format).toBe('mermaid');
    expect(document.file).toMatch(/call-routing\/to-be\.process\.json$/);
    expect(document.text).toBe(exportProcess(example, 'mermaid'));
  });

  it('bad usage and bad input exit 2 with a message naming what is wrong', async () => {
    const noFormat = await run('export', file);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain('--to');
    const unknown = await run('export', file, '--to', 'bpmn');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"bpmn"');
    const missing = await run('export', join(dir, 'missing.process.json'), '--to', 'scxml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.process.json');
    const broken = join(dir, 'broken.process.json');
    writeFileSync(broken, '{ "plumb": 1, "id": ');
    const result = await run('export', broken, '--to', 'scxml', '--json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('broken.process.json');
    expect(JSON.parse(result.stdout).error).toContain('broken.process.json');
    expect((await run('export', '--to', 'scxml')).code).toBe(2);
  });
});
