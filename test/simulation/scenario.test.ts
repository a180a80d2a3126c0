// Scenarios run on the real XState machine with a virtual clock (DESIGN.md section 3).
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/core/model/types';
import { runScenario } from '../../src/core/simulation/scenario';
import { proc } from '../helpers';

const callRouting = proc({
  events: ['CALL_IN', 'ANSWERED', 'MESSAGE_LEFT', 'CALLED_BACK', 'HUNG_UP'],
  exceptions: { VOICEMAIL_FULL: { states: ['voicemail'] } },
  conditions: ['inBusinessHours', 'isVip'],
  roles: ['receptionist', 'agent'],
  machine: {
    initial: 'idle',
    states: {
      idle: {
        on: {
          CALL_IN: [{ target: 'ringing', guard: 'inBusinessHours' }, { target: 'afterHours' }],
        },
      },
      afterHours: { type: 'final' },
      ringing: {
        meta: { role: 'receptionist' },
        on: { ANSWERED: 'triage', HUNG_UP: 'lost' },
        after: { 30000: 'voicemail' },
      },
      voicemail: {
        meta: { role: 'agent' },
        on: { MESSAGE_LEFT: 'callbackQueued', VOICEMAIL_FULL: 'callbackQueued' },
        after: { 30000: 'lost' },
      },
      triage: {
        meta: { role: 'receptionist' },
        always: [{ target: 'vipDesk', guard: 'isVip' }, { target: 'talking' }],
      },
      vipDesk: { meta: { role: 'agent' }, on: { HUNG_UP: 'resolved' } },
      talking: { meta: { role: 'agent' }, on: { HUNG_UP: 'resolved' } },
      callbackQueued: { meta: { role: 'agent' }, on: { CALLED_BACK: 'resolved' } },
      lost: { type: 'final' },
      resolved: { type: 'final' },
    },
  },
});

const run = (scenario: Omit<Scenario, 'id'>) => runScenario(callRouting, { id: 's', ...scenario });

