// Monte Carlo (DESIGN.md section 3): every measure on small machines whose answer can be worked out
// by hand, determinism, agreement of the two engines, and no hang on machines that never end.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateProcess } from '../../bench/generate';
import type { MachineConfig, ProcessFile } from '../../src/core/model/types';
import { type SimulateOptions, simulate } from '../../src/core/simulation/monteCarlo';
import { proc } from '../helpers';
import { spice } from './spice';

const roles = { clerk: { costPerHour: 30 }, manager: { costPerHour: 60 } };
const run = (process: ProcessFile, options: Partial<SimulateOptions> = {}) =>
  simulate(process, { runs: 1000, seed: 1, ...options });
const machine = (config: MachineConfig, extra: Partial<Parameters<typeof proc>[0]> = {}) =>
  proc({ machine: config, events: ['GO', 'NEXT', 'FINISH', 'EA', 'EB'], roles, ...extra });

describe('Monte Carlo measures on machines worked out by hand', () => {
  it('two states with fixed durations and roles: exact cycle time, cost, handoffs, non-value-added share', () => {
    const result = run(
      machine({
        initial: 'a',
        states: {
          a: { meta: { role: 'clerk', duration: 10, valueAdded: false }, on: { NEXT: 'b' } },
          b: { meta: { role: 'manager', duration: 20, valueAdded: true }, on: { FINISH: 'done' } },
          done: { type: 'final' },
        },
      }),
    );
    // 10 min as clerk at 30/h = 5, then 20 min as manager at 60/h = 20; one handoff.
    expect(result.cycleTime).toEqual({ mean: 30, p50: 30, p90: 30, p99: 30 });
    expect(result.cost).toEqual({ mean: 25, byRole: { clerk: 5, manager: 20 } });
    expect(result.handoffs.mean).toBe(1);
    expect(result.nonValueAddedShare).toBe(0.3333);
    expect(result.finals).toEqual({ done: 1 });
    expect(result.stuck).toEqual({ share: 0, examples: [] });
    expect(result.runs).toBe(1000);
    expect(result.seed).toBe(1);
  });

  it('a handoff needs a role on both sides: none through a state without one', () => {
    const result = run(
      machine({
        initial: 'a',
        states: {
          a: { meta: { role: 'clerk', duration: 1 }, on: { NEXT: 'b' } },
          b: { meta: { duration: 1 }, on: { NEXT: 'c' } },
          c: { meta: { role: 'manager', duration: 1 }, on: { NEXT: 'd' } },
          d: { meta: { role: 'manager', duration: 1 }, on: { NEXT: 'done' } },
          done: { type: 'final' },
        },
      }),
    );
    expect(result.handoffs.mean).toBe(0);
    expect(result.cycleTime.mean).toBe(4);
  });

  it('a 50/50 guard splits the cases near half and half', () => {
    const result = run(
      proc({
        machine: {
          initial: 'a',
          states: {
            a: { on: { GO: [{ target: 'yes', guard: 'coin' }, { target: 'no' }] } },
            yes: { type: 'final' },
            no: { type: 'final' },
          },
        },
        events: ['GO'],
        conditions: { coin: { question: 'Heads?', probability: 0.5 } },
      }),
      { runs: 4000 },
    );
    expect(result.finals.yes).toBeGreaterThan(0.47);
    expect(result.finals.yes).toBeLessThan(0.53);
    expect(result.finals.yes + result.finals.no).toBeCloseTo(1, 6);
  });

  it('a condition without a probability answers yes half the time; one with 0.8, four times in five', () => {
    const split = (probability?: number) =>
      run(
        proc({
          machine: {
            initial: 'a',
            states: {
              a: { on: { GO: [{ target: 'yes', guard: 'q' }, { target: 'no' }] } },
              yes: { type: 'final' },
              no: { type: 'final' },
            },
          },
          events: ['GO'],
          conditions: { q: probability === undefined ? { question: 'q?' } : { probability } },
        }),
        { runs: 4000 },
      ).finals.yes;
    expect(Math.abs(split() - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(split(0.8) - 0.8)).toBeLessThan(0.03);
  });

  it('events by their meta.probability, the rest shared by the events without one', () => {
    const result = run(
      machine(
        {
          initial: 'a',
          states: {
            a: {
              on: { X: { target: 'x', meta: { probability: 0.6 } }, Y: 'y', Z: 'z' },
            },
            x: { type: 'final' },
            y: { type: 'final' },
            z: { type: 'final' },
          },
        },
        { events: ['X', 'Y', 'Z'] },
      ),
      { runs: 4000 },
    );
    expect(Math.abs(result.finals.x - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(result.finals.y - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(result.finals.z - 0.2)).toBeLessThan(0.03);
  });

  it('probabilities below 1 leave the rest to the timer; a timer due first wins', () => {
    const timed = (
      duration: number,
      after: Record<string, string>,
      delays?: ProcessFile['delays'],
    ) =>
      run(
        machine(
          {
            initial: 'a',
            states: {
              a: {
                meta: { duration },
                on: { GO: { target: 'b', meta: { probability: 0.25 } } },
                after,
              },
              b: { type: 'final' },
              c: { type: 'final' },
            },
          },
          delays ? { delays } : {},
        ),
        { runs: 4000 },
      );
    // GO a quarter of the time after half a minute, else the one-minute timer.
    const result = timed(0.5, { 60000: 'c' });
    expect(Math.abs(result.finals.b - 0.25)).toBeLessThan(0.03);
    expect(result.cycleTime.p50).toBe(1);
    expect(result.cycleTime.mean).toBeCloseTo(0.25 * 0.5 + 0.75 * 1, 1);
    // Named delays, in milliseconds or ISO 8601.
    expect(timed(0.5, { patience: 'c' }, { patience: { ms: 60000 } }).cycleTime.p50).toBe(1);
    expect(timed(0.5, { patience: 'c' }, { patience: 'PT1M' }).cycleTime.p50).toBe(1);
    // The work would take 5 minutes: the one-minute timer always comes first.
    expect(timed(5, { 60000: 'c' })).toMatchObject({ finals: { c: 1 }, cycleTime: { mean: 1 } });
  });

  it('an exception happens at its catalogue probability per step and takes its handler', () => {
    const result = run(
      proc({
        machine: {
          initial: 'a',
          states: {
            a: { meta: { duration: 1 }, on: { GO: 'done', OOPS: 'failed' } },
            done: { type: 'final' },
            failed: { type: 'final' },
          },
        },
        events: { GO: {}, OOPS: { exception: true, probability: 0.2 } },
      }),
      { runs: 4000 },
    );
    expect(Math.abs(result.finals.failed - 0.2)).toBeLessThan(0.03);
    expect(result.cycleTime).toEqual({ mean: 1, p50: 1, p90: 1, p99: 1 });
  });

  it('an exception without a probability happens 1% of steps; where nobody handles it the case is stuck', () => {
    const process = (when?: { states: string[] }) =>
      proc({
        machine: {
          initial: 'a',
          states: { a: { on: { GO: 'done' } }, b: {}, done: { type: 'final' } },
        },
        events: ['GO'],
        exceptions: { OOPS: when ?? true },
      });
    const result = run(process(), { runs: 20_000 });
    expect(Math.abs(result.stuck.share - 0.01)).toBeLessThan(0.003);
    expect(result.stuck.examples).toHaveLength(1);
    expect(result.stuck.examples[0].reason).toMatch(/^OOPS happened in a and nobody handles it/);
    expect(result.stuck.examples[0].path).toEqual(['a']);
    // Out of scope, it never happens.
    expect(run(process({ states: ['b'] })).stuck.share).toBe(0);
  });

  it('a service finishes after its state duration or fails at its rate, taking onError', () => {
    const service = (onError?: string) =>
      run(
        proc({
          machine: {
            initial: 'a',
            states: {
              a: {
                meta: { duration: 3 },
                invoke: { src: 'crm', onDone: 'ok', ...(onError ? { onError } : {}) },
              },
              ok: { type: 'final' },
              failed: { type: 'final' },
            },
          },
          services: { crm: { description: 'Create the ticket', failureProbability: 0.25 } },
        }),
        { runs: 4000 },
      );
    const handled = service('failed');
    expect(Math.abs(handled.finals.failed - 0.25)).toBeLessThan(0.03);
    expect(handled.cycleTime).toEqual({ mean: 3, p50: 3, p90: 3, p99: 3 });
    const unhandled = service();
    expect(Math.abs(unhandled.stuck.share - 0.25)).toBeLessThan(0.03);
    expect(unhandled.stuck.examples[0].reason).toMatch(
      /the service "crm" failed in a and nobody handles/,
    );
  });

  it('parallel regions work side by side: the case waits for the slower one', () => {
    const result = run(
      machine({
        initial: 'p',
        states: {
          p: {
            type: 'parallel',
            onDone: 'done',
            states: {
              r1: {
                initial: 'a1',
                states: {
                  a1: { meta: { role: 'clerk', duration: 10 }, on: { EA: 'a2' } },
                  a2: { type: 'final' },
                },
              },
              r2: {
                initial: 'b1',
                states: {
                  b1: { meta: { role: 'manager', duration: 20 }, on: { EB: 'b2' } },
                  b2: { type: 'final' },
                },
              },
            },
          },
          done: { type: 'final' },
        },
      }),
    );
    expect(result.cycleTime).toEqual({ mean: 20, p50: 20, p90: 20, p99: 20 });
    expect(result.cost).toEqual({ mean: 25, byRole: { clerk: 5, manager: 20 } });
    expect(result.handoffs.mean).toBe(0);
  });
});

describe('stuck cases, and no hang ever', () => {
  it('a state with no way on: every case stuck, with the path', () => {
    const result = run(
      machine({ initial: 'a', states: { a: { on: { GO: 'b' } }, b: {}, done: { type: 'final' } } }),
    );
    expect(result.stuck.share).toBe(1);
    expect(result.finals).toEqual({});
    expect(result.stuck.examples).toEqual([
      { reason: expect.stringMatching(/^no way on from b/), path: ['a', 'b'] },
    ]);
    expect(result.cycleTime).toEqual({ mean: 0, p50: 0, p90: 0, p99: 0 });
  });

  it('a machine that never ends stops at the step horizon, and says how far it went', () => {
    const result = run(
      machine({ initial: 'a', states: { a: { on: { GO: 'b' } }, b: { on: { GO: 'a' } } } }),
      { maxSteps: 60, runs: 50 },
    );
    expect(result.stuck.share).toBe(1);
    const [example] = result.stuck.examples;
    expect(example.reason).toMatch(/^over the step horizon: 60 steps without finishing/);
    expect(example.path).toHaveLength(25);
    expect(example.path[12]).toBe('… 37 more …');
  });

  it('a run whose cases all go to the horizon stops at the work limit, and says so', () => {
    const never = machine({
      initial: 'a',
      states: { a: { on: { GO: 'b' } }, b: { on: { GO: 'a' } } },
    });
    const result = run(never, { maxSteps: 60, runs: 50, maxTotalSteps: 1000 });
    // Each case takes 60 steps and counts 4 more for itself: 16 cases make 1,024.
    expect(result.runs).toBe(16);
    expect(result.bounded).toBe(
      'stopped after 16 of 50 cases: they took 1,024 steps, the limit for one run',
    );
    expect(run(never, { maxSteps: 60, runs: 10 }).bounded).toBeUndefined();
  });

  it('a case past the time horizon is stuck', () => {
    const result = run(
      machine({
        initial: 'a',
        states: { a: { meta: { duration: 100 }, on: { GO: 'done' } }, done: { type: 'final' } },
      }),
      { maxMinutes: 50 },
    );
    expect(result.stuck.share).toBe(1);
    expect(result.stuck.examples[0].reason).toMatch(/^over the time horizon: 50 minutes/);
  });

  it('an endless always loop is caught on both engines, at the start or after an event', () => {
    for (const engine of ['fast', 'xstate'] as const) {
      const later = run(
        machine({
          initial: 'idle',
          states: { idle: { on: { GO: 'a' } }, a: { always: 'b' }, b: { always: 'a' } },
        }),
        { engine, runs: 20 },
      );
      expect(later.stuck.share).toBe(1);
      expect(later.stuck.examples[0].reason).toMatch(
        /endless loop of eventless \(always\) transitions from idle/,
      );
      const atStart = run(
        machine({ initial: 'a', states: { a: { always: 'b' }, b: { always: 'a' } } }),
        { engine, runs: 20 },
      );
      expect(atStart.stuck.share).toBe(1);
    }
  });
});

describe('determinism and engines', () => {
  const callRouting = JSON.parse(
    readFileSync(
      new URL('../../examples/call-routing/to-be.process.json', import.meta.url),
      'utf8',
    ),
  ) as ProcessFile;

  it('the same seed gives the same figures; another seed, other figures', () => {
    const a = simulate(callRouting, { runs: 2000, seed: 7 });
    expect(simulate(callRouting, { runs: 2000, seed: 7 })).toEqual(a);
    expect(simulate(callRouting, { runs: 2000, seed: 8 }).cycleTime).not.toEqual(a.cycleTime);
  });

  it('the XState engine gives exactly the figures of the fast stepper', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const generated = generateProcess({ states: 30, seed }) as unknown as ProcessFile;
      const process = seed % 2 ? spice(generated, seed) : generated;
      expect(simulate(process, { runs: 150, seed, engine: 'xstate' })).toEqual(
        simulate(process, { runs: 150, seed }),
      );
    }
    expect(simulate(callRouting, { runs: 300, seed: 3, engine: 'xstate' })).toEqual(
      simulate(callRouting, { runs: 300, seed: 3 }),
    );
  });

  it('reports progress and refuses a machine XState rejects', () => {
    const seen: number[] = [];
    simulate(callRouting, { runs: 500, seed: 1, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(500);
    expect(seen.length).toBeGreaterThan(10);
    const broken = machine({ initial: 'a', states: { a: { on: { GO: 'nowhere' } } } });
    expect(() => run(broken)).toThrow(
      /machine\.states\.a\.on\.GO: target "nowhere" does not exist/,
    );
  });
});
