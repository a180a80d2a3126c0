// always-loop: `always` transitions can cycle without any guard to stop them.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig) =>
  analyse(proc({ machine, events: ['GO'], conditions: ['ok'], actions: ['log'] }));

describe('always-loop', () => {
  it('fires for two states whose unguarded "always" lead to each other', () => {
    const a = analysed({
      initial: 'start',
      states: {
        start: { on: { GO: 'check' } },
        check: { always: 'recheck' },
        recheck: { always: 'check' },
        done: { type: 'final' },
      },
    });
    const cracks = rulesOf(a, 'always-loop');
    expect(cracks.map(brief)).toEqual([{ rule: 'always-loop', severity: 'error', state: 'check' }]);
    expect(cracks[0].message).toContain('"check" → "recheck"');
  });

  it('fires for a loop through a compound state and its initial child', () => {
    const a = analysed({
      initial: 'outer',
      states: {
        outer: { initial: 'inner', states: { inner: { always: '#test.bounce' } } },
        bounce: { always: 'outer' },
      },
    });
    const cracks = rulesOf(a, 'always-loop');
    expect(cracks).toHaveLength(1);
    expect(cracks[0].message).toContain('"bounce"');
    expect(cracks[0].message).toContain('"outer.inner"');
  });

  it('fires for a loop where a guarded branch comes first (when it answers no, the loop runs)', () => {
    const a = analysed({
      initial: 'check',
      states: {
        check: { always: [{ target: 'done', guard: 'ok' }, { target: 'again' }] },
        again: { always: 'check' },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'always-loop')).toHaveLength(1);
  });

  it('fires for an unguarded "always" without a target that runs actions', () => {
    const a = analysed({
      initial: 'a',
      states: { a: { always: { actions: 'log' }, on: { GO: 'done' } }, done: { type: 'final' } },
    });
    expect(rulesOf(a, 'always-loop').map(brief)).toEqual([
      { rule: 'always-loop', severity: 'error', state: 'a' },
    ]);
  });

  it('stays silent when a guard on the cycle can stop it', () => {
    const a = analysed({
      initial: 'check',
      states: {
        check: { always: { target: 'recheck', guard: 'ok' }, on: { GO: 'done' } },
        recheck: { always: 'check' },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'always-loop')).toEqual([]);
  });

  it('stays silent for a chain of "always" that ends in a state that waits', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: { always: 'b' },
        b: { always: 'c' },
        c: { on: { GO: 'a' } },
      },
    });
    expect(rulesOf(a, 'always-loop')).toEqual([]);
  });

  it('stays silent for a loop nobody reaches', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: { on: { GO: 'done' } },
        x: { always: 'y' },
        y: { always: 'x' },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'always-loop')).toEqual([]);
  });
});
