// cross-region-transition: a transition in one region of a parallel state targets a state in a
// sibling region, which silently leaves and restarts the whole parallel state.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig) => analyse(proc({ machine, events: ['GO', 'SENT'] }));

describe('cross-region-transition', () => {
  it('fires for a jump from one region into its sibling', () => {
    const a = analysed({
      initial: 'handling',
      states: {
        handling: {
          type: 'parallel',
          states: {
            crm: { initial: 'updating', states: { updating: { on: { GO: '#notified' } } } },
            notify: {
              initial: 'sending',
              states: { sending: { on: { SENT: 'sent' } }, sent: { id: 'notified' } },
            },
          },
        },
      },
    });
    const cracks = rulesOf(a, 'cross-region-transition');
    expect(cracks.map(brief)).toEqual([
      {
        rule: 'cross-region-transition',
        severity: 'warning',
        state: 'handling.crm.updating',
        event: 'GO',
      },
    ]);
    expect(cracks[0].message).toContain('"handling.notify.sent"');
  });

  it('fires for a jump between regions of a nested parallel state too', () => {
    const a = analysed({
      initial: 'outer',
      states: {
        outer: {
          initial: 'p',
          states: {
            p: {
              type: 'parallel',
              states: {
                a: { initial: 'x', states: { x: { after: { 1000: '#y' } } } },
                b: { initial: 'y', states: { y: { id: 'y' } } },
              },
            },
          },
        },
      },
    });
    const cracks = rulesOf(a, 'cross-region-transition');
    expect(cracks.map((c) => [c.state, c.event])).toEqual([['outer.p.a.x', undefined]]);
  });

  it('stays silent within a region, out of the parallel state, and from the parallel state itself', () => {
    const a = analysed({
      initial: 'handling',
      states: {
        handling: {
          type: 'parallel',
          on: { SENT: '.notify.sent' },
          states: {
            crm: {
              initial: 'updating',
              states: {
                updating: { on: { GO: 'updated' } },
                updated: { on: { GO: '#test.done' } },
              },
            },
            notify: { initial: 'sending', states: { sending: {}, sent: {} } },
          },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'cross-region-transition')).toEqual([]);
  });
});
