// The JSON Schema of the process file (schema/process.schema.json, DESIGN.md section 1).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'schema/process.schema.json'), 'utf8'));

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

function errorsOf(data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message}`);
}

/** A small process file that uses most of the format. */
function minimal(): Record<string, unknown> {
  return {
    $schema: '../../schema/process.schema.json',
    plumb: 1,
    id: 'call-routing',
    title: 'Inbound call routing',
    stage: 'to-be',
    description: 'How a customer call reaches the right person.',
    roles: {
      receptionist: { title: 'Receptionist', costPerHour: 28 },
      agent: { title: 'Service agent', costPerHour: 40, description: 'Answers customer calls' },
    },
    events: {
      CALL_IN: { description: 'A customer call arrives' },
      ANSWERED: { description: 'The callee picks up' },
      VOICEMAIL_FULL: {
        description: "The callee's mailbox cannot take a message",
        exception: true,
        when: { states: ['voicemail'] },
        probability: 0.05,
      },
      OWNER_GONE: {
        description: 'The callee has left or is away',
        exception: true,
        when: { roles: ['agent'] },
      },
    },
    conditions: {
      inBusinessHours: { question: 'Is it within business hours?', probability: 0.8 },
    },
    actions: { notifyCustomer: { description: 'Text the customer that a callback is booked' } },
    services: {
      createTicket: { description: 'Create the ticket in the CRM', failureProbability: 0.02 },
    },
    delays: {
      ringTimeout: { ms: 30000 },
      sla: { duration: 'PT2H' },
      twoWeeks: 'PT2W',
      short: 5000,
    },
    machine: {
      id: 'callRouting',
      initial: 'idle',
      context: { attempts: 0 },
      states: {
        idle: { on: { CALL_IN: 'ringing' } },
        ringing: {
          meta: {
            role: 'receptionist',
            duration: { min: 0.1, mode: 0.3, max: 1 },
            valueAdded: false,
            scxmlId: 'ringing',
          },
          on: {
            ANSWERED: [
              {
                target: 'triage',
                guard: 'inBusinessHours',
                meta: { probability: 0.9 },
              },
              { target: 'afterHours', actions: ['notifyCustomer'] },
            ],
          },
          after: { '30000': 'voicemail', ringTimeout: { target: 'voicemail', reenter: false } },
        },
        voicemail: {
          meta: { role: 'receptionist', waits: true, notes: 'Often full on Mondays' },
          on: { VOICEMAIL_FULL: 'callbackQueued' },
          after: { sla: 'callbackQueued' },
        },
        triage: {
          initial: { target: 'ticket' },
          entry: { type: 'notifyCustomer', params: { template: 'triage' } },
          exit: ['notifyCustomer'],
          tags: ['customer-facing'],
          on: { OWNER_GONE: '#callRouting.callbackQueued' },
          onDone: 'done',
          states: {
            ticket: {
              meta: { role: 'agent', duration: 5 },
              invoke: {
                src: 'createTicket',
                id: 'ticket',
                input: { priority: 'high' },
                onDone: 'talk',
                onError: [{ target: 'talk', description: 'Carry on by hand' }],
              },
            },
            talk: {
              type: 'parallel',
              onDone: 'closed',
              states: {
                voice: {
                  initial: 'on',
                  states: { on: { always: 'off' }, off: { type: 'final' } },
                },
                notes: {
                  initial: 'open',
                  states: {
                    open: { always: { target: 'filed', guard: { type: 'inBusinessHours' } } },
                    filed: { type: 'final' },
                    hist: { type: 'history', history: 'deep', target: 'open' },
                  },
                },
              },
            },
            closed: { type: 'final' },
          },
        },
        afterHours: { meta: { role: 'agent' }, always: 'callbackQueued' },
        callbackQueued: { description: 'A callback is booked', on: { '*': 'done' } },
        done: { type: 'final', output: { outcome: 'handled' } },
      },
    },
    scenarios: [
      {
        id: 'voicemail-full',
        title: "The callee's mailbox is full",
        description: 'Nobody answers and the mailbox is full.',
        steps: [
          { event: 'CALL_IN' },
          { wait: 30000 },
          { assume: { inBusinessHours: false } },
          { event: 'VOICEMAIL_FULL', data: { caller: '+441234' } },
        ],
        assume: { inBusinessHours: true },
        expect: { state: 'callbackQueued', notIn: ['triage'], handled: true, done: false },
      },
    ],
    waivers: [{ rule: 'no-owner', state: 'idle', reason: 'Nobody owns an idle line' }],
    layout: { ringing: { x: 240, y: 80 }, triage: { x: 400, y: 80, w: 300, h: 200 } },
    approval: null,
    'x-workshop': { date: '2025-03-14' },
  };
}

describe('process.schema.json', () => {
  it('compiles as a draft 2020-12 schema with the Plumb $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://plumb.dev/schema/process.schema.json');
    expect(typeof validate).toBe('function');
  });

  it('accepts a small valid process file', () => {
    expect(errorsOf(minimal())).toEqual([]);
  });

  it('accepts the bare minimum and an approval record', () => {
    expect(errorsOf({ plumb: 1, id: 'p', machine: {} })).toEqual([]);
    const approved = {
      ...minimal(),
      approval: { by: 'Ann', at: '2025-03-14T09:30:00Z', hash: 'ab'.repeat(32), report: {} },
    };
    expect(errorsOf(approved)).toEqual([]);
  });

  it('rejects plumb: 2', () => {
    expect(errorsOf({ ...minimal(), plumb: 2 })).not.toEqual([]);
  });

  it('rejects roles given as an array', () => {
    const file = { ...minimal(), roles: [{ title: 'Receptionist', costPerHour: 28 }] };
    expect(errorsOf(file).some((e) => e.startsWith('/roles '))).toBe(true);
  });

  it('rejects a scenario step of unknown shape', () => {
    const file = minimal();
    const [scenario] = file.scenarios as Array<Record<string, unknown>>;
    for (const step of [{ sleep: 100 }, { event: 'CALL_IN', wait: 5 }, { wait: '5s' }, {}]) {
      const broken = { ...file, scenarios: [{ ...scenario, steps: [step] }] };
      expect(errorsOf(broken), JSON.stringify(step)).not.toEqual([]);
    }
  });

  it('rejects unknown keys at the top level, except x- extensions', () => {
    expect(errorsOf({ ...minimal(), colour: 'blue' })).not.toEqual([]);
    expect(errorsOf({ ...minimal(), 'x-colour': 'blue' })).toEqual([]);
  });

  it('rejects unknown keys on a state and on a transition, but not in meta', () => {
    const withState = (state: Record<string, unknown>) => ({
      ...minimal(),
      machine: { initial: 'a', states: { a: state } },
    });
    expect(errorsOf(withState({ colour: 'blue' }))).not.toEqual([]);
    expect(errorsOf(withState({ context: {} }))).not.toEqual([]);
    expect(errorsOf(withState({ on: { GO: { target: 'a', cond: 'x' } } }))).not.toEqual([]);
    expect(errorsOf(withState({ meta: { colour: 'blue' } }))).toEqual([]);
  });

  it('rejects out-of-range values and unknown enum values', () => {
    const bad = [
      { stage: 'maybe' },
      { conditions: { c: { question: 'Q?', probability: 1.5 } } },
      { services: { s: { description: 'S', failureProbability: -0.1 } } },
      { delays: { d: 'two hours' } },
      { delays: { d: { ms: 1, duration: 'PT1S' } } },
      { waivers: [{ rule: 'no-such-rule', reason: 'because' }] },
      { layout: { a: { x: 1 } } },
      { approval: { by: 'Ann' } },
      { machine: { type: 'sometimes' } },
    ];
    for (const patch of bad) {
      expect(errorsOf({ ...minimal(), ...patch }), JSON.stringify(patch)).not.toEqual([]);
    }
  });

  it('accepts every examples/**/*.process.json file', () => {
    const dir = join(root, 'examples');
    const files = existsSync(dir)
      ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
          f.endsWith('.process.json'),
        )
      : [];
    const failures: string[] = [];
    for (const file of files) {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch (error) {
        failures.push(`${file}: ${(error as Error).message}`);
        continue;
      }
      for (const error of errorsOf(data)) failures.push(`${file}: ${error}`);
    }
    expect(failures).toEqual([]);
  });
});
