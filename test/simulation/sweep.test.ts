import { describe, expect, it } from 'vitest';
import { generateProcess } from '../../bench/generate';
import type { ProcessFile } from '../../src/core/model/types';
import { sweep } from '../../src/core/simulation/sweep';
import { proc } from '../helpers';

const process = () =>
  proc({
    roles: { agent: { title: 'Agent', costPerHour: 40 } },
    events: ['START', 'DONE'],
    exceptions: { AWAY: { roles: ['agent'] }, FULL: { states: ['voicemail'] } },
    conditions: ['urgent'],
    machine: {
      initial: 'new',
      states: {
        new: { on: { START: [{ target: 'working', guard: 'urgent' }, { target: 'voicemail' }] } },
        working: { meta: { role: 'agent' }, on: { DONE: 'closed', AWAY: 'queue' } },
        voicemail: { meta: { role: 'agent' }, after: { 1000: 'queue' } },
        queue: { on: { DONE: 'closed' } },
        closed: { type: 'final' },
      },
    },
  });

describe('the exception sweep', () => {
  it('explores every configuration over events, timers and both guard answers', () => {
    const result = sweep(process());
    expect(result.rows.map((r) => r.states.join())).toEqual([
      'new',
      'queue',
      'voicemail',
      'working',
    ]);
    expect(result.bounded).toBe(false);
    expect(result.explored).toBe(4); // the four rows: a finished case is no configuration to sweep
  });

  it('says where each exception in scope takes the case, or that it is dropped', () => {
    const rows = Object.fromEntries(sweep(process()).rows.map((r) => [r.states.join(), r.cells]));
    expect(rows.working.AWAY).toEqual({ outcome: 'handled', to: ['queue'] });
    expect(rows.working.FULL).toEqual({ outcome: 'out-of-scope' });
    expect(rows.voicemail.AWAY).toEqual({ outcome: 'dropped' });
    expect(rows.voicemail.FULL).toEqual({ outcome: 'dropped' });
    expect(rows.new.AWAY).toEqual({ outcome: 'out-of-scope' });
    expect(sweep(process()).dropped).toBe(2);
  });

  it('stops at its bound and says so', () => {
    const big = generateProcess({ states: 300, seed: 3 }) as unknown as ProcessFile;
    const result = sweep(big, { maxConfigurations: 10 });
    expect(result.bounded).toBe(true);
    expect(result.explored).toBe(10);
    expect(result.message).toMatch(/stopped at 10 configurations/);
  });

  it('never hangs on a machine that loops forever: the loop ends the step that enters it', () => {
    const looping = proc({
      events: ['GO'],
      machine: {
        initial: 'a',
        states: { a: { on: { GO: 'b' } }, b: { always: 'c' }, c: { always: 'b' } },
      },
    });
    const result = sweep(looping);
    expect(result.rows.map((r) => r.states)).toEqual([['a']]);
    expect(result.message).toMatch(/Infinite loop detected/);
  });
});

describe('the sweep on the compiled stepper', () => {
  it('gives the same matrix as the sweep on XState itself, on generated machines', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const generated = JSON.parse(
        JSON.stringify(generateProcess({ states: 60, seed })),
      ) as ProcessFile;
      const fast = sweep(generated, { engine: 'fast', maxConfigurations: 300 });
      const xstate = sweep(generated, { engine: 'xstate', maxConfigurations: 300 });
      expect(fast.rows).toEqual(xstate.rows);
      expect(fast.explored).toBe(xstate.explored);
    }
  });
});

describe('the sweep on machines that loop', () => {
  it('sweeps the states it can reach and says where XState gave up, instead of refusing the machine', () => {
    const result = sweep(
      proc({
        events: ['GO', 'LOOP'],
        exceptions: { OOPS: true },
        machine: {
          initial: 'a',
          states: {
            a: { on: { GO: 'done', LOOP: 'b' } },
            b: { always: 'c' },
            c: { always: 'b' },
            done: { type: 'final' },
          },
        },
      }),
    );
    expect(result.rows).toEqual([{ states: ['a'], cells: { OOPS: { outcome: 'dropped' } } }]);
    expect(result.message).toMatch(/Infinite loop detected/);
  });
});
