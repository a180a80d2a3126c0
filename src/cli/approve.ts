// `plumb approve <file> --by <name> [--machines dir] [--json]`: the full check, then either the list
// of what blocks approval (exit 1) or the folder `machines/<id>/` (DESIGN.md section 5).

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { approveProcess, type Blocker } from '../core/approval';
import { checkProcess } from '../core/check';
import { parseArgs, UsageError } from './args';
import { displayPath, InputError, processFromText } from './files';
import { colour, print, printJson } from './output';

/** A process id that is safe as one folder name (the schema's pattern). */
const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function readBytes(file: string): Uint8Array {
  try {
    if (statSync(file).isDirectory())
      throw new InputError(`${file} is a folder: approve takes one process file`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: no such file, or it cannot be read`);
  }
}

export function approveCommand(argv: string[]): number {
  const args = parseArgs(argv, ['json'], ['by', 'machines']);
  if (args.positionals.length !== 1)
    throw new UsageError(
      'approve needs one process file: plumb approve examples/call-routing/to-be.process.json --by "Your Name"',
    );
  const by = args.flags.get('by');
  if (typeof by !== 'string' || by.trim() === '')
    throw new UsageError('approve needs --by <name>: the person who approves the machine');
  const file = args.positionals[0];
  const bytes = readBytes(file);
  const process = processFromText(
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
    file,
  );
  if (!FOLDER_NAME.test(process.id))
    throw new InputError(
      `${file}: id: "${process.id}" cannot name a folder of machines/ (letters, digits, '.', '_' and '-')`,
    );

  const machinesFlag = args.flags.get('machines');
  const machines = resolve(typeof machinesFlag === 'string' ? machinesFlag : 'machines');
  const source = relative(dirname(machines), resolve(file)).split(sep).join('/');
  const report = checkProcess(process, source);
  const result = approveProcess({
    process,
    bytes,
    report,
    by: by.trim(),
    at: new Date().toISOString(),
    source,
  });
  const json = Boolean(args.flags.get('json'));

  if (!result.approved) {
    if (json)
      printJson({
        approved: false,
        file: displayPath(file),
        id: process.id,
        blocking: result.blocking,
      });
    else printRefusal(displayPath(file), result.blocking);
    return 1;
  }

  const dir = join(machines, process.id);
  const written: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const { name, content } of result.files) {
      const path = join(dir, name);
      writeFileSync(path, content);
      written.push(displayPath(path));
    }
  } catch (error) {
    throw new InputError(
      `${displayPath(dir)}: cannot write the approved machine: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { record } = result;
  if (json)
    printJson({
      approved: true,
      id: record.id,
      dir: displayPath(dir),
      hash: record.hash,
      by: record.by,
      at: record.at,
      source: record.source,
      files: written,
    });
  else {
    print(
      `${colour.green('approved')} ${colour.bold(record.id)}${record.stage ? ` (${record.stage})` : ''} by ${record.by} at ${record.at}`,
    );
    print(`  ${colour.dim(`${displayPath(file)}  ${record.hash}`)}`);
    for (const path of written) print(`  wrote ${path}`);
    const warnings = report.cracks.filter((c) => c.severity === 'warning').length;
    if (warnings)
      print(
        colour.dim(
          `  ${warnings} warning${warnings === 1 ? '' : 's'} in the report (see plumb check)`,
        ),
      );
  }
  return 0;
}

function printRefusal(file: string, blocking: Blocker[]): void {
  print(
    `${colour.red('not approved')} ${colour.bold(file)}: ${blocking.length} thing${blocking.length === 1 ? '' : 's'} block${blocking.length === 1 ? 's' : ''} it`,
  );
  for (const b of blocking) {
    const where = [
      b.scenario ? colour.bold(b.scenario) : '',
      b.state ? colour.cyan(b.state) : '',
      b.event ? colour.bold(b.event) : '',
    ]
      .filter(Boolean)
      .join('  ');
    print(`  ${colour.red(b.rule)}${where ? `  ${where}` : ''}`);
    print(`    ${b.message}`);
  }
}
