// dead-end: a reachable non-final state with no way out at all (DESIGN.md section 2).
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf, statesOf } from '../helpers';

const analysed = (machine: MachineConfig) =>
  analyse(
    proc({
      machine,
      events: ['GO', 'BACK'],
      conditions: ['ok'],
      services: { crm: { description: 'Create the ticket', failureProbability: 0.1 } },
    }),
  );

describe('dead-end', () => {
  it('fires for a reachable state with nothing to move it on', () => {
    const a = analysed({
      initial: 'new',
      states: { new: { on: { GO: 'stuck' } }, stuck: {}, done: { type: 'final' } },
    });
    expect(rulesOf(a, 'dead-end').map(brief)).toEqual([
      { rule: 'dead-end', severity: 'error', state: 'stuck' },
    ]);
    expect(rulesOf(a, 'dead-end')[0].message).toContain('"stuck"');
  });

  it('fires for a nested state whose only way on would be its parent finishing', () => {
    // "onDone" of the parent only fires once a final child is reached: it does not free "waiting".
    const a = analysed({
      initial: 'review',
      states: {
        review: {
          initial: 'waiting',
          states: { waiting: {}, approved: { type: 'final' } },
          onDone: 'done',
        },
        done: { type: 'final' },
      },
    });
    expect(statesOf(a, 'dead-end')).toEqual(['review.waiting']);
  });

  it('fires for a leaf of a parallel state when no region can move', () => {
    const a = analysed({
      initial: 'p',
      states: {
        p: {
          type: 'parallel',
          states: {
            left: { initial: 'l', states: { l: {} } },
            right: { initial: 'r', states: { r: {} } },
          },
        },
      },
    });
    expect(statesOf(a, 'dead-end')).toEqual(['p.left.l', 'p.right.r']);
  });

  it('stays silent for final states, own and inherited transitions, after, always and invoke', () => {
    const a = analysed({
      initial: 'start',
      on: { BACK: '.start' },
      states: {
        start: { on: { GO: 'timed' } },
        timed: { after: { 60000: 'eventless' } },
        eventless: { always: [{ target: 'automated', guard: 'ok' }] },
        automated: { invoke: { src: 'crm', onDone: 'nested', onError: 'nested' } },
        nested: {
          initial: 'inner',
          states: { inner: {} },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'dead-end')).toEqual([]);
  });

  it('stays silent for a state nobody reaches (that is unreachable-state)', () => {
    const a = analysed({
      initial: 'a',
      states: { a: { on: { GO: 'done' } }, orphan: {}, done: { type: 'final' } },
    });
    expect(rulesOf(a, 'dead-end')).toEqual([]);
    expect(statesOf(a, 'unreachable-state')).toEqual(['orphan']);
  });

  it('stays silent for a leaf of a parallel state while another region can still move', () => {
    const a = analysed({
      initial: 'p',
      states: {
        p: {
          type: 'parallel',
          states: {
            waiting: { initial: 'w', states: { w: {} } },
            working: { initial: 'x', states: { x: { on: { GO: '#test.done' } } } },
          },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'dead-end')).toEqual([]);
  });

  it('stays silent for history pseudo-states', () => {
    const a = analysed({
      initial: 'work',
      states: {
        work: {
          initial: 'a',
          states: { a: { on: { GO: 'b' } }, b: { on: { GO: 'a' } }, hist: { type: 'history' } },
          on: { BACK: 'done' },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'dead-end')).toEqual([]);
  });
});
