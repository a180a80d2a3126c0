// parallel-never-joins: a parallel state has onDone, but some region can never reach its final state.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig, StateConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig) => analyse(proc({ machine, events: ['GO', 'SENT'] }));

const finishing: StateConfig = {
  initial: 'working',
  states: { working: { on: { GO: 'finished' } }, finished: { type: 'final' } },
};

const around = (parallel: StateConfig): MachineConfig => ({
  initial: 'handling',
  states: { handling: parallel, closed: { type: 'final' } },
});

describe('parallel-never-joins', () => {
  it('fires for a region without a final state', () => {
    const a = analysed(
      around({
        type: 'parallel',
        states: {
          crm: finishing,
          notify: { initial: 'sending', states: { sending: { on: { SENT: 'sending' } } } },
        },
        onDone: 'closed',
      }),
    );
    const cracks = rulesOf(a, 'parallel-never-joins');
    expect(cracks.map(brief)).toEqual([
      { rule: 'parallel-never-joins', severity: 'warning', state: 'handling.notify' },
    ]);
    expect(cracks[0].message).toContain('"handling"');
  });

  it('fires for a region whose final state nobody reaches', () => {
    const a = analysed(
      around({
        type: 'parallel',
        states: {
          crm: finishing,
          notify: {
            initial: 'sending',
            states: { sending: { on: { SENT: 'sending' } }, sent: { type: 'final' } },
          },
        },
        onDone: 'closed',
      }),
    );
    expect(rulesOf(a, 'parallel-never-joins').map((c) => c.state)).toEqual(['handling.notify']);
  });

  it('stays silent when every region can finish, a nested parallel region included', () => {
    const a = analysed(
      around({
        type: 'parallel',
        states: {
          crm: finishing,
          both: { type: 'parallel', states: { x: finishing, y: finishing } },
        },
        onDone: 'closed',
      }),
    );
    expect(rulesOf(a, 'parallel-never-joins')).toEqual([]);
  });

  it('stays silent for a parallel state without onDone, and for one nobody reaches', () => {
    const regions = {
      crm: finishing,
      notify: { initial: 'sending', states: { sending: { on: { SENT: '#test.closed' } } } },
    };
    const noDone = analysed(around({ type: 'parallel', states: regions }));
    expect(rulesOf(noDone, 'parallel-never-joins')).toEqual([]);

    const unreachable = analysed({
      initial: 'start',
      states: {
        start: { on: { GO: 'closed' } },
        handling: { type: 'parallel', states: regions, onDone: 'closed' },
        closed: { type: 'final' },
      },
    });
    expect(rulesOf(unreachable, 'parallel-never-joins')).toEqual([]);
  });
});
