// Approval (DESIGN.md section 5): a process with no error-severity crack and every scenario passing
// becomes the files of `machines/<id>/`, pinned by the sha256 of the approved file's exact bytes.
// Pure: the caller reads the file, gives the time, and writes what comes back.

import type { FileReport } from '../check';
import { exportProcess } from '../export';
import { exportMachineTest } from '../export/machineTest';
import type { ProcessFile } from '../model/types';
import { hashOf } from './sha256';

/** The files of an approved machine's folder, in the order they are written (approval.json last). */
export const MACHINE_FILES = [
  'process.json',
  'machine.json',
  'machine.ts',
  'machine.test.ts',
  'approval.json',
] as const;
export type MachineFileName = (typeof MACHINE_FILES)[number];

/** What keeps a file from approval: an error-severity crack, or a failing scenario. */
export interface Blocker {
  rule: string;
  state?: string;
  event?: string;
  /** For a failing scenario: its id. */
  scenario?: string;
  message: string;
}

/** `approval.json`: who approved what, when, and the hash of every file of the folder. */
export interface ApprovalRecord {
  id: string;
  title?: string;
  stage?: string;
  by: string;
  /** ISO 8601 time of the approval. */
  at: string;
  /** `sha256:<hex>` of the approved process file's exact bytes (and of its copy, process.json). */
  hash: string;
  /** Where the approved file was, relative to the machines folder's parent, with `/`. */
  source: string;
  /** `sha256:<hex>` of each file written beside approval.json. */
  files: Record<Exclude<MachineFileName, 'approval.json'>, string>;
  /** The full check report of the approved file. */
  report: FileReport;
}

export type ApprovalResult =
  | { approved: false; blocking: Blocker[] }
  | {
      approved: true;
      record: ApprovalRecord;
      /** Every file of `machines/<id>/` with its exact content, approval.json last. */
      files: { name: MachineFileName; content: Uint8Array | string }[];
    };

/** Everything in a check report that blocks approval; empty when the file can be approved. */
export function blockersOf(report: FileReport): Blocker[] {
  const out: Blocker[] = [];
  for (const problem of report.problems ?? [])
    out.push({
      rule: 'unreadable',
      message: `${problem.path ? `${problem.path}: ` : ''}${problem.message}`,
    });
  for (const crack of report.cracks) {
    // A failing scenario is listed below with its id, from the scenario itself.
    if (crack.severity !== 'error' || crack.rule === 'scenario-failed') continue;
    const blocker: Blocker = { rule: crack.rule, message: crack.message };
    if (crack.state !== undefined) blocker.state = crack.state;
    if (crack.event !== undefined) blocker.event = crack.event;
    out.push(blocker);
  }
  for (const scenario of report.scenarios) {
    if (scenario.passed) continue;
    const blocker: Blocker = {
      rule: 'scenario-failed',
      scenario: scenario.id,
      message: `Scenario "${scenario.title ?? scenario.id}" fails: ${scenario.message ?? 'its expectation does not hold'}`,
    };
    if (scenario.state) blocker.state = scenario.state;
    out.push(blocker);
  }
  return out;
}

export interface ApproveInput {
  process: ProcessFile;
  /** The approved file's exact bytes: hashed, and copied to process.json. */
  bytes: Uint8Array;
  /** The check report of `process` (checkProcess). */
  report: FileReport;
  by: string;
  at: string;
  source: string;
}

/** The folder of an approved machine, or what blocks the approval. */
export function approveProcess(input: ApproveInput): ApprovalResult {
  const { process, bytes, report } = input;
  const blocking = blockersOf(report);
  if (!report.ok && blocking.length === 0)
    blocking.push({ rule: 'check', message: 'the check did not pass' });
  if (blocking.length) return { approved: false, blocking };

  const machineJson = exportProcess(process, 'xstate-json');
  const machineTs = exportProcess(process, 'xstate-ts');
  const machineTest = exportMachineTest(process);
  const hash = hashOf(bytes);
  const record: ApprovalRecord = {
    id: process.id,
    ...(process.title ? { title: process.title } : {}),
    ...(process.stage ? { stage: process.stage } : {}),
    by: input.by,
    at: input.at,
    hash,
    source: input.source,
    files: {
      'process.json': hash,
      'machine.json': hashOf(machineJson),
      'machine.ts': hashOf(machineTs),
      'machine.test.ts': hashOf(machineTest),
    },
    report,
  };
  return {
    approved: true,
    record,
    files: [
      { name: 'process.json', content: bytes },
      { name: 'machine.json', content: machineJson },
      { name: 'machine.ts', content: machineTs },
      { name: 'machine.test.ts', content: machineTest },
      { name: 'approval.json', content: `${JSON.stringify(record, null, 2)}\n` },
    ],
  };
}
