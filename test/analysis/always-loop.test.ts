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

  it('stays silent for an "always" without a target, or back to its own state: XState settles', () => {
    // XState runs the actions once; the snapshot does not change, so it stops there.
    const targetless = analysed({
      initial: 'a',
      states: { a: { always: { actions: 'log' }, on: { GO: 'done' } }, done: { type: 'final' } },
    });
    expect(rulesOf(targetless, 'always-loop')).toEqual([]);
    const selfTarget = analysed({
      initial: 'a',
      states: { a: { always: 'a', on: { GO: 'done' } }, done: { type: 'final' } },
    });
    expect(rulesOf(selfTarget, 'always-loop')).toEqual([]);
  });

  it('stays silent for an "always" that re-enters its own state or its parent: XState settles', () => {
    // XState stops selecting eventless transitions once a step leaves the active states unchanged.
    const reenter = analysed({
      initial: 'a',
      states: {
        a: { always: { target: 'a', reenter: true }, on: { GO: 'done' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(reenter, 'always-loop')).toEqual([]);
    const parent = analysed({
      initial: 'p',
      states: {
        p: { initial: 'x', states: { x: { always: '#test.p' } }, on: { GO: 'done' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(parent, 'always-loop')).toEqual([]);
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
