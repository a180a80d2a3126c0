// The process files the round-trip tests run on: every example, the export tests' feature and
// tricky files, and generated machines of about 50 to 200 states with several seeds.

import { generateProcess } from '../../bench/generate';
import type { ProcessFile } from '../../src/core/model/types';
import { bareProcess, featuresProcess } from '../export/features';
import { exampleProcesses } from '../export/fixtures';
import { trickyProcess } from '../export/tricky';

export function generated(): [string, ProcessFile][] {
  const out: [string, ProcessFile][] = [];
  for (const states of [50, 120, 200])
    for (const seed of [1, 2, 3, 7])
      out.push([
        `generated-${states}-seed${seed}`,
        generateProcess({ states, seed }) as unknown as ProcessFile,
      ]);
  return out;
}

export function roundTripProcesses(): [string, ProcessFile][] {
  return [
    ...exampleProcesses(),
    ['features', featuresProcess()],
    ['bare', bareProcess()],
    ['tricky', trickyProcess()],
    ...generated(),
  ];
}

/**
 * The file without what an export leaves out on purpose: `$schema` (where the editor finds the
 * schema, not part of the process) and `approval` (it pins the hash of the approved file; a file
 * that went through another format is not that file, and must be approved again).
 */
export function exported(process: ProcessFile): ProcessFile {
  const { $schema: _schema, approval: _approval, ...rest } = process;
  return rest as ProcessFile;
}
