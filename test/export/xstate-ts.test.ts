// The TypeScript export: every module (examples, generated machines, the tricky one) compiles
// under `tsc --strict` in one spawn, and, loaded, runs every scenario through the same states as
// the original machine, step by step, ending where the scenario runner ends.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { exportXStateTs } from '../../src/core/export';
import type { ProcessFile } from '../../src/core/model/types';
import { createProcessMachine } from '../../src/core/simulation/machine';
import { runScenario } from '../../src/core/simulation/scenario';
import { drive } from './drive';
import { allProcesses } from './fixtures';

const root = resolve(import.meta.dirname, '../..');
const cases: [string, ProcessFile][] = allProcesses();
let dir = '';
let tsc: { code: number; output: string } = { code: -1, output: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-export-ts-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [i, [, process]] of cases.entries())
    writeFileSync(join(dir, `m${i}.ts`), exportXStateTs(process));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        types: [],
        noUnusedLocals: true,
      },
      include: ['*.ts'],
    }),
  );
  // One tsc for every module: a spawn costs seconds.
  tsc = await new Promise((done) =>
    execFile(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--noEmit', '--strict'],
      { timeout: 120_000 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          output: stdout + stderr,
        }),
    ),
  );
}, 150_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('every exported module compiles under tsc --strict', () => {
  expect(tsc.output).toBe('');
  expect(tsc.code).toBe(0);
});

describe.each(cases.map(([name, process], i) => [name, process, i] as const))(
  '%s',
  (_name, process, i) => {
    it('runs every scenario through the same states as the original machine', async () => {
      const module = (await import(pathToFileURL(join(dir, `m${i}.ts`)).href)) as {
        machine: AnyStateMachine;
      };
      const original = createProcessMachine(process);
      const scenarios = process.scenarios ?? [];
      expect(scenarios.length).toBeGreaterThan(0);
      for (const scenario of scenarios) {
        const exported = drive(module.machine, process, scenario);
        expect(exported, scenario.id).toEqual(drive(original, process, scenario));
        const last = exported[exported.length - 1];
        const ended = runScenario(process, scenario);
        expect(last.leaves, scenario.id).toEqual(ended.states ?? [ended.state]);
      }
    });
  },
);
