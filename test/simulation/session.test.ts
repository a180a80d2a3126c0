import { describe, expect, it } from 'vitest';
import { SimulatorSession } from '../../src/core/simulation/session';
import { proc } from '../helpers';

const callRouting = () =>
  proc({
    roles: {
      receptionist: { title: 'Receptionist', costPerHour: 30 },
      agent: { title: 'Agent', costPerHour: 40 },
    },
    events: ['CALL_IN', 'ANSWERED', 'HUNG_UP'],
    exceptions: { VOICEMAIL_FULL: { states: ['voicemail'] }, OWNER_GONE: { roles: ['agent'] } },
    conditions: { inHours: { question: 'Is it within business hours?', probability: 0.8 } },
    machine: {
      initial: 'idle',
      states: {
        idle: { on: { CALL_IN: 'ringing' } },
        ringing: {
          meta: { role: 'receptionist' },
          on: { ANSWERED: [{ target: 'talking', guard: 'inHours' }, { target: 'closed' }] },
          after: { 30000: 'voicemail' },
        },
        talking: { meta: { role: 'agent' }, on: { HUNG_UP: 'done' } },
        voicemail: { meta: { role: 'agent' }, after: { 60000: 'done' } },
        closed: { type: 'final' },
        done: { type: 'final' },
      },
    },
  });

describe('the simulator session', () => {
  it('lists the events the current configuration handles, with the questions they depend on', () => {
    const session = new SimulatorSession(callRouting());
    expect(session.view().events.map((e) => e.type)).toEqual(['CALL_IN']);
    session.send('CALL_IN');
    const view = session.view();
    expect(view.states).toEqual(['ringing']);
    expect(view.role).toBe('receptionist');
    expect(view.events).toEqual([
      expect.objectContaining({
        type: 'ANSWERED',
        questions: [{ guard: 'inHours', question: 'Is it within business hours?' }],
      }),
    ]);
    expect(view.nextTimerIn).toBe(30000);
  });

  it('takes the answer to a question with the event', () => {
    const yes = new SimulatorSession(callRouting());
    yes.send('CALL_IN');
    yes.send('ANSWERED', { inHours: true });
    expect(yes.view().states).toEqual(['talking']);
    const no = new SimulatorSession(callRouting());
    no.send('CALL_IN');
    no.send('ANSWERED', { inHours: false });
    expect(no.view().states).toEqual(['closed']);
    expect(no.view().status).toBe('done');
  });

  it('lists the exceptions in scope here, by state and by role', () => {
    const session = new SimulatorSession(callRouting());
    expect(session.view().exceptions).toEqual([]);
    session.send('CALL_IN');
    session.advance(30000);
    expect(session.view().states).toEqual(['voicemail']);
    expect(
      session
        .view()
        .exceptions.map((e) => e.type)
        .sort(),
    ).toEqual(['OWNER_GONE', 'VOICEMAIL_FULL']);
  });

  it('records an event nobody handles as dropped, never silently', () => {
    const session = new SimulatorSession(callRouting());
    session.send('CALL_IN');
    session.advance(30000);
    const entry = session.send('VOICEMAIL_FULL');
    expect(entry.handled).toBe(false);
    expect(entry.message).toBe('nobody handles VOICEMAIL_FULL in voicemail');
    expect(session.view().states).toEqual(['voicemail']);
    expect(session.view().timeline.at(-1)).toMatchObject({
      event: 'VOICEMAIL_FULL',
      handled: false,
    });
  });

  it('advances the clock through chained timers, with time and role on the timeline', () => {
    const session = new SimulatorSession(callRouting());
    session.send('CALL_IN');
    session.advance(90000);
    const view = session.view();
    expect(view.states).toEqual(['done']);
    expect(view.time).toBe(90000);
    expect(view.timeline.map((e) => [e.at, e.event, e.from, e.to, e.role])).toEqual([
      [0, 'CALL_IN', ['idle'], ['ringing'], undefined],
      [30000, 'time passes', ['ringing'], ['voicemail'], 'receptionist'],
      [90000, 'time passes', ['voicemail'], ['done'], 'agent'],
    ]);
  });

  it('advances to the next timer on demand', () => {
    const session = new SimulatorSession(callRouting());
    session.send('CALL_IN');
    session.advanceToNextTimer();
    expect(session.view().states).toEqual(['voicemail']);
    expect(session.view().time).toBe(30000);
  });

  it('steps back one step at a time, to the start', () => {
    const session = new SimulatorSession(callRouting());
    session.send('CALL_IN');
    session.send('ANSWERED', { inHours: true });
    expect(session.view().states).toEqual(['talking']);
    expect(session.back()).toBe(true);
    expect(session.view().states).toEqual(['ringing']);
    expect(session.view().timeline).toHaveLength(1);
    expect(session.back()).toBe(true);
    expect(session.view().states).toEqual(['idle']);
    expect(session.back()).toBe(false);
    expect(session.view().canStepBack).toBe(false);
  });

  it('shows parallel regions as several active states', () => {
    const session = new SimulatorSession(
      proc({
        events: ['SENT', 'UPDATED'],
        machine: {
          initial: 'closing',
          states: {
            closing: {
              type: 'parallel',
              onDone: 'closed',
              states: {
                customer: {
                  initial: 'sending',
                  states: { sending: { on: { SENT: 'sent' } }, sent: { type: 'final' } },
                },
                crm: {
                  initial: 'updating',
                  states: { updating: { on: { UPDATED: 'updated' } }, updated: { type: 'final' } },
                },
              },
            },
            closed: { type: 'final' },
          },
        },
      }),
    );
    expect(session.view().states).toEqual(['closing.customer.sending', 'closing.crm.updating']);
    expect(
      session
        .view()
        .events.map((e) => e.type)
        .sort(),
    ).toEqual(['SENT', 'UPDATED']);
    session.send('UPDATED');
    session.send('SENT');
    expect(session.view().states).toEqual(['closed']);
  });
});

describe('the simulator session, when XState stops the case', () => {
  it('says why, instead of throwing, when the start loops forever', () => {
    const session = new SimulatorSession(
      proc({
        events: ['GO'],
        machine: { initial: 'b', states: { b: { always: 'c' }, c: { always: 'b' } } },
      }),
    );
    expect(session.view().status).toBe('error');
    expect(session.view().error).toMatch(/Infinite loop detected/);
  });

  it('says an event was dropped because the answers were no, not that nobody handles it', () => {
    const session = new SimulatorSession(
      proc({
        events: ['GO'],
        conditions: ['ok'],
        machine: {
          initial: 'a',
          states: { a: { on: { GO: { target: 'b', guard: 'ok' } } }, b: { type: 'final' } },
        },
      }),
    );
    expect(session.send('GO').message).toBe(
      'GO is dropped in a: every transition for it depends on a question, and the answers were no',
    );
  });
});
