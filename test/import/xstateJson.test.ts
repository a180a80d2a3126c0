// XState JSON → process file: the machine kept as it is, the catalogues inferred from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import { ImportError, importText } from '../../src/core/import';
import { importXStateJson, PLACEHOLDER_DELAY } from '../../src/core/import/xstateJson';
import { parseProcess } from '../../src/core/model/parse';
import { formatProcess } from '../../src/core/model/serialize';
import type { MachineConfig } from '../../src/core/model/types';
import { rulesOf } from '../helpers';

const examples = resolve(import.meta.dirname, '../../examples');
const exampleFiles = readdirSync(examples).flatMap((folder) =>
  readdirSync(join(examples, folder))
    .filter((name) => name.endsWith('.process.json'))
    .map((name) => join(examples, folder, name)),
);

describe('importXStateJson on every example machine', () => {
  it('finds the examples', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of exampleFiles) {
    const name = file.slice(examples.length + 1);
    it(`${name}: the same machine, and a process the analyser and XState accept`, () => {
      const original = JSON.parse(readFileSync(file, 'utf8'));
      const machine = structuredClone(original.machine);
      const { process, warnings } = importXStateJson(machine);
      expect(process.machine).toEqual(original.machine);
      expect(process.plumb).toBe(1);
      expect(process.stage).toBe('as-is');
      expect(process.id).toBe(original.id); // callRouting → call-routing
      const analysis = analyse(process, { xstate: true });
      expect(rulesOf(analysis, 'invalid-machine')).toEqual([]);
      // Every guard, action and service the example declares is found again.
      for (const key of ['conditions', 'actions', 'services'] as const)
        expect(Object.keys(process[key] ?? {}).sort()).toEqual(
          Object.keys(original[key] ?? {}).sort(),
        );
      // Every event the machine handles is catalogued (the examples declare exactly those, plus
      // exceptions that are handled somewhere).
      for (const event of Object.keys(process.events ?? {}))
        expect(Object.keys(original.events)).toContain(event);
      // A named delay gets a placeholder, and says so.
      for (const delay of Object.keys(process.delays ?? {})) {
        expect(process.delays?.[delay]).toEqual(PLACEHOLDER_DELAY);
        expect(warnings.some((w) => w.includes(`"${delay}"`))).toBe(true);
      }
      // The file written reads back as the same process.
      expect(parseProcess(formatProcess(process)).process).toEqual(process);
    });
  }
});

describe('importXStateJson', () => {
  const machine: MachineConfig = {
    id: 'leadRouting',
    initial: 'new',
    states: {
      new: {
        entry: ['logArrival', { type: 'notify', params: { who: 'sales' } }],
        on: {
          ASSIGN: [{ target: 'assigned', guard: 'hasOwner', actions: 'tellOwner' }, 'queue'],
          'lead.*': 'queue',
          '*': 'new',
          'xstate.done.actor.crm': 'queue',
        },
        after: { 5000: 'queue', replyWindow: 'lost' },
      },
      queue: {
        meta: { role: 'salesLead' },
        invoke: { src: 'createTicket', onDone: 'assigned', onError: 'lost' },
        exit: 'closeQueue',
        always: { target: 'assigned', guard: { type: 'isQuiet', params: {} } },
      },
      assigned: { type: 'final' },
      lost: { type: 'final' },
    },
  };

  it('infers events, conditions, actions, services, roles and delays from what the machine uses', () => {
    const { process, warnings } = importXStateJson(machine);
    expect(process).toMatchObject({
      plumb: 1,
      id: 'lead-routing',
      title: 'Lead routing',
      stage: 'as-is',
      events: { ASSIGN: {} },
      conditions: {
        hasOwner: { question: 'hasOwner?', probability: 0.5 },
        isQuiet: { question: 'isQuiet?', probability: 0.5 },
      },
      actions: { logArrival: {}, notify: {}, tellOwner: {}, closeQueue: {} },
      services: { createTicket: {} },
      roles: { salesLead: { title: 'Sales lead' } },
      delays: { replyWindow: PLACEHOLDER_DELAY },
    });
    // Wildcards and XState's own events are no catalogue entries.
    expect(Object.keys(process.events ?? {})).toEqual(['ASSIGN']);
    expect(process.machine).toBe(machine);
    expect(warnings).toEqual([expect.stringContaining('"replyWindow"')]);
    expect(rulesOf(analyse(process, { xstate: true }), 'invalid-machine')).toEqual([]);
  });

  it('reads JSON text, { "machine" } around a config, and keeps the catalogues given beside it', () => {
    const wrapped = {
      id: 'routing',
      title: 'Routing',
      events: { ASSIGN: { description: 'A lead is assigned' } },
      machine,
    };
    const { process } = importXStateJson(JSON.stringify(wrapped, null, 2));
    expect(process.id).toBe('routing');
    expect(process.title).toBe('Routing');
    expect(process.events?.ASSIGN).toEqual({ description: 'A lead is assigned' });
    expect(process.machine).toEqual(machine);
  });

  it('turns XState v4 "cond" into "guard", with a warning', () => {
    const v4 = {
      id: 'old',
      initial: 'a',
      states: {
        a: {
          on: {
            GO: [
              { target: 'b', cond: 'ready' },
              { target: 'a', internal: false },
            ],
          },
        },
        b: { type: 'final' },
      },
    };
    const { process, warnings } = importXStateJson(v4);
    expect(process.machine.states?.a.on?.GO).toEqual([
      { target: 'b', guard: 'ready' },
      { target: 'a', reenter: true },
    ]);
    expect(process.conditions).toEqual({ ready: { question: 'ready?', probability: 0.5 } });
    expect(warnings).toContainEqual(
      expect.stringMatching(/machine\.states\.a\.on\.GO\[0\]: "cond" is XState v4/),
    );
    expect(v4.states.a.on.GO[0]).toHaveProperty('cond'); // the input is not changed
  });

  it('takes the process id from the file name when the machine has no id', () => {
    const { process } = importText(
      JSON.stringify({ initial: 'a', states: { a: {} } }),
      'dir/Order Intake.json',
    );
    expect(process.id).toBe('order-intake');
  });

  it('refuses what is not a machine, with the line', () => {
    const notMachine = () => importXStateJson('\n\n  {"name": "x"}');
    expect(notMachine).toThrow(ImportError);
    expect(notMachine).toThrow(/not an XState machine/);
    try {
      notMachine();
    } catch (error) {
      expect((error as ImportError).line).toBe(3);
    }
    try {
      importXStateJson('{\n  "states": {\n    "a": }\n}');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).line).toBe(3);
    }
    expect(() => importXStateJson({ states: { a: { on: { GO: 7 } } } })).toThrow(
      /machine\.states\.a\.on\.GO/,
    );
  });
});
