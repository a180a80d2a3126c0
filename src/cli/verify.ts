// `plumb verify [machines dir] [--json]`: every approved machine against its approval and its source.
// Exit 0 when all are intact, 1 when a file drifted or is missing, 2 when there is no such folder.

import { join } from 'node:path';
import type { MachineVerdict } from '../core/approval';
import { machineFolders, NoMachinesFolder, verifyMachineFolder } from '../runtime/machineFolders';
import { parseArgs, UsageError } from './args';
import { displayPath, InputError } from './files';
import { colour, print, printJson } from './output';

export function verifyCommand(argv: string[]): number {
  const args = parseArgs(argv, ['json'], []);
  if (args.positionals.length > 1)
    throw new UsageError('verify takes one machines folder: plumb verify machines');
  const dir = args.positionals[0] ?? 'machines';
  let folders: string[];
  try {
    folders = machineFolders(dir);
  } catch (error) {
    if (error instanceof NoMachinesFolder) throw new InputError(error.message);
    throw error;
  }
  const machines = folders.map((id) => verifyMachineFolder(dir, id));
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
