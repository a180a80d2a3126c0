// The semantics the analyser follows (DESIGN.md sections 1-3), each pinned on a small machine.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { runScenario } from '../../src/core/simulation/scenario';
import { brief, proc, rulesOf, statesOf } from '../helpers';

describe('an ancestor handles an event for all its descendants', () => {
  const process = proc({
    events: ['GO'],
    exceptions: { OWNER_GONE: true },
    conditions: ['ok'],
    roles: ['agent'],
    machine: {
      initial: 'case',
      states: {
        case: {
          meta: { role: 'agent' },
          on: { OWNER_GONE: 'reassigned', GO: 'reassigned' },
          initial: 'a',
          states: {
            a: { on: { GO: { target: 'b', guard: 'ok' } } },
            b: { initial: 'deep', states: { deep: {} } },
          },
        },
        reassigned: { type: 'final' },
      },
    },
  });

  it('so an exception handled around them is not unhandled, and a guarded child has a fallback', () => {
    const a = analyse(process);
    expect(rulesOf(a, 'unhandled-exception')).toEqual([]);
    expect(rulesOf(a, 'guard-gap')).toEqual([]);
    expect(rulesOf(a, 'dead-end')).toEqual([]);
  });

  it('as XState does: the guard says no, the ancestor takes the event', () => {
    const result = runScenario(process, {
      id: 'fallback',
      assume: { ok: false },
      steps: [{ event: 'GO' }],
      expect: { state: 'reassigned', handled: true },
    });
    expect(result.passed).toBe(true);
  });
});

describe('in a parallel state an event is handled when any active region or an ancestor handles it', () => {
  const machine = (regionOn: MachineConfig['on'], parallelOn?: MachineConfig['on']) =>
    proc({
      events: ['GO'],
      exceptions: { CANCELLED: true },
      machine: {
        initial: 'handling',
        states: {
          handling: {
            type: 'parallel',
            on: parallelOn,
            states: {
              crm: { initial: 'updating', states: { updating: { on: { GO: '#test.done' } } } },
              notify: { initial: 'sending', on: regionOn, states: { sending: {} } },
            },
          },
          done: { type: 'final' },
        },
      },
    });

  it('another region handling it covers every leaf', () => {
    const process = machine({ CANCELLED: '#test.done' });
    expect(rulesOf(analyse(process), 'unhandled-exception')).toEqual([]);
    const result = runScenario(process, {
      id: 'cancel',
      steps: [{ event: 'CANCELLED' }],
      expect: { state: 'done', handled: true },
    });
    expect(result.passed).toBe(true);
  });

  it('the parallel state itself handling it covers every leaf', () => {
    expect(
      rulesOf(analyse(machine(undefined, { CANCELLED: 'done' })), 'unhandled-exception'),
    ).toEqual([]);
  });

  it('nobody handling it leaves every leaf open', () => {
    expect(statesOf(analyse(machine(undefined)), 'unhandled-exception')).toEqual([
      'handling.crm.updating',
      'handling.notify.sending',
    ]);
  });
});

describe('targets', () => {
  it('may be written as a sibling key, ".child" or "#id": all resolve and are reached', () => {
    const a = analyse(
      proc({
        events: ['GO'],
        machine: {
          initial: 'a',
          states: {
            a: { on: { GO: 'b' } },
            b: {
              on: { GO: '.inner' },
              initial: 'start',
              states: { start: {}, inner: { on: { GO: '#end' } } },
            },
            c: { id: 'end', type: 'final' },
          },
        },
      }),
    );
    expect(rulesOf(a, 'invalid-machine')).toEqual([]);
    expect(rulesOf(a, 'unreachable-state')).toEqual([]);
    expect(rulesOf(a, 'never-done')).toEqual([]);
  });

  it('that do not exist are invalid-machine, with the JSON path in the message', () => {
    const a = analyse(
      proc({
        events: ['DONE'],
        machine: {
          initial: 'triage',
          states: { triage: { on: { DONE: 'trige' } }, closed: { type: 'final' } },
        },
      }),
    );
    const [c] = rulesOf(a, 'invalid-machine');
    expect(brief(c)).toEqual({
      rule: 'invalid-machine',
      severity: 'error',
      state: 'triage',
      event: 'DONE',
    });
    expect(c.message).toMatch(/^machine\.states\.triage\.on\.DONE: target "trige" does not exist/);
  });
});

describe('history pseudo-states are not steps', () => {
  it('have no owner, are never a dead end, and are never unreachable', () => {
    const a = analyse(
      proc({
        events: ['GO', 'PAUSE', 'RESUME'],
        roles: ['agent'],
        machine: {
          initial: 'work',
          states: {
            work: {
              meta: { role: 'agent' },
              initial: 'a',
              on: { PAUSE: 'paused' },
              states: {
                a: { on: { GO: 'b' } },
                b: { on: { GO: '#test.done' } },
                shallow: { type: 'history' },
                deep: { type: 'history', history: 'deep' },
                unused: { type: 'history' },
              },
            },
            paused: { meta: { role: 'agent' }, on: { RESUME: 'work.shallow', GO: 'work.deep' } },
            done: { type: 'final' },
          },
        },
      }),
    );
    expect(a.cracks).toEqual([]);
  });
});

