// unhandled-exception: an exception can happen in a reachable state and nobody handles it there.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { EventDef, MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf, statesOf } from '../helpers';

const analysed = (machine: MachineConfig, exceptions: Record<string, EventDef['when'] | true>) =>
  analyse(proc({ machine, events: ['GO'], exceptions, roles: ['receptionist', 'agent'] }));

const callRouting: MachineConfig = {
  initial: 'ringing',
  states: {
    ringing: { meta: { role: 'receptionist' }, on: { GO: 'voicemail' } },
    voicemail: { meta: { role: 'agent' }, on: { GO: 'done' } },
    done: { type: 'final' },
  },
};

describe('unhandled-exception', () => {
  it('fires in every reachable state for an exception without "when"', () => {
    const a = analysed(callRouting, { OWNER_GONE: true });
    expect(rulesOf(a, 'unhandled-exception').map(brief)).toEqual([
      { rule: 'unhandled-exception', severity: 'error', state: 'ringing', event: 'OWNER_GONE' },
      { rule: 'unhandled-exception', severity: 'error', state: 'voicemail', event: 'OWNER_GONE' },
    ]);
    expect(rulesOf(a, 'unhandled-exception')[1].message).toContain('OWNER_GONE');
  });

  it('fires only in the states of its "when", a compound state covering its descendants', () => {
    const machine: MachineConfig = {
      initial: 'reception',
      states: {
        reception: {
          meta: { role: 'receptionist' },
          initial: 'ringing',
          states: { ringing: { on: { GO: 'holding' } }, holding: { on: { GO: '#test.done' } } },
        },
        done: { type: 'final' },
      },
    };
    const a = analysed(machine, { VOICEMAIL_FULL: { states: ['reception'] } });
    expect(statesOf(a, 'unhandled-exception')).toEqual(['reception.holding', 'reception.ringing']);
    const narrow = analysed(machine, { VOICEMAIL_FULL: { states: ['reception.holding'] } });
    expect(statesOf(narrow, 'unhandled-exception')).toEqual(['reception.holding']);
  });

  it('fires only in states of the roles in its "when" (the role may come from an ancestor)', () => {
    const machine: MachineConfig = {
      initial: 'ringing',
      states: {
        ringing: { meta: { role: 'receptionist' }, on: { GO: 'callee' } },
        callee: {
          meta: { role: 'agent' },
          initial: 'talking',
          states: { talking: { on: { GO: '#test.done' } } },
        },
        done: { type: 'final' },
      },
    };
    const a = analysed(machine, { OWNER_GONE: { roles: ['agent'] } });
    expect(rulesOf(a, 'unhandled-exception').map(brief)).toEqual([
      {
        rule: 'unhandled-exception',
        severity: 'error',
        state: 'callee.talking',
        event: 'OWNER_GONE',
      },
    ]);
  });

  it('stays silent where the state or an ancestor handles it', () => {
    const a = analysed(
      {
        initial: 'reception',
        on: { CUSTOMER_HUNG_UP: '.done' },
        states: {
          reception: {
            initial: 'ringing',
            on: { OWNER_GONE: 'queue' },
            states: { ringing: { on: { GO: 'holding', VOICEMAIL_FULL: 'holding' } }, holding: {} },
          },
          queue: { on: { OWNER_GONE: 'done', VOICEMAIL_FULL: 'done', GO: 'done' } },
          done: { type: 'final' },
        },
      },
      {
        OWNER_GONE: true,
        CUSTOMER_HUNG_UP: true,
        VOICEMAIL_FULL: { states: ['reception.ringing', 'queue'] },
      },
    );
    expect(rulesOf(a, 'unhandled-exception')).toEqual([]);
  });

  it('stays silent outside its scope, in unreachable states and in final states', () => {
    const a = analysed(
      {
        initial: 'ringing',
        states: {
          ringing: { meta: { role: 'receptionist' }, on: { GO: 'done', VOICEMAIL_FULL: 'done' } },
          voicemail: { meta: { role: 'agent' } },
          done: { type: 'final' },
        },
      },
      { VOICEMAIL_FULL: { states: ['voicemail'] }, OWNER_GONE: { roles: ['agent'] } },
    );
    expect(rulesOf(a, 'unhandled-exception')).toEqual([]);
  });

  it('counts a wildcard transition as handling it', () => {
    const a = analysed(
      { initial: 'a', states: { a: { on: { '*': 'done' } }, done: { type: 'final' } } },
      { OWNER_GONE: true },
    );
    expect(rulesOf(a, 'unhandled-exception')).toEqual([]);
  });

  describe('in a parallel state', () => {
    type On = MachineConfig['on'];
    /** Region "left" never handles OWNER_GONE; "right" may, in its region, in r1, or "p" may. */
    const parallel = (on: { p?: On; right?: On; r1?: On }): MachineConfig => ({
      initial: 'p',
      states: {
        p: {
          type: 'parallel',
          on: on.p,
          states: {
            left: { initial: 'l1', states: { l1: { on: { GO: 'l2' } }, l2: {} } },
            right: {
              initial: 'r1',
              on: on.right,
              states: { r1: { on: { GO: 'r2', ...on.r1 } }, r2: { on: { GO: '#test.done' } } },
            },
          },
        },
        done: { type: 'final' },
      },
    });

    it('stays silent when another region handles it whatever state that region is in', () => {
      const a = analysed(parallel({ right: { OWNER_GONE: '.r2' } }), { OWNER_GONE: true });
      expect(rulesOf(a, 'unhandled-exception')).toEqual([]);
    });

    it('fires where the other region may be in a state that does not handle it', () => {
      const a = analysed(parallel({ r1: { OWNER_GONE: 'r2' } }), { OWNER_GONE: true });
      // r2 does not handle it, so neither left leaf is safe while "right" may be in r2.
      expect(statesOf(a, 'unhandled-exception')).toEqual(['p.left.l1', 'p.left.l2', 'p.right.r2']);
    });

    it('stays silent when the parallel state itself handles it', () => {
      const a = analysed(parallel({ p: { OWNER_GONE: 'done' } }), { OWNER_GONE: true });
      expect(rulesOf(a, 'unhandled-exception')).toEqual([]);
    });
  });
});
