// The approved machines a runtime hosts: every folder of the machines folder, verified against its
// approval (a drifted file refuses the machine, naming the file), with its XState machine and the
// handlers beside it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineVerdict } from '../core/approval';
import { parseProcess } from '../core/model/parse';
import { buildStateTree, type StateTree } from '../core/model/tree';
import type { ProcessFile } from '../core/model/types';
import { type Handlers, loadHandlers } from './handlers';
import { machineFolders, NoMachinesFolder, verifyMachineFolder } from './machineFolders';
import { CaseEngine } from './step';

export interface HostedMachine {
  id: string;
  title?: string;
  hash: string;
  approvedBy: string;
  approvedAt: string;
  folder: string;
  /** process.json as approved, byte for byte (as text). */
  text: string;
  process: ProcessFile;
  tree: StateTree;
  engine: CaseEngine;
  handlers: Handlers;
}

/** A machine the runtime will not host, and why. */
export interface Refusal {
  id: string;
  reasons: string[];
}

export class MachinesError extends Error {}

function reasonsOf(verdict: MachineVerdict, folder: string): string[] {
  const out: string[] = [];
  for (const name of verdict.missing) out.push(`${join(folder, name)} is missing`);
  for (const drift of verdict.drifted)
    if (!drift.source) out.push(`${join(folder, drift.file)} drifted: ${drift.reason}`);
  return out;
}

/**
 * Loads every approved machine of `dir`. Machines that fail verification are refused (listed in
 * `refused`); the caller decides whether that stops the runtime.
 */
export async function loadMachines(
  dir: string,
  onGuardError: (processId: string, name: string, error: unknown) => void,
): Promise<{ hosted: HostedMachine[]; refused: Refusal[]; notes: string[] }> {
  let folders: string[];
  try {
    folders = machineFolders(dir);
  } catch (error) {
    if (error instanceof NoMachinesFolder) throw new MachinesError(error.message);
    throw error;
  }
  const hosted: HostedMachine[] = [];
  const refused: Refusal[] = [];
  const notes: string[] = [];
  for (const id of folders) {
    const folder = join(dir, id);
    const verdict = verifyMachineFolder(dir, id);
    const reasons = reasonsOf(verdict, folder);
    for (const drift of verdict.drifted)
      if (drift.source) notes.push(`${id}: ${drift.file}: ${drift.reason}`);
    if (reasons.length) {
      refused.push({ id, reasons });
      continue;
    }
    const text = readFileSync(join(folder, 'process.json'), 'utf8');
    const parsed = parseProcess(text);
    if (!parsed.process) {
      refused.push({ id, reasons: [`${join(folder, 'process.json')} does not read as a process`] });
      continue;
    }
    const process = parsed.process;
    const tree = buildStateTree(process.machine);
    let handlers: Handlers;
    try {
      handlers = await loadHandlers(folder, process);
    } catch (error) {
      refused.push({ id, reasons: [error instanceof Error ? error.message : String(error)] });
      continue;
    }
    let engine: CaseEngine;
    try {
      engine = new CaseEngine(process, tree, handlers.guards, (name, error) =>
        onGuardError(id, name, error),
      );
    } catch (error) {
      refused.push({
        id,
        reasons: [
          `${join(folder, 'process.json')}: XState rejects the machine: ${error instanceof Error ? error.message : String(error)}`,
        ],
      });
      continue;
    }
    const machine: HostedMachine = {
      id,
      hash: verdict.hash ?? '',
      approvedBy: verdict.by ?? '',
      approvedAt: verdict.at ?? '',
      folder,
      text,
      process,
      tree,
      engine,
      handlers,
    };
    if (process.title) machine.title = process.title;
    hosted.push(machine);
  }
  return { hosted, refused, notes };
}
