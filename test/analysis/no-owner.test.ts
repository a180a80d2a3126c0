// no-owner: a reachable non-final leaf state has no meta.role.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf, statesOf } from '../helpers';

const analysed = (machine: MachineConfig) =>
  analyse(proc({ machine, events: ['GO'], roles: ['receptionist', 'agent'] }));

describe('no-owner', () => {
  it('fires for a reachable leaf without a role', () => {
    const a = analysed({
      initial: 'idle',
      states: {
        idle: { on: { GO: 'ringing' } },
        ringing: { meta: { role: 'receptionist' }, on: { GO: 'done' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'no-owner').map(brief)).toEqual([
      { rule: 'no-owner', severity: 'warning', state: 'idle' },
    ]);
  });

  it('fires for a nested leaf when no ancestor has a role either', () => {
    const a = analysed({
      initial: 'call',
      states: {
        call: {
          initial: 'ringing',
          states: {
            ringing: { meta: { role: 'receptionist' }, on: { GO: 'talking' } },
            talking: { on: { GO: '#test.done' } },
          },
        },
        done: { type: 'final' },
      },
    });
    expect(statesOf(a, 'no-owner')).toEqual(['call.talking']);
  });

  it('stays silent when the role comes from an ancestor', () => {
    const a = analysed({
      initial: 'call',
      states: {
        call: {
          meta: { role: 'agent' },
          initial: 'ringing',
          states: { ringing: { on: { GO: 'talking' } }, talking: { on: { GO: '#test.done' } } },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'no-owner')).toEqual([]);
  });

  it('stays silent for final states, history states, unreachable states and containers', () => {
    const a = analysed({
      initial: 'call',
      states: {
        call: {
          initial: 'ringing',
          states: {
            ringing: { meta: { role: 'agent' }, on: { GO: 'hist' } },
            hist: { type: 'history' },
            deepHist: { history: 'deep' },
          },
          on: { GO: 'done' },
        },
        orphan: { on: { GO: 'done' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'no-owner')).toEqual([]);
  });
});
