// invalid-machine: the machine config is broken (DESIGN.md section 2).
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import { brief, proc, rulesOf } from '../helpers';

const invalid = (options: Parameters<typeof proc>[0]) =>
  rulesOf(analyse(proc({ events: ['DONE', 'GO'], ...options })), 'invalid-machine');

describe('invalid-machine', () => {
  it('fires for a target that does not exist, naming the JSON path', () => {
    const cracks = invalid({
      machine: {
        initial: 'triage',
        states: { triage: { on: { DONE: 'trige' } }, closed: { type: 'final' } },
      },
    });
    expect(cracks.map(brief)).toEqual([
      { rule: 'invalid-machine', severity: 'error', state: 'triage', event: 'DONE' },
    ]);
    expect(cracks[0].message).toContain('machine.states.triage.on.DONE');
    expect(cracks[0].message).toContain('"trige" does not exist');
    expect(cracks[0].path).toBe('machine.states.triage.on.DONE');
  });

  it('fires for an unknown ".child" and an unknown "#id", each at its place in the list', () => {
    const cracks = invalid({
      machine: {
        initial: 'triage',
        states: {
          triage: {
            initial: 'a',
            states: { a: {} },
            on: { DONE: [{ target: '.b' }], GO: { target: '#nowhere' } },
          },
        },
      },
    });
    expect(cracks.map((c) => c.path).sort()).toEqual([
      'machine.states.triage.on.DONE[0]',
      'machine.states.triage.on.GO',
    ]);
    expect(cracks.find((c) => c.event === 'GO')?.message).toContain('#nowhere');
    expect(cracks.find((c) => c.event === 'DONE')?.message).toMatch(
      /^machine\.states\.triage\.on\.DONE\[0\]: .*"\.b"/,
    );
  });

  it('fires for a plain key used as a target on the machine itself (XState needs ".key" there)', () => {
    const cracks = invalid({
      machine: { initial: 'a', on: { GO: 'a' }, states: { a: {} } },
    });
    expect(cracks.map(brief)).toEqual([
      { rule: 'invalid-machine', severity: 'error', event: 'GO' },
    ]);
    expect(cracks[0].message).toContain('machine.on.GO');
  });

  it('fires for a missing "initial" on the machine and on a compound state', () => {
    const cracks = invalid({
      machine: {
        states: {
          review: { states: { reading: {}, done: { type: 'final' } } },
        },
      },
    });
    expect(cracks.map((c) => [c.state, c.path])).toEqual([
      [undefined, 'machine.initial'],
      ['review', 'machine.states.review.initial'],
    ]);
    expect(cracks[1].message).toContain('machine.states.review.initial');
  });

  it('fires for an "initial" that names no child', () => {
    const cracks = invalid({
      machine: { initial: 'strat', states: { start: {} } },
    });
    expect(cracks).toHaveLength(1);
    expect(cracks[0].message).toContain('machine.initial');
    expect(cracks[0].message).toContain('strat');
  });

  it('fires for guards, actions, services, roles and delays that are not declared', () => {
    const cracks = invalid({
      machine: {
        initial: 'a',
        states: {
          a: {
            entry: ['greet'],
            meta: { role: 'ghost' },
            invoke: { src: 'sendSms', onDone: 'b', onError: 'b' },
            on: { GO: { target: 'b', guard: 'isUrgent', actions: ['log'] } },
            after: { slaBreach: 'b' },
          },
          b: { type: 'final' },
        },
      },
    });
    expect(cracks.map((c) => c.path).sort()).toEqual([
      'machine.states.a.after.slaBreach',
      'machine.states.a.entry[0]',
      'machine.states.a.invoke.src',
      'machine.states.a.meta.role',
      'machine.states.a.on.GO.actions[0]',
      'machine.states.a.on.GO.guard',
    ]);
    for (const c of cracks) {
      expect(c.severity).toBe('error');
      expect(c.state).toBe('a');
      expect(c.message.startsWith(`${c.path}: `)).toBe(true);
    }
  });

  it('fires for a guard written as { type, params } that is not declared', () => {
    const cracks = invalid({
      machine: {
        initial: 'a',
        states: {
          a: { on: { GO: [{ target: 'b', guard: { type: 'over', params: { limit: 3 } } }, 'b'] } },
          b: { type: 'final' },
        },
      },
    });
    expect(cracks.map((c) => c.path)).toEqual(['machine.states.a.on.GO[0].guard']);
  });

  it('fires for two states with the same id', () => {
    const cracks = invalid({
      machine: {
        initial: 'a',
        states: { a: { id: 'twin', on: { GO: 'b' } }, b: { id: 'twin', type: 'final' } },
      },
    });
    expect(cracks.map((c) => [c.state, c.path])).toEqual([['b', 'machine.states.b.id']]);
  });

  it('fires for a history state whose default target does not exist', () => {
    const cracks = invalid({
      machine: {
        initial: 'work',
        states: {
          work: {
            initial: 'a',
            states: {
              a: { on: { GO: 'resume' } },
              resume: { type: 'history', target: 'b' },
            },
            on: { DONE: 'done' },
          },
          done: { type: 'final' },
        },
      },
    });
    expect(cracks.map(brief)).toEqual([
      { rule: 'invalid-machine', severity: 'error', state: 'work.resume' },
    ]);
    expect(cracks[0].message).toMatch(/^machine\.states\.work\.states\.resume\.target: target "b"/);
  });

  it('fires for an exception scoped to a state or a role that does not exist', () => {
    const cracks = invalid({
      roles: ['agent'],
      exceptions: { VOICEMAIL_FULL: { states: ['voicemail', 'voicemial'], roles: ['agnet'] } },
      machine: {
        initial: 'voicemail',
        states: {
          voicemail: { meta: { role: 'agent' }, on: { DONE: 'done', VOICEMAIL_FULL: 'done' } },
          done: { type: 'final' },
        },
      },
    });
    expect(cracks.map((c) => [c.event, c.path])).toEqual([
      ['VOICEMAIL_FULL', 'events.VOICEMAIL_FULL.when.states[1]'],
      ['VOICEMAIL_FULL', 'events.VOICEMAIL_FULL.when.roles[0]'],
    ]);
    expect(cracks[0].message).toContain('"voicemial"');
  });

  it('stays silent for a machine whose names and targets all resolve', () => {
    const cracks = invalid({
      exceptions: { OWNER_GONE: { states: ['a.inner'], roles: ['clerk'] } },
      conditions: ['isUrgent'],
      actions: ['log'],
      roles: ['clerk'],
      services: { sendSms: { description: 'Send the SMS', failureProbability: 0.1 } },
      delays: { slaBreach: 'PT2H' },
      machine: {
        initial: 'a',
        states: {
          a: {
            entry: 'log',
            meta: { role: 'clerk' },
            invoke: { src: 'sendSms', onDone: 'b', onError: '#end' },
            on: {
              GO: [{ target: 'b', guard: 'isUrgent', actions: ['log', 'xstate.log'] }, '.inner'],
            },
            after: { slaBreach: 'b', 30000: 'b' },
            initial: 'inner',
            states: {
              inner: { initial: 'deeper', states: { deeper: {} } },
              back: { type: 'history', history: 'deep', target: 'inner.deeper' },
            },
          },
          b: { id: 'end', type: 'final' },
        },
      },
    });
    expect(cracks).toEqual([]);
  });
});
