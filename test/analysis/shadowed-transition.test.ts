// shadowed-transition: a transition can never be taken: an earlier one for the same event has no guard.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig) =>
  analyse(
    proc({
      machine,
      events: ['ANSWERED', 'GO'],
      conditions: ['inBusinessHours'],
      services: { sms: { description: 'Send the SMS', failureProbability: 0.1 } },
    }),
  );

describe('shadowed-transition', () => {
  it('fires for a transition after an unguarded one for the same event', () => {
    const a = analysed({
      initial: 'ringing',
      states: {
        ringing: {
          on: {
            ANSWERED: [{ target: 'afterHours' }, { target: 'triage', guard: 'inBusinessHours' }],
          },
        },
        triage: { type: 'final' },
        afterHours: { type: 'final' },
      },
    });
    const cracks = rulesOf(a, 'shadowed-transition');
    expect(cracks.map(brief)).toEqual([
      { rule: 'shadowed-transition', severity: 'warning', state: 'ringing', event: 'ANSWERED' },
    ]);
    expect(cracks[0].path).toBe('machine.states.ringing.on.ANSWERED[1]');
    expect(cracks[0].message).toContain('machine.states.ringing.on.ANSWERED[1]');
  });

  it('fires for every transition after the unguarded one, also in "always" and "after"', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: {
          always: [{ target: 'b' }, { target: 'c' }, { target: 'c', guard: 'inBusinessHours' }],
          after: { 1000: ['b', 'c'] },
        },
        b: { type: 'final' },
        c: { type: 'final' },
      },
    });
    expect(
      rulesOf(a, 'shadowed-transition')
        .map((c) => c.path)
        .sort(),
    ).toEqual([
      'machine.states.a.after["1000"][1]',
      'machine.states.a.always[1]',
      'machine.states.a.always[2]',
    ]);
  });

  it('stays silent when guarded transitions come first and the unguarded one last', () => {
    const a = analysed({
      initial: 'ringing',
      states: {
        ringing: {
          on: {
            ANSWERED: [{ target: 'triage', guard: 'inBusinessHours' }, { target: 'afterHours' }],
          },
        },
        triage: { type: 'final' },
        afterHours: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'shadowed-transition')).toEqual([]);
  });

  it('stays silent for the same event in a child and its parent (the child comes first)', () => {
    const a = analysed({
      initial: 'call',
      states: {
        call: {
          initial: 'ringing',
          states: { ringing: { on: { GO: '#test.b' } } },
          on: { GO: 'c' },
        },
        b: { type: 'final' },
        c: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'shadowed-transition')).toEqual([]);
  });

  it('stays silent for two invocations of one service, each with its own onDone', () => {
    const a = analysed({
      initial: 'sending',
      states: {
        sending: {
          type: 'parallel',
          states: {
            one: { initial: 'x', states: { x: {} } },
            two: { initial: 'y', states: { y: {} } },
          },
          invoke: [
            { id: 'first', src: 'sms', onDone: 'b', onError: 'b' },
            { id: 'second', src: 'sms', onDone: 'c', onError: 'c' },
          ],
        },
        b: { type: 'final' },
        c: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'shadowed-transition')).toEqual([]);
  });
});
