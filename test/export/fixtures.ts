// The process files the export tests run on: every example, and generated machines.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateProcess } from '../../bench/generate';
import { parseProcess } from '../../src/core/model/parse';
import type { ProcessFile } from '../../src/core/model/types';
import { bareProcess, featuresProcess } from './features';
import { trickyProcess } from './tricky';

const examples = resolve(import.meta.dirname, '../../examples');

/** Every example, by `folder/stage`. */
export function exampleProcesses(): [string, ProcessFile][] {
  const out: [string, ProcessFile][] = [];
  for (const folder of readdirSync(examples).sort()) {
    let files: string[];
    try {
      files = readdirSync(join(examples, folder));
    } catch {
      continue;
    }
    for (const file of files.sort()) {
      if (!file.endsWith('.process.json')) continue;
      const parsed = parseProcess(readFileSync(join(examples, folder, file), 'utf8'));
      if (!parsed.process) throw new Error(`${folder}/${file} does not parse`);
      out.push([`${folder}/${file.replace('.process.json', '')}`, parsed.process]);
    }
  }
  return out;
}

/** Generated machines of about 50 states (compound, parallel, guards, delays, exceptions). */
export function generatedProcesses(count = 6): [string, ProcessFile][] {
  return Array.from({ length: count }, (_, i) => {
    const seed = i + 1;
    const process = generateProcess({ states: 50, seed }) as unknown as ProcessFile;
    return [`generated-50-seed${seed}`, process];
  });
}

export function allProcesses(): [string, ProcessFile][] {
  return [
    ...exampleProcesses(),
    ...generatedProcesses(),
    ['features', featuresProcess()],
    ['bare', bareProcess()],
    ['tricky', trickyProcess()],
  ];
}
