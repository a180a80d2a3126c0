// never-done: the machine has no final state reachable from its initial state.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig) => analyse(proc({ machine, events: ['GO', 'BACK'] }));

describe('never-done', () => {
  it('fires once, without a state, for a machine with no final state', () => {
    const a = analysed({
      initial: 'a',
      states: { a: { on: { GO: 'b' } }, b: { on: { BACK: 'a' } } },
    });
    const cracks = rulesOf(a, 'never-done');
    expect(cracks.map(brief)).toEqual([{ rule: 'never-done', severity: 'warning' }]);
    expect(cracks[0].message).toContain('no final state');
  });

  it('fires when the final states exist but none can be reached', () => {
    const a = analysed({
      initial: 'a',
      states: { a: { on: { GO: 'b' } }, b: { on: { BACK: 'a' } }, done: { type: 'final' } },
    });
    expect(rulesOf(a, 'never-done')).toHaveLength(1);
    expect(rulesOf(a, 'never-done')[0].message).toContain('none of the final states');
  });

  it('fires when the only final state is nested and its parent has no way on', () => {
    const a = analysed({
      initial: 'review',
      states: {
        review: {
          initial: 'a',
          states: { a: { on: { GO: 'signed' } }, signed: { type: 'final' } },
        },
      },
    });
    expect(rulesOf(a, 'never-done')).toHaveLength(1);
  });

  it('stays silent when a top-level final state can be reached, even through guards and onDone', () => {
    const a = analyse(
      proc({
        events: ['GO'],
        conditions: ['ok'],
        machine: {
          initial: 'review',
          states: {
            review: {
              initial: 'a',
              states: {
                a: { on: { GO: { target: 'signed', guard: 'ok' } } },
                signed: { type: 'final' },
              },
              onDone: 'closed',
            },
            closed: { type: 'final' },
          },
        },
      }),
    );
    expect(rulesOf(a, 'never-done')).toEqual([]);
  });

  it('stays silent for a parallel machine whose regions all finish', () => {
    const a = analysed({
      type: 'parallel',
      states: {
        left: { initial: 'l', states: { l: { on: { GO: 'lEnd' } }, lEnd: { type: 'final' } } },
        right: { initial: 'r', states: { r: { on: { GO: 'rEnd' } }, rEnd: { type: 'final' } } },
      },
    });
    expect(rulesOf(a, 'never-done')).toEqual([]);
  });
});
