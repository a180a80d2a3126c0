// guard-gap: every transition for an event in a state is guarded; when all answers are "no", the
// event is dropped.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig) =>
  analyse(
    proc({
      machine,
      events: ['ANSWERED', 'GO', 'order.placed', 'order.cancelled'],
      conditions: { inBusinessHours: { question: 'Is it within business hours?' }, isVip: {} },
    }),
  );

describe('guard-gap', () => {
  it('fires when the only transition for an event is guarded, quoting the question', () => {
    const a = analysed({
      initial: 'ringing',
      states: {
        ringing: { on: { ANSWERED: [{ target: 'triage', guard: 'inBusinessHours' }] } },
        triage: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'guard-gap').map(brief)).toEqual([
      { rule: 'guard-gap', severity: 'error', state: 'ringing', event: 'ANSWERED' },
    ]);
    expect(rulesOf(a, 'guard-gap')[0].message).toContain('Is it within business hours?');
  });

  it('fires when every transition for the event is guarded', () => {
    const a = analysed({
      initial: 'ringing',
      states: {
        ringing: {
          on: {
            ANSWERED: [
              { target: 'vip', guard: 'isVip' },
              { target: 'triage', guard: 'inBusinessHours' },
            ],
          },
        },
        vip: { type: 'final' },
        triage: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'guard-gap').map(brief)).toEqual([
      { rule: 'guard-gap', severity: 'error', state: 'ringing', event: 'ANSWERED' },
    ]);
  });

  it('fires in a nested state when nothing around it handles the event', () => {
    const a = analysed({
      initial: 'call',
      states: {
        call: {
          initial: 'ringing',
          states: { ringing: { on: { GO: { target: '#test.done', guard: 'isVip' } } } },
          on: { ANSWERED: 'done' },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'guard-gap').map(brief)).toEqual([
      { rule: 'guard-gap', severity: 'error', state: 'call.ringing', event: 'GO' },
    ]);
  });

  it('stays silent with an unguarded fallback', () => {
    const a = analysed({
      initial: 'ringing',
      states: {
        ringing: {
          on: { ANSWERED: [{ target: 'triage', guard: 'inBusinessHours' }, { target: 'closed' }] },
        },
        triage: { type: 'final' },
        closed: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'guard-gap')).toEqual([]);
  });

  it('stays silent when an ancestor handles the event (XState falls back to it)', () => {
    const a = analysed({
      initial: 'call',
      states: {
        call: {
          initial: 'ringing',
          states: { ringing: { on: { ANSWERED: { target: '#test.vip', guard: 'isVip' } } } },
          on: { ANSWERED: 'done' },
        },
        vip: { type: 'final' },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'guard-gap')).toEqual([]);
  });

  it('stays silent when a wildcard of the same state catches what the guard lets through', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: {
          on: {
            'order.placed': { target: 'vip', guard: 'isVip' },
            'order.*': 'done',
          },
        },
        vip: { type: 'final' },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'guard-gap')).toEqual([]);
  });

  it('stays silent in a parallel region when another region always handles the event', () => {
    const a = analysed({
      initial: 'p',
      states: {
        p: {
          type: 'parallel',
          states: {
            left: {
              initial: 'l',
              states: { l: { on: { GO: { target: 'm', guard: 'isVip' } } }, m: {} },
            },
            right: { initial: 'r', states: { r: { on: { GO: '#test.done' } } } },
          },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'guard-gap')).toEqual([]);
  });

  it('stays silent in a state nobody reaches', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: { on: { GO: 'done' } },
        orphan: { on: { GO: { target: 'done', guard: 'isVip' } } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'guard-gap')).toEqual([]);
  });
});