describe('ways out', () => {
  const analysed = (machine: MachineConfig) =>
    analyse(proc({ machine, events: ['GO'], conditions: ['ok'] }));

  it("a compound state's onDone is a way out", () => {
    const a = analysed({
      initial: 'review',
      states: {
        review: {
          initial: 'reading',
          states: { reading: { on: { GO: 'signed' } }, signed: { type: 'final' } },
          onDone: 'filed',
        },
        filed: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'dead-end')).toEqual([]);
    expect(rulesOf(a, 'no-way-out')).toEqual([]);
    expect(rulesOf(a, 'never-done')).toEqual([]);
  });

  it('"after" and "always" count as ways out', () => {
    const a = analysed({
      initial: 'waiting',
      states: {
        waiting: { after: { 30000: 'deciding' } },
        deciding: { always: [{ target: 'done', guard: 'ok' }, { target: 'waiting' }] },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'dead-end')).toEqual([]);
    expect(rulesOf(a, 'no-way-out')).toEqual([]);
    expect(rulesOf(a, 'always-loop')).toEqual([]);
  });
});

describe('guards may answer either way', () => {
  it('a guarded transition still makes its target reachable, and so does the fallback', () => {
    const a = analyse(
      proc({
        events: ['ANSWERED'],
        conditions: ['inBusinessHours'],
        machine: {
          initial: 'ringing',
          states: {
            ringing: {
              on: {
                ANSWERED: [
                  { target: 'triage', guard: 'inBusinessHours' },
                  { target: 'afterHours' },
                ],
              },
            },
            triage: { type: 'final' },
            afterHours: { type: 'final' },
          },
        },
      }),
    );
    expect(rulesOf(a, 'unreachable-state')).toEqual([]);
  });
});

describe('waivers', () => {
  const machine: MachineConfig = {
    initial: 'idle',
    states: {
      idle: { on: { CALL_IN: 'ringing' } },
      ringing: { meta: { role: 'receptionist' }, on: { ANSWERED: 'done' } },
      stuck: {},
      done: { type: 'final' },
    },
  };
  const catalogue = { events: ['CALL_IN', 'ANSWERED'], roles: ['receptionist'] };

  it('silence a warning and say so: it moves to "waived" with the reason', () => {
    const a = analyse(
      proc({
        ...catalogue,
        machine,
        waivers: [{ rule: 'no-owner', state: 'idle', reason: 'Nobody owns an idle line' }],
      }),
    );
    expect(rulesOf(a, 'no-owner')).toEqual([]);
    expect(a.waived).toEqual([
      expect.objectContaining({
        rule: 'no-owner',
        severity: 'warning',
        state: 'idle',
        reason: 'Nobody owns an idle line',
      }),
    ]);
    expect(a.notes).toEqual([]);
  });

  it('only silence the crack they name (rule, state, event)', () => {
    const a = analyse(
      proc({
        ...catalogue,
        machine,
        waivers: [{ rule: 'unreachable-state', state: 'elsewhere', reason: 'Wrong state' }],
      }),
    );
    expect(statesOf(a, 'unreachable-state')).toEqual(['stuck']);
    expect(a.waived).toEqual([]);
    expect(a.notes.join('\n')).toContain('matches no crack');
  });

  it('cannot waive an error: it stays in the cracks and a note says so', () => {
    const a = analyse(
      proc({
        ...catalogue,
        machine: {
          ...machine,
          states: {
            ...machine.states,
            ringing: { meta: { role: 'receptionist' }, on: { ANSWERED: 'dnoe' } },
          },
        },
        waivers: [{ rule: 'invalid-machine', reason: 'We know' }],
      }),
    );
    expect(rulesOf(a, 'invalid-machine')).toHaveLength(1);
    expect(a.waived).toEqual([]);
    expect(a.notes).toEqual([expect.stringMatching(/waivers\[0\].*errors cannot be waived/)]);
  });
});

describe('what the machine names must be declared', () => {
  it('an undeclared guard or action is invalid-machine', () => {
    const a = analyse(
      proc({
        events: ['GO'],
        machine: {
          initial: 'a',
          states: {
            a: { on: { GO: { target: 'b', guard: 'isUrgent', actions: 'notifyCustomer' } } },
            b: { type: 'final' },
          },
        },
      }),
    );
    expect(rulesOf(a, 'invalid-machine').map((c) => c.message)).toEqual([
      'machine.states.a.on.GO.guard: the guard "isUrgent" is not declared in "conditions"',
      'machine.states.a.on.GO.actions: the action "notifyCustomer" is not declared in "actions"',
    ]);
  });

  it('a missing "initial" is invalid-machine', () => {
    const a = analyse(proc({ machine: { states: { a: {}, b: { type: 'final' } } } }));
    expect(rulesOf(a, 'invalid-machine').map(brief)).toEqual([
      { rule: 'invalid-machine', severity: 'error' },
    ]);
    expect(rulesOf(a, 'invalid-machine')[0].path).toBe('machine.initial');
  });
});
