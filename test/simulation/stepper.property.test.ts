// The fast stepper agrees with XState at every step (DESIGN.md section 3): on generated machines,
// with and without the features the generator leaves out (history, reenter, services, wildcards,
// multi-target transitions), the active state nodes (in XState's own order), the leaves, whether
// each event was handled, the status, the pending timers and the running services are the same
// after every event; where XState throws, the stepper throws too.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProcess } from '../../bench/generate';
import { buildStateTree } from '../../src/core/model/tree';
import type { ProcessFile } from '../../src/core/model/types';
import type { Engine, StepResult } from '../../src/core/simulation/engine';
import { HashOracle } from '../../src/core/simulation/oracle';
import { Stepper } from '../../src/core/simulation/stepper';
import { XStateEngine } from '../../src/core/simulation/xstateEngine';
import { proc } from '../helpers';
import { spice } from './spice';

interface Side {
  engine: Engine;
  oracle: HashOracle;
  timers: Map<string, string>;
  services: Set<string>;
}

type Outcome = { result: StepResult } | { thrown: string };

function attempt(side: Side, run: (engine: Engine) => StepResult): Outcome {
  try {
    const result = run(side.engine);
    for (const effect of result.effects) {
      if (effect.kind === 'timer') side.timers.set(effect.id, effect.event);
      else if (effect.kind === 'cancel') side.timers.delete(effect.id);
      else if (effect.kind === 'spawn') side.services.add(effect.id);
      else side.services.delete(effect.id);
    }
    return { result };
  } catch (error) {
    return { thrown: error instanceof Error ? error.message : String(error) };
  }
}

/** What must agree after a step. */
function observe(side: Side, outcome: Outcome) {
  if ('thrown' in outcome) return { thrown: true };
  return {
    handled: outcome.result.handled,
    status: outcome.result.status,
    nodes: side.engine.activeIds(),
    leaves: [...side.engine.leaves()],
    timers: [...side.timers.keys()].sort(),
    services: [...side.services].sort(),
  };
}

/** Runs one case on both engines, event by event; returns the steps that agreed. */
function agree(process: ProcessFile, caseSeed: number, choices: number[]): number {
  const tree = buildStateTree(process.machine);
  const make = (kind: 'fast' | 'xstate'): Side => {
    const oracle = new HashOracle(process);
    const engine =
      kind === 'fast'
        ? new Stepper(process, tree, oracle)
        : new XStateEngine(process, tree, oracle);
    return { engine, oracle, timers: new Map(), services: new Set() };
  };
  const truth = make('xstate');
  const fast = make('fast');
  const events = Object.keys(process.events ?? {});
  let seed = caseSeed;
  const step = (run: (engine: Engine) => StepResult) => {
    truth.oracle.seed = fast.oracle.seed = seed;
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const a = attempt(truth, run);
    const b = attempt(fast, run);
    expect(observe(fast, b)).toEqual(observe(truth, a));
    return a;
  };
  let outcome = step((engine) => engine.start());
  let steps = 0;
  for (const choice of choices) {
    if ('thrown' in outcome || outcome.result.status !== 'active') break;
    const timers = [...truth.timers.values()];
    const services = [...truth.services];
    const kind = choice % 10;
    let event: { type: string; [key: string]: unknown };
    if (kind < 3 && timers.length) event = { type: timers[choice % timers.length] };
    else if (kind < 5 && services.length) {
      const id = services[choice % services.length];
      event =
        choice % 2
          ? { type: `xstate.done.actor.${id}` }
          : { type: `xstate.error.actor.${id}`, error: 'it failed' };
    } else if (kind === 5) event = { type: 'NOBODY_KNOWS_ME' };
    else event = { type: events[choice % events.length] };
    outcome = step((engine) => engine.send(event));
    steps++;
  }
  return steps;
}

describe('the fast stepper agrees with XState', () => {
  it('on generated machines, step by step', () => {
    let steps = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(8, 20, 45, 90),
        fc.boolean(),
        fc.array(fc.nat({ max: 10_000 }), { minLength: 5, maxLength: 60 }),
        (seed, states, spiced, choices) => {
          const generated = generateProcess({ states, seed }) as unknown as ProcessFile;
          const process = spiced ? spice(generated, seed) : generated;
          steps += agree(process, seed, choices);
        },
      ),
      { numRuns: 400, seed: 20_240_611 },
    );
    expect(steps).toBeGreaterThan(1_500);
  });

  it('where XState throws: an endless always loop, a guard nobody declared', () => {
    const loop = proc({
      machine: {
        initial: 'idle',
        states: {
          idle: { on: { GO: 'a', ASK: { target: 'a', guard: 'unknownGuard' } } },
          a: { always: 'b' },
          b: { always: 'a' },
        },
      },
      events: ['GO', 'ASK'],
    });
    expect(agree(loop, 1, [6])).toBe(1);
    expect(agree(loop, 1, [7])).toBe(1);
  });

  it('with history, re-entry and services written by hand', () => {
    const process = proc({
      machine: {
        initial: 'work',
        on: { BACK: '.work.hist', AWAY: '.away' },
        states: {
          work: {
            initial: 'one',
            on: { AGAIN: { target: 'work', reenter: true } },
            states: {
              one: {
                on: { NEXT: 'two', '*': { target: 'two', guard: 'ok' }, 'ST.*': 'three' },
                after: { 1000: 'two' },
              },
              two: {
                invoke: { src: 'crm', onDone: 'three', onError: 'one' },
                on: { NEXT: { target: 'two', reenter: true } },
              },
              three: {
                type: 'parallel',
                states: {
                  x: {
                    initial: 'x1',
                    on: { SELFX: 'x' },
                    states: { x1: { on: { STEP: 'x2' } }, x2: { on: { STEP: 'x1' } } },
                  },
                  y: {
                    initial: 'y1',
                    states: {
                      y1: {
                        on: {
                          NEXT: '#test.done',
                          STEP: { target: 'y1', reenter: true },
                          SELFY: [
                            { target: 'y1', guard: 'ok' },
                            { target: '#test.work.three.x.x2' },
                          ],
                        },
                      },
                    },
                  },
                },
              },
              hist: { type: 'history', history: 'deep' },
            },
          },
          away: {},
          done: { type: 'final' },
        },
      },
      events: ['NEXT', 'BACK', 'AWAY', 'AGAIN', 'STEP', 'SELFX', 'SELFY', 'ST.x'],
      conditions: ['ok'],
      services: { crm: { failureProbability: 0.2 } },
    });
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat({ max: 1000 }), { maxLength: 30 }), (seed, choices) => {
        agree(process, seed, choices);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
