// `plumb verify [machines dir] [--json]`: every approved machine against its approval and its source.
// Exit 0 when all are intact, 1 when a file drifted or is missing, 2 when there is no such folder.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type MachineVerdict, verifyMachine } from '../core/approval';
import { parseArgs, UsageError } from './args';
import { displayPath, InputError } from './files';
import { colour, print, printJson } from './output';

/** A file's bytes, or undefined when it is not there (or is not a file). */
function tryRead(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

export function verifyCommand(argv: string[]): number {
  const args = parseArgs(argv, ['json'], []);
  if (args.positionals.length > 1)
    throw new UsageError('verify takes one machines folder: plumb verify machines');
  const dir = args.positionals[0] ?? 'machines';
  let folders: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    folders = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    throw new InputError(
      `${dir}: no such folder of approved machines (plumb approve writes machines/<id>/)`,
    );
  }
  const base = dirname(resolve(dir));
  const machines = folders.map((id) =>
    verifyMachine({
      id,
      read: (name) => tryRead(join(dir, id, name)),
      readSource: (source) => tryRead(resolve(base, source)),
    }),
  );
  const ok = machines.every((m) => m.status === 'ok');
  if (args.flags.get('json')) printJson({ dir: displayPath(dir), ok, machines });
  else printVerdicts(dir, machines);
  return ok ? 0 : 1;
}

function printVerdicts(dir: string, machines: MachineVerdict[]): void {
  if (machines.length === 0) {
    print(`${displayPath(dir)}: no approved machines`);
    return;
  }
  for (const m of machines) {
    const label =
      m.status === 'ok'
        ? colour.green('ok')
        : m.status === 'missing'
          ? colour.red('missing files')
          : colour.red('drifted');
    const approved = m.by ? colour.dim(`  approved by ${m.by} at ${m.at}`) : '';
    print(`${colour.bold(displayPath(join(dir, m.id)))}  ${label}${approved}`);
    for (const name of m.missing) print(`  ${colour.red('missing')}  ${name}`);
    for (const d of m.drifted)
      print(
        `  ${d.source ? colour.yellow('warning') : colour.red('drifted')}  ${colour.bold(d.file)}: ${d.reason}`,
      );
    for (const note of m.notes) print(`  ${colour.dim(`note: ${note}`)}`);
  }
  const good = machines.filter((m) => m.status === 'ok').length;
  const bad = machines.length - good;
  print(
    `${machines.length} machine${machines.length === 1 ? '' : 's'}: ${bad === 0 ? colour.green('all ok') : `${good} ok, ${colour.red(`${bad} not`)}`}`,
  );
}
