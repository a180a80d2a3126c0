// Verifying an approved machine's folder (`plumb verify`, and the runtime before it hosts one): every
// file must still have the hash its approval recorded, machine.json and machine.ts must be what the
// exporters make of the approved copy today, and the original process file, if it is still where
// it was, must not have changed since. Pure: the caller reads the files.

import { exportProcess } from '../export';
import { parseProcess } from '../model/parse';
import type { ApprovalRecord, MachineFileName } from './approve';
import { hashOf } from './sha256';

/** The files of the folder that approval.json pins by hash. */
export const PINNED_FILES = [
  'process.json',
  'machine.json',
  'machine.ts',
  'machine.test.ts',
] as const;

export interface Drift {
  /** The file that drifted: a name in the folder, or the source's path. */
  file: string;
  reason: string;
  /** The original source changed: the approved copy is intact, but the two no longer agree. */
  source?: true;
}

export interface MachineVerdict {
  /** The folder's name: the process id. */
  id: string;
  status: 'ok' | 'drifted' | 'missing';
  by?: string;
  at?: string;
  hash?: string;
  source?: string;
  missing: string[];
  drifted: Drift[];
  notes: string[];
}

export interface MachineFolder {
  /** The folder's name. */
  id: string;
  /** A file of the folder, or undefined when it is not there. */
  read: (name: MachineFileName) => Uint8Array | undefined;
  /** The original process file at approval's `source`, or undefined when it is gone. */
  readSource: (source: string) => Uint8Array | undefined;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The approval record in approval.json, or why it is not one. */
export function parseApproval(bytes: Uint8Array): ApprovalRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const record = value as Partial<ApprovalRecord>;
  for (const key of ['id', 'by', 'at', 'hash'] as const)
    if (typeof record[key] !== 'string') return `"${key}" is missing or not a string`;
  if (!record.files || typeof record.files !== 'object') return '"files" is missing';
  return record as ApprovalRecord;
}

/** Checks one approved machine's folder. */
export function verifyMachine(folder: MachineFolder): MachineVerdict {
  const verdict: MachineVerdict = {
    id: folder.id,
    status: 'ok',
    missing: [],
    drifted: [],
    notes: [],
  };
  const finish = () => {
    verdict.status = verdict.missing.length ? 'missing' : verdict.drifted.length ? 'drifted' : 'ok';
    return verdict;
  };
  const approvalBytes = folder.read('approval.json');
  if (!approvalBytes) {
    verdict.missing.push('approval.json');
    return finish();
  }
  const record = parseApproval(approvalBytes);
  if (typeof record === 'string') {
    verdict.drifted.push({ file: 'approval.json', reason: `not an approval record: ${record}` });
    return finish();
  }
  verdict.by = record.by;
  verdict.at = record.at;
  verdict.hash = record.hash;
  if (typeof record.source === 'string') verdict.source = record.source;
  if (record.id !== folder.id)
    verdict.drifted.push({
      file: 'approval.json',
      reason: `it approves "${record.id}", but the folder is "${folder.id}"`,
    });

  // Each pinned file against the hash approval recorded for it.
  const files = new Map<string, Uint8Array>();
  const edited = new Set<string>();
  for (const name of PINNED_FILES) {
    const bytes = folder.read(name);
    if (!bytes) {
      verdict.missing.push(name);
      continue;
    }
    files.set(name, bytes);
    const approved = name === 'process.json' ? record.hash : record.files[name];
    const actual = hashOf(bytes);
    if (typeof approved !== 'string') {
      verdict.drifted.push({ file: name, reason: 'approval.json records no hash for it' });
      edited.add(name);
    } else if (actual !== approved) {
      verdict.drifted.push({
        file: name,
        reason: `changed after approval (${actual}, approved ${approved})`,
      });
      edited.add(name);
    }
  }

  // The exports, made again from the approved copy.
  const copy = files.get('process.json');
  if (copy && !edited.has('process.json')) {
    const parsed = parseProcess(decoder.decode(copy));
    if (!parsed.process) {
      verdict.drifted.push({
        file: 'process.json',
        reason: `no longer reads as a process file: ${parsed.problems.map((p) => p.message).join('; ')}`,
      });
    } else {
      if (parsed.process.id !== folder.id)
        verdict.drifted.push({
          file: 'process.json',
          reason: `its id is "${parsed.process.id}", but the folder is "${folder.id}"`,
        });
      for (const [name, format] of [
        ['machine.json', 'xstate-json'],
        ['machine.ts', 'xstate-ts'],
      ] as const) {
        const bytes = files.get(name);
        if (!bytes || edited.has(name)) continue;
        if (hashOf(exportProcess(parsed.process, format)) !== hashOf(bytes))
          verdict.drifted.push({
            file: name,
            reason: `is not what ${format} makes of process.json today (the exporter changed): approve the process again`,
          });
      }
    }
  }

  // The original file, if it is still where it was approved from.
  if (typeof record.source === 'string' && record.source) {
    const source = folder.readSource(record.source);
    if (!source)
      verdict.notes.push(`the source ${record.source} is gone: checked against the approved copy`);
    else if (hashOf(source) !== record.hash)
      verdict.drifted.push({
        file: record.source,
        reason:
          'the source changed after approval: the machine runs the approved copy; approve the file again to take the change',
        source: true,
      });
  } else verdict.notes.push('approval.json names no source file');
  return finish();
}