describe('runScenario', () => {
  it('passes when every expectation holds', () => {
    const result = run({
      title: "The callee's mailbox is full",
      assume: { inBusinessHours: true },
      steps: [{ event: 'CALL_IN' }, { wait: 30000 }, { event: 'VOICEMAIL_FULL' }],
      expect: { state: 'callbackQueued', handled: true, notIn: ['lost'] },
    });
    expect(result).toMatchObject({
      id: 's',
      title: "The callee's mailbox is full",
      passed: true,
      state: 'callbackQueued',
      failures: [],
      dropped: [],
    });
    expect(result.message).toBeUndefined();
    expect(result.timeline.map((t) => [t.event, t.to.join()])).toEqual([
      ['CALL_IN', 'ringing'],
      ['time passes', 'voicemail'],
      ['VOICEMAIL_FULL', 'callbackQueued'],
    ]);
  });

  it('fails saying which expectation failed, where the case ended and which step was dropped', () => {
    const result = run({
      assume: { inBusinessHours: true },
      steps: [{ event: 'CALL_IN' }, { event: 'VOICEMAIL_FULL' }, { event: 'ANSWERED' }],
      expect: { state: 'callbackQueued', handled: true },
    });
    expect(result.passed).toBe(false);
    expect(result.state).toBe('talking');
    expect(result.dropped).toEqual([{ step: 1, event: 'VOICEMAIL_FULL', state: 'ringing' }]);
    expect(result.failures).toEqual([
      'expected the case to end in "callbackQueued", but it is in "talking"',
      'step 2 (VOICEMAIL_FULL) was not handled: nobody handles VOICEMAIL_FULL in "ringing"',
    ]);
    expect(result.message).toContain('"callbackQueued"');
    expect(result.message).toContain('"talking"');
    expect(result.message).toContain('step 2 (VOICEMAIL_FULL)');
  });

  it('names dropped steps even when "handled" was not asked for', () => {
    const result = run({
      assume: { inBusinessHours: true },
      steps: [{ event: 'CALL_IN' }, { event: 'CALLED_BACK' }],
      expect: { state: 'resolved' },
    });
    expect(result.passed).toBe(false);
    expect(result.message).toContain('dropped on the way: step 2 CALLED_BACK in "ringing"');
  });

  it('fires "after" transitions on wait, chained ones too (30 s, then 30 s more)', () => {
    const result = run({
      assume: { inBusinessHours: true },
      steps: [{ event: 'CALL_IN' }, { wait: 60000 }],
      expect: { state: 'lost', done: true, handled: true },
    });
    expect(result.passed).toBe(true);
    expect(
      result.timeline.filter((t) => t.event === 'time passes').map((t) => [t.at, t.to.join()]),
    ).toEqual([
      [30000, 'voicemail'],
      [60000, 'lost'],
    ]);
  });

  it('does not fire a timer before it is due', () => {
    const result = run({
      assume: { inBusinessHours: true },
      steps: [{ event: 'CALL_IN' }, { wait: 29999 }],
      expect: { state: 'ringing' },
    });
    expect(result).toMatchObject({ passed: true, state: 'ringing' });
    const later = run({
      assume: { inBusinessHours: true },
      steps: [{ event: 'CALL_IN' }, { wait: 29999 }, { wait: 1 }],
      expect: { state: 'voicemail' },
    });
    expect(later).toMatchObject({ passed: true, state: 'voicemail' });
  });

  it('answers guards from "assume", and an "assume" step changes the answers from there on', () => {
    const closed = run({
      assume: { inBusinessHours: false },
      steps: [{ event: 'CALL_IN' }],
      expect: { state: 'afterHours', done: true },
    });
    expect(closed.passed).toBe(true);

    const vip = run({
      assume: { inBusinessHours: true, isVip: false },
      steps: [{ event: 'CALL_IN' }, { assume: { isVip: true } }, { event: 'ANSWERED' }],
      expect: { state: 'vipDesk' },
    });
    expect(vip).toMatchObject({ passed: true, state: 'vipDesk' });

    const changedMind = run({
      assume: { inBusinessHours: false },
      steps: [{ assume: { inBusinessHours: true } }, { event: 'CALL_IN' }],
      expect: { state: 'ringing' },
    });
    expect(changedMind.passed).toBe(true);
  });

  it('takes an unanswered question as no, and says so when the scenario fails', () => {
    const result = run({
      steps: [{ event: 'CALL_IN' }],
      expect: { state: 'ringing' },
    });
    expect(result.passed).toBe(false);
    expect(result.state).toBe('afterHours');
    expect(result.message).toContain('unanswered questions taken as no: inBusinessHours');
  });

  it('"notIn" catches a state the case only passed through', () => {
    const result = run({
      assume: { inBusinessHours: true, isVip: false },
      steps: [{ event: 'CALL_IN' }, { event: 'ANSWERED' }],
      expect: { state: 'talking', notIn: ['triage', 'voicemail'] },
    });
    expect(result.passed).toBe(false);
    expect(result.state).toBe('talking');
    expect(result.failures).toEqual(['expected the case never to enter "triage", but it did']);
  });

  it('"done: true" holds only when the case reached a top-level final state', () => {
    const done = run({
      assume: { inBusinessHours: true },
      steps: [{ event: 'CALL_IN' }, { event: 'HUNG_UP' }],
      expect: { done: true },
    });
    expect(done).toMatchObject({ passed: true, state: 'lost' });

    const open = run({
      assume: { inBusinessHours: true },
      steps: [{ event: 'CALL_IN' }, { event: 'ANSWERED' }],
      expect: { done: true },
    });
    expect(open.passed).toBe(false);
    expect(open.failures).toEqual([
      'expected the case to be finished, but it is still in "talking"',
    ]);
  });

  it('"state" accepts a compound state the case is inside', () => {
    const nested = proc({
      events: ['GO'],
      machine: {
        initial: 'handling',
        states: {
          handling: { initial: 'first', states: { first: { on: { GO: 'second' } }, second: {} } },
        },
      },
    });
    const result = runScenario(nested, {
      id: 'inside',
      steps: [{ event: 'GO' }],
      expect: { state: 'handling' },
    });
    expect(result).toMatchObject({ passed: true, state: 'handling.second' });
  });
});
