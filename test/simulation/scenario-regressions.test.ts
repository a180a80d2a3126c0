// Scenario runs that once hung or passed wrongly.

import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/core/simulation/scenario';
import { proc } from '../helpers';

describe('scenario regressions', () => {
  it('stops a timer that restarts itself forever, and fails the scenario saying so', () => {
    const process = proc({
      events: ['ANSWER'],
      actions: ['remind'],
      machine: {
        initial: 'waiting',
        states: {
          waiting: {
            entry: 'remind',
            on: { ANSWER: 'done' },
            after: { 0: { target: 'waiting', reenter: true } },
          },
          done: { type: 'final' },
        },
      },
    });
    const result = runScenario(process, {
      id: 's',
      steps: [{ wait: 1000 }, { event: 'ANSWER' }],
      expect: { done: true },
    });
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(/the clock stopped after 10000 timers/);
  });

  it('sees the states a case passes through at its very start', () => {
    const process = proc({
      events: ['GO'],
      machine: {
        initial: 'boot',
        states: { boot: { always: 'a' }, a: { on: { GO: 'b' } }, b: { type: 'final' } },
      },
    });
    const result = runScenario(process, { id: 's', steps: [], expect: { notIn: ['boot'] } });
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(/never to enter "boot"/);
  });

  it('fails a scenario whose expectation names a state the machine does not have', () => {
    const process = proc({
      events: ['GO'],
      machine: { initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } },
    });
    const result = runScenario(process, {
      id: 's',
      steps: [{ event: 'GO' }],
      expect: { notIn: ['nowhere'] },
    });
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(/"nowhere", which is not a state/);
  });

  it('fails, never throws, when XState gives up on an endless loop of guarded "always" transitions', () => {
    const process = proc({
      events: ['GO'],
      conditions: ['again'],
      machine: {
        initial: 'a',
        states: {
          a: { on: { GO: 'b' } },
          b: { always: { target: 'c', guard: 'again' } },
          c: { always: { target: 'b', guard: 'again' } },
        },
      },
    });
    const result = runScenario(process, {
      id: 's',
      steps: [{ event: 'GO' }],
      assume: { again: true },
      expect: { state: 'b' },
    });
    expect(result.passed).toBe(false);
  });
});
