// process → SCXML → process gives back the same process (DESIGN.md section 5, issue 5 part 3):
// every state, transition, guard, delay and role, and the catalogues, scenarios and waivers the
// export keeps in <plumb:process>.
//
// The one normalisation: `$schema` and `approval` are left out by the export on purpose (see
// `exported`). Everything else is deep-equal. `toEqual` does not compare the ORDER of an object's
// keys, and that order is not kept for the fields of a state or transition config (SCXML writes
// them as elements and attributes in its own order): `{ "initial", "description" }` may come back
// as `{ "description", "initial" }`. XState reads a config by key, so the machine is the same; the
// order of child states, of the transitions of one event, and of the file's own fields is kept.

import { describe, expect, it } from 'vitest';
import { checkProcess } from '../../src/core/check';
import { exportScxml } from '../../src/core/export';
import { importScxml } from '../../src/core/import';
import { buildStateTree } from '../../src/core/model/tree';
import type { ProcessFile } from '../../src/core/model/types';
import { runScenario } from '../../src/core/simulation/scenario';
import { exampleProcesses } from '../export/fixtures';
import { exported, roundTripProcesses } from './processes';

const roundTrip = (process: ProcessFile) => importScxml(exportScxml(process));

describe.each(roundTripProcesses())('%s: process → SCXML → process', (_name, process) => {
  const { process: back, warnings } = roundTrip(process);

  it('is deep-equal to the original, with no warning', () => {
    expect(warnings).toEqual([]);
    expect(back).toEqual(exported(process));
  });

  it('has the same states in the same order, each with its role', () => {
    const before = buildStateTree(process.machine).nodes;
    const after = buildStateTree(back.machine).nodes;
    expect(after.map((n) => [n.path, n.kind, n.id, n.config.meta?.role])).toEqual(
      before.map((n) => [n.path, n.kind, n.id, n.config.meta?.role]),
    );
  });

  it('has the same transitions: events, delays, guards, targets, actions, re-entering', () => {
    const transitions = (p: ProcessFile) =>
      buildStateTree(p.machine).nodes.flatMap((n) =>
        n.transitions.map((t) => ({
          source: n.path,
          kind: t.kind,
          event: t.event,
          guard: t.guard,
          targets: t.targets.map((target) => target.path),
          actions: t.actions,
          reenter: t.reenter,
        })),
      );
    const sorted = (p: ProcessFile) =>
      transitions(p).sort((a, b) =>
        JSON.stringify([a.source, a.kind, a.event]).localeCompare(
          JSON.stringify([b.source, b.kind, b.event]),
        ),
      );
    expect(sorted(back)).toEqual(sorted(process));
  });

  it('checks the same: the same cracks and scenario results', () => {
    const before = checkProcess(exported(process));
    const after = checkProcess(back);
    expect(after.cracks).toEqual(before.cracks);
    expect(after.waived).toEqual(before.waived);
    expect(after.scenarios).toEqual(before.scenarios);
    expect(after.ok).toBe(before.ok);
  });
});

describe.each(exampleProcesses())('%s: scenarios on the re-imported machine', (_name, process) => {
  const { process: back } = roundTrip(process);
  it.each(process.scenarios ?? [])('$id ends in the same state', (scenario) => {
    const before = runScenario(process, scenario);
    const after = runScenario(back, scenario);
    expect(after.state).toBe(before.state);
    expect(after.passed).toBe(before.passed);
    expect(after.failures).toEqual(before.failures);
  });
});

describe('what the export writes about the file, and what the SCXML says', () => {
  const [, example] = exampleProcesses()[1];

  it("a hand edit of the SCXML wins over the file's spelling kept in <plumb:meta>", () => {
    const process = structuredClone(example);
    // A target written by its id: the SCXML keeps that spelling in the state's `as`.
    process.machine = {
      id: 'm',
      initial: 'a',
      states: {
        a: { on: { GO: { target: '#m.b' } } },
        b: { on: { BACK: 'a' } },
        c: { type: 'final' },
      },
    };
    const text = exportScxml(process);
    expect(roundTrip(process).process.machine).toEqual(process.machine);
    const edited = text.replace('event="GO" target="b"', 'event="GO" target="c"');
    expect(edited).not.toBe(text);
    expect(importScxml(edited).process.machine.states?.a).toEqual({ on: { GO: 'c' } });
  });

  it('content the export does not write becomes a named action, with a warning', () => {
    const text = exportScxml(example).replace(
      /<onentry>/,
      '<onentry>\n<log label="hello" expr="1"/>',
    );
    const { process, warnings } = importScxml(text);
    expect(warnings.join('\n')).toMatch(/not carried over: <log> output/);
    expect(process.actions).toHaveProperty('log_hello');
  });

  it('a cond that is no guard call becomes a named condition with the expression as question', () => {
    const process = structuredClone(example);
    process.machine = {
      id: 'm',
      initial: 'a',
      states: { a: { on: { GO: { target: 'b', guard: 'ok' } } }, b: {} },
    };
    const text = exportScxml(process).replace('cond="ok()"', 'cond="x &gt; 5"');
    const back = importScxml(text).process;
    expect(back.machine.states?.a).toEqual({ on: { GO: { target: 'b', guard: 'x_gt_5' } } });
    expect(back.conditions?.x_gt_5).toEqual({ question: 'x > 5', probability: 0.5 });
  });
});
