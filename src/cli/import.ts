// `plumb import <file.scxml or machine.json> [--out path] [--json]`: a process file from SCXML or
// an XState JSON machine config, on stdout or written to --out; warnings (what could not be
// carried over exactly) on stderr.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { ImportError, importText } from '../core/import';
import { formatProcess } from '../core/model/serialize';
import { parseArgs, UsageError } from './args';
import { displayPath, InputError } from './files';
import { printJson } from './output';

export function importCommand(argv: string[]): number {
  const args = parseArgs(argv, ['json'], ['out']);
  if (args.positionals.length !== 1)
    throw new UsageError(
      'import needs one file: plumb import <file.scxml or machine.json> [--out path]',
    );
  const file = args.positionals[0];
  const shown = displayPath(file);
  let text: string;
  try {
    if (statSync(file).isDirectory())
      throw new InputError(`${shown} is a folder: import takes one SCXML or XState JSON file`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${shown}: no such file, or it cannot be read`);
  }
  let result: ReturnType<typeof importText>;
  try {
    result = importText(text, file);
  } catch (error) {
    if (error instanceof ImportError) {
      const where = error.line ? `:${error.line}${error.column ? `:${error.column}` : ''}` : '';
      throw new InputError(`${shown}${where}: ${error.message}`);
    }
    throw error;
  }
  const output = formatProcess(result.process);
  const out = args.flags.get('out');
  if (out === true) throw new UsageError('--out needs a path');
  if (out !== undefined) {
    try {
      writeFileSync(out, output);
    } catch {
      throw new InputError(`${out}: cannot be written`);
    }
  }
  if (args.flags.get('json')) {
    printJson({
      file: shown,
      format: result.format,
      ...(out !== undefined ? { out: displayPath(out) } : { process: result.process }),
      warnings: result.warnings,
    });
    return 0;
  }
  for (const warning of result.warnings)
    process.stderr.write(`plumb: warning: ${shown}: ${warning}\n`);
  if (out !== undefined)
    process.stderr.write(
      `plumb: wrote ${displayPath(out)}: the process "${result.process.id}" from ${result.format === 'scxml' ? 'SCXML' : 'XState JSON'}${result.warnings.length > 0 ? `, ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'} above` : ''}\n`,
    );
  else process.stdout.write(output);
  return 0;
}
