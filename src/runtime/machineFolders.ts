// The approved machines of a folder on disk (`machines/<id>/`), each verified against its
// approval and its source: what `plumb verify` reports and what `plumb run` hosts.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type MachineVerdict, verifyMachine } from '../core/approval';

/** There is no such folder of approved machines. */
export class NoMachinesFolder extends Error {
  constructor(dir: string) {
    super(`${dir}: no such folder of approved machines (plumb approve writes machines/<id>/)`);
  }
}

/** A file's bytes, or undefined when it is not there (or is not a file). */
function tryRead(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** The machine folders of `dir`, sorted; throws NoMachinesFolder when `dir` is not a folder. */
export function machineFolders(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    throw new NoMachinesFolder(dir);
  }
}

/** One machine folder against its approval; a source path is read beside the machines folder. */
export function verifyMachineFolder(dir: string, id: string): MachineVerdict {
  const base = dirname(resolve(dir));
  return verifyMachine({
    id,
    read: (name) => tryRead(join(dir, id, name)),
    readSource: (source) => tryRead(resolve(base, source)),
  });
}
