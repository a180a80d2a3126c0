// no-way-out: a reachable state has transitions, but no final state can be reached from it.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf, statesOf } from '../helpers';

const analysed = (machine: MachineConfig) =>
  analyse(proc({ machine, events: ['GO', 'BACK', 'CLOSE'], conditions: ['ok'] }));

describe('no-way-out', () => {
  it('fires for every state of a trap cycle', () => {
    const a = analysed({
      initial: 'new',
      states: {
        new: { on: { GO: [{ target: 'done', guard: 'ok' }, { target: 'asking' }] } },
        asking: { on: { GO: 'chasing' } },
        chasing: { on: { BACK: 'asking' }, after: { 86400000: 'asking' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'no-way-out').map(brief)).toEqual([
      { rule: 'no-way-out', severity: 'error', state: 'asking' },
      { rule: 'no-way-out', severity: 'error', state: 'chasing' },
    ]);
    expect(rulesOf(a, 'dead-end')).toEqual([]);
  });

  it('fires for a nested loop whose container has no exit', () => {
    const a = analysed({
      initial: 'start',
      states: {
        start: { on: { GO: 'loop', CLOSE: 'done' } },
        loop: {
          initial: 'x',
          states: { x: { on: { GO: 'y' } }, y: { on: { GO: 'x' } } },
        },
        done: { type: 'final' },
      },
    });
    expect(statesOf(a, 'no-way-out')).toEqual(['loop.x', 'loop.y']);
  });

  it('stays silent when the loop has a way to a final state, own or inherited', () => {
    const a = analysed({
      initial: 'loop',
      states: {
        loop: {
          initial: 'x',
          states: { x: { on: { GO: 'y' } }, y: { on: { GO: 'x' } } },
          on: { CLOSE: 'done' },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'no-way-out')).toEqual([]);
  });

  it('stays silent when the way out is a guarded transition (guards may answer yes)', () => {
    const a = analysed({
      initial: 'x',
      states: {
        x: { on: { GO: 'y' } },
        y: { on: { GO: [{ target: 'done', guard: 'ok' }, { target: 'x' }] } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'no-way-out')).toEqual([]);
  });

  it("stays silent when a compound state's onDone leads on", () => {
    const a = analysed({
      initial: 'review',
      states: {
        review: {
          initial: 'reading',
          states: { reading: { on: { GO: 'signed' } }, signed: { type: 'final' } },
          onDone: 'done',
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'no-way-out')).toEqual([]);
  });

  it('stays silent for a dead end (its own rule) and for a machine without any final state', () => {
    const deadEnd = analysed({
      initial: 'a',
      states: { a: { on: { GO: 'b', CLOSE: 'done' } }, b: {}, done: { type: 'final' } },
    });
    expect(rulesOf(deadEnd, 'no-way-out')).toEqual([]);
    expect(statesOf(deadEnd, 'dead-end')).toEqual(['b']);

    const endless = analysed({
      initial: 'a',
      states: { a: { on: { GO: 'b' } }, b: { on: { GO: 'a' } } },
    });
    expect(rulesOf(endless, 'no-way-out')).toEqual([]);
    expect(rulesOf(endless, 'never-done')).toHaveLength(1);
  });

  it('stays silent in a parallel region when another region can take the case out', () => {
    const a = analysed({
      initial: 'p',
      states: {
        p: {
          type: 'parallel',
          states: {
            chat: { initial: 'x', states: { x: { on: { GO: 'y' } }, y: { on: { GO: 'x' } } } },
            exit: { initial: 'z', states: { z: { on: { CLOSE: '#test.done' } } } },
          },
        },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'no-way-out')).toEqual([]);
  });

  it('fires in a parallel state that cannot finish, when the machine can finish elsewhere', () => {
    const a = analysed({
      initial: 'start',
      states: {
        start: { on: { GO: 'p', CLOSE: 'done' } },
        p: {
          type: 'parallel',
          states: {
            chat: { initial: 'x', states: { x: { on: { GO: 'y' } }, y: { on: { GO: 'x' } } } },
            idle: { initial: 'z', states: { z: { on: { BACK: 'z' } } } },
          },
        },
        done: { type: 'final' },
      },
    });
    expect(statesOf(a, 'no-way-out')).toEqual(['p.chat.x', 'p.chat.y', 'p.idle.z']);
  });
});
