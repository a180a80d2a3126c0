// `plumb export <file> --to xstate-json|xstate-ts|scxml|mermaid [--out path] [--json]`: one format,
// to stdout, or to a file with a one-line confirmation on stderr.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXPORT_FORMATS, exportProcess, isExportFormat } from '../core/export';
import { parseArgs, UsageError } from './args';
import { displayPath, InputError, loadProcess } from './files';
import { printJson } from './output';

const FORMATS = EXPORT_FORMATS.join('|');

export function exportCommand(argv: string[]): number {
  const args = parseArgs(argv, ['json'], ['to', 'out']);
  if (args.positionals.length !== 1)
    throw new UsageError(
      `export needs one process file: plumb export examples/call-routing/to-be.process.json --to ${FORMATS}`,
    );
  const to = args.flags.get('to');
  if (typeof to !== 'string') throw new UsageError(`export needs --to ${FORMATS}`);
  if (!isExportFormat(to)) throw new UsageError(`--to is one of ${FORMATS}, not "${to}"`);
  const file = args.positionals[0];
  const text = exportProcess(loadProcess(file), to);
  const out = args.flags.get('out');
  if (typeof out === 'string') {
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
    } catch (error) {
      throw new InputError(
        `${out}: cannot write the export: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (args.flags.get('json'))
    printJson({
      file: displayPath(file),
      format: to,
      text,
      ...(typeof out === 'string' ? { out: displayPath(out) } : {}),
    });
  else if (typeof out === 'string')
    process.stderr.write(`plumb: wrote ${displayPath(out)} (${to}, ${text.length} characters)\n`);
  else process.stdout.write(text);
  return 0;
}
