// The generated machine.test.ts: its expectations are what the check found, it imports only vitest,
// xstate and ./machine, and it fails, scenario by scenario, when the machine changes behaviour.
// One vitest spawn runs the generated files of an intact, a tricky and two tampered machines.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProcess } from '../../src/core/export';
import { exportMachineTest, recordScenario } from '../../src/core/export/machineTest';
import type { ProcessFile, Scenario, TransitionConfig } from '../../src/core/model/types';
import { runScenario } from '../../src/core/simulation/scenario';
import { allProcesses, exampleProcesses } from '../export/fixtures';
import { trickyProcess } from '../export/tricky';

const root = resolve(import.meta.dirname, '../..');
const examples = Object.fromEntries(exampleProcesses());

describe('the recorded expectations', () => {
  it.each(allProcesses())('are what the check found: %s', (_name, process) => {
    for (const scenario of process.scenarios ?? []) {
      const recorded = recordScenario(process, scenario);
      const checked = runScenario(process, scenario);
      const last = recorded.steps.at(-1)?.state ?? recorded.start;
      expect(last, scenario.id).toEqual(checked.states ?? [checked.state]);
      const dropped = recorded.steps.flatMap((step, i) => (step.handled === false ? [i] : []));
      expect(dropped, scenario.id).toEqual(checked.dropped.map((d) => d.step));
    }
  });

  it('import only vitest, xstate and ./machine', () => {
    for (const [name, process] of allProcesses()) {
      const text = exportMachineTest(process);
      const sources = [...text.matchAll(/^import[^;]*?from '([^']+)';$/gms)].map((m) => m[1]);
      expect(sources, name).toEqual(['vitest', 'xstate', './machine']);
      expect(text.match(/\brequire\(|\bimport\(/), name).toBeNull();
    }
  });
});

/** A copy of a process with one change to its machine or its delays. */
function tampered(process: ProcessFile, change: (copy: ProcessFile) => void): ProcessFile {
  const copy = structuredClone(process);
  change(copy);
  return copy;
}

const callRouting = examples['call-routing/to-be'];
const leadAssignment = examples['lead-assignment/to-be'];
const retarget = (copy: ProcessFile) => {
  const on = copy.machine.states?.conversation.on as Record<string, TransitionConfig>;
  on.RESOLVED.target = 'callbackQueued';
};
const slowPickup = (copy: ProcessFile) => {
  copy.delays = { ...copy.delays, pickupSla: 'P30D' };
};

function trace(process: ProcessFile, scenario: Scenario): string {
  const { start, steps, status } = recordScenario(process, scenario);
  return JSON.stringify({ start, steps, status });
}

/** The ids of the scenarios that run differently on the changed machine. */
function changedScenarios(process: ProcessFile, changed: ProcessFile): string[] {
  return (process.scenarios ?? [])
    .filter((s) => trace(process, s) !== trace(changed, s))
    .map((s) => s.id);
}

interface VitestJson {
  testResults: {
    name: string;
    status: string;
    assertionResults: { title: string; status: string }[];
  }[];
}

describe('the generated test, run by vitest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plumb-machine-test-'));
  let results: VitestJson = { testResults: [] };
  let output = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const write = (folder: string, approved: ProcessFile, machineTs: string) => {
      mkdirSync(join(dir, folder));
      writeFileSync(join(dir, folder, 'machine.ts'), machineTs);
      writeFileSync(join(dir, folder, 'machine.test.ts'), exportMachineTest(approved));
    };
    const escalation = examples['support-escalation/to-be'];
    write('intact', escalation, exportProcess(escalation, 'xstate-ts'));
    write('tricky', trickyProcess(), exportProcess(trickyProcess(), 'xstate-ts'));
    // machine.ts edited by hand: one target changed.
    const ts = exportProcess(callRouting, 'xstate-ts');
    const edited = ts.replace(/(RESOLVED: \{\n\s+target: )"resolved"/, '$1"callbackQueued"');
    expect(edited).not.toBe(ts);
    write('retargeted', callRouting, edited);
    // The machine exported again from a changed process: a named delay made longer.
    write(
      'slow-pickup',
      leadAssignment,
      exportProcess(tampered(leadAssignment, slowPickup), 'xstate-ts'),
    );
    const out = join(dir, 'results.json');
    output = await new Promise<string>((done) =>
      execFile(
        process.execPath,
        [
          join(root, 'node_modules/vitest/vitest.mjs'),
          'run',
          '--root',
          dir,
          '--reporter=json',
          `--outputFile=${out}`,
        ],
        { cwd: dir, timeout: 120_000 },
        (_error, stdout, stderr) => done(stdout + stderr),
      ),
    );
    results = JSON.parse(readFileSync(out, 'utf8'));
  }, 150_000);

  const file = (folder: string) => {
    const found = results.testResults.find((r) => r.name.endsWith(`${folder}/machine.test.ts`));
    if (!found) throw new Error(`no results for ${folder}:\n${output}`);
    return found;
  };
  const failed = (folder: string) =>
    file(folder)
      .assertionResults.filter((a) => a.status === 'failed')
      .map((a) => a.title.split(':')[0]);

  it('passes on the approved machine (with services) and on names that try to break out', () => {
    for (const folder of ['intact', 'tricky']) {
      expect(file(folder).status, output).toBe('passed');
      expect(file(folder).assertionResults.length).toBeGreaterThan(1);
    }
  });

  it('fails the scenarios a changed target sends elsewhere, and only those', () => {
    const expected = changedScenarios(callRouting, tampered(callRouting, retarget));
    expect(expected).toContain('happy-path');
    expect(expected.length).toBeLessThan(callRouting.scenarios?.length ?? 0);
    expect(file('retargeted').status).toBe('failed');
    expect(failed('retargeted').sort()).toEqual(expected.sort());
  });

  it('fails the scenario a longer delay changes', () => {
    const expected = changedScenarios(leadAssignment, tampered(leadAssignment, slowPickup));
    expect(expected).toEqual(['never-picked-up']);
    expect(failed('slow-pickup')).toEqual(expected);
  });
});
