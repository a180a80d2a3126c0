// wait-forever: a state with meta.waits has no `after` timeout and no exception transition out.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig) =>
  analyse(
    proc({
      machine,
      events: ['REPLY', 'CHASE'],
      exceptions: { OWNER_GONE: true },
      roles: ['agent'],
    }),
  );

describe('wait-forever', () => {
  it('fires for a waiting state that only an answer from outside moves on', () => {
    const a = analysed({
      initial: 'awaitingCustomer',
      states: {
        awaitingCustomer: { meta: { waits: true, role: 'agent' }, on: { REPLY: 'done' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'wait-forever').map(brief)).toEqual([
      { rule: 'wait-forever', severity: 'warning', state: 'awaitingCustomer' },
    ]);
  });

  it('fires for a nested waiting state whose ancestors have neither a timeout nor an exception', () => {
    const a = analysed({
      initial: 'case',
      states: {
        case: {
          initial: 'waiting',
          on: { CHASE: '.waiting' },
          states: { waiting: { meta: { waits: true }, on: { REPLY: '#test.done' } } },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'wait-forever').map((c) => c.state)).toEqual(['case.waiting']);
  });

  it('stays silent with a timeout, own or inherited', () => {
    const a = analysed({
      initial: 'own',
      states: {
        own: { meta: { waits: true }, on: { REPLY: 'around' }, after: { 86400000: 'around' } },
        around: {
          initial: 'waiting',
          after: { P1D: '#test.done' },
          states: { waiting: { meta: { waits: true }, on: { REPLY: '#test.done' } } },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'wait-forever')).toEqual([]);
  });

  it('stays silent with an exception that breaks the wait, own or inherited', () => {
    const a = analysed({
      initial: 'own',
      states: {
        own: { meta: { waits: true }, on: { REPLY: 'around', OWNER_GONE: 'around' } },
        around: {
          initial: 'waiting',
          on: { OWNER_GONE: 'done' },
          states: { waiting: { meta: { waits: true }, on: { REPLY: '#test.done' } } },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'wait-forever')).toEqual([]);
  });

  it('stays silent for states that do not wait, and for waiting states nobody reaches', () => {
    const a = analysed({
      initial: 'working',
      states: {
        working: { on: { REPLY: 'done' } },
        orphan: { meta: { waits: true }, on: { REPLY: 'done' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'wait-forever')).toEqual([]);
  });
});
