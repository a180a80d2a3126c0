// unreachable-state: no path from the initial state reaches the state, whatever the guards answer.
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

describe('unreachable-state', () => {
  it('fires for a state no transition leads to', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: { on: { GO: 'done' } },
        orphan: { on: { GO: 'done' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'unreachable-state').map(brief)).toEqual([
      { rule: 'unreachable-state', severity: 'warning', state: 'orphan' },
    ]);
  });

  it('fires for an unreachable compound state and everything inside it', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: { on: { GO: 'done' } },
        old: { initial: 'x', states: { x: { on: { GO: 'y' } }, y: {} } },
        done: { type: 'final' },
      },
    });
    expect(statesOf(a, 'unreachable-state')).toEqual(['old', 'old.x', 'old.y']);
  });

  it('fires for a state only an unreachable state leads to', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: { on: { GO: 'done' } },
        orphan: { on: { GO: 'next' } },
        next: { on: { GO: 'done' } },
        done: { type: 'final' },
      },
    });
    expect(statesOf(a, 'unreachable-state')).toEqual(['next', 'orphan']);
  });

  it('fires for a sibling that a history state could only restore if it had been entered', () => {
    const a = analysed({
      initial: 'work',
      states: {
        work: {
          initial: 'a',
          states: { a: { on: { BACK: 'hist' } }, never: {}, hist: { type: 'history' } },
          on: { GO: 'done' },
        },
        done: { type: 'final' },
      },
    });
    expect(statesOf(a, 'unreachable-state')).toEqual(['work.never']);
    expect(rulesOf(a, 'dead-end')).toEqual([]);
  });

  it('fires for the initial state of a parallel region that is only ever entered below it', () => {
    // XState enters "#deep" and the initial state of the other region, not "p.left.first".
    const a = analysed({
      initial: 'start',
      states: {
        start: { on: { GO: '#deep' } },
        p: {
          type: 'parallel',
          states: {
            left: {
              initial: 'first',
              states: {
                first: { on: { GO: 'second' } },
                second: { id: 'deep', on: { GO: 'end' } },
                end: { type: 'final' },
              },
            },
            right: { initial: 'r', states: { r: { on: { GO: 'rEnd' } }, rEnd: { type: 'final' } } },
          },
          onDone: 'done',
        },
        done: { type: 'final' },
      },
    });
    expect(statesOf(a, 'unreachable-state')).toEqual(['p.left.first']);
  });

  it('stays silent for a region start that a jump across regions enters (the parallel state restarts)', () => {
    const a = analysed({
      initial: 'start',
      states: {
        start: { on: { GO: '#deep' } },
        p: {
          type: 'parallel',
          states: {
            left: {
              initial: 'first',
              states: {
                first: { on: { GO: 'second' } },
                second: { id: 'deep', on: { BACK: '#r2' } },
              },
            },
            right: { initial: 'r1', states: { r1: { on: { GO: 'r2' } }, r2: { id: 'r2' } } },
          },
        },
      },
    });
    expect(rulesOf(a, 'unreachable-state')).toEqual([]);
  });

  it('stays silent for the other regions when a transition targets one region itself', () => {
    const a = analysed({
      initial: 'start',
      states: {
        start: { on: { GO: 'p.left' } },
        p: {
          type: 'parallel',
          states: {
            left: { initial: 'l', states: { l: {} } },
            right: { initial: 'r', states: { r: {} } },
          },
        },
      },
    });
    expect(rulesOf(a, 'unreachable-state')).toEqual([]);
  });

  it('stays silent for targets reached by every kind of transition and every way of writing them', () => {
    const a = analysed({
      initial: 'start',
      states: {
        start: { on: { GO: [{ target: 'guarded', guard: 'ok' }, { target: '#byId' }] } },
        guarded: { after: { 1000: 'timed' } },
        timed: { always: [{ target: 'eventless', guard: 'ok' }, 'eventless'] },
        eventless: { invoke: { src: 'crm', onDone: 'invoked', onError: 'failed' } },
        invoked: {
          on: { GO: '.child' },
          initial: 'first',
          states: { first: {}, child: { type: 'final' } },
          onDone: 'done',
        },
        failed: { on: { GO: 'done' } },
        target: { id: 'byId', on: { GO: 'invoked.first' } },
        done: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'unreachable-state')).toEqual([]);
  });

  it('stays silent for every region of a reachable parallel state and for history states', () => {
    const a = analysed({
      initial: 'p',
      states: {
        p: {
          type: 'parallel',
          states: {
            left: {
              initial: 'l',
              states: {
                l: { on: { GO: 'm' } },
                m: { on: { BACK: 'h' } },
                h: { type: 'history', history: 'deep' },
              },
            },
            right: { initial: 'r', states: { r: {} } },
          },
        },
        unusedHistory: { type: 'history' },
      },
    });
    expect(rulesOf(a, 'unreachable-state')).toEqual([]);
  });
});
