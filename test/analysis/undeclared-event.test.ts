// undeclared-event: a transition uses an event that is not in the catalogue (often a typo).
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig) =>
  analyse(proc({ machine, events: ['ANSWERED', 'order.placed', 'order.cancelled'] }));

describe('undeclared-event', () => {
  it('fires for a typo, once per state and event, suggesting the catalogued name', () => {
    const a = analysed({
      initial: 'ringing',
      states: {
        ringing: { on: { ANSWERD: [{ target: 'done' }, { target: 'done' }] } },
        done: { type: 'final' },
      },
    });
    const cracks = rulesOf(a, 'undeclared-event');
    expect(cracks.map(brief)).toEqual([
      { rule: 'undeclared-event', severity: 'warning', state: 'ringing', event: 'ANSWERD' },
    ]);
    expect(cracks[0].message).toContain('did you mean ANSWERED?');
  });

  it('fires in every state that uses the event, and on the machine itself', () => {
    const a = analysed({
      initial: 'a',
      on: { HANGUP: '.done' },
      states: { a: { on: { HANGUP: 'done', ANSWERED: 'done' } }, done: { type: 'final' } },
    });
    expect(rulesOf(a, 'undeclared-event').map(brief)).toEqual([
      { rule: 'undeclared-event', severity: 'warning', event: 'HANGUP' },
      { rule: 'undeclared-event', severity: 'warning', state: 'a', event: 'HANGUP' },
    ]);
  });

  it('stays silent for catalogued events, wildcards that match one, and XState events', () => {
    const a = analysed({
      initial: 'a',
      states: {
        a: {
          on: {
            ANSWERED: 'b',
            'order.*': 'b',
            '*': 'b',
            'xstate.error.actor.crm': 'b',
          },
        },
        b: { type: 'final' },
      },
    });
    expect(rulesOf(a, 'undeclared-event')).toEqual([]);
  });

  it('fires for a wildcard that matches nothing in the catalogue', () => {
    const a = analysed({
      initial: 'a',
      states: { a: { on: { 'invoice.*': 'b', ANSWERED: 'b' } }, b: { type: 'final' } },
    });
    expect(rulesOf(a, 'undeclared-event').map((c) => c.event)).toEqual(['invoice.*']);
  });
});
