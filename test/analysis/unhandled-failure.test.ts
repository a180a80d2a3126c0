// unhandled-failure: an invoked service can fail and nothing catches the failure.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig, ServiceDef } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig, services: Record<string, ServiceDef>) =>
  analyse(proc({ machine, events: ['GO'], services }));

const crm = {
  createTicket: { description: 'Create the ticket in the CRM', failureProbability: 0.05 },
};

describe('unhandled-failure', () => {
  it('fires for an invoke without onError', () => {
    const a = analysed(
      {
        initial: 'filing',
        states: {
          filing: { invoke: { src: 'createTicket', onDone: 'done' } },
          done: { type: 'final' },
        },
      },
      crm,
    );
    const cracks = rulesOf(a, 'unhandled-failure');
    expect(cracks.map(brief)).toEqual([
      { rule: 'unhandled-failure', severity: 'error', state: 'filing' },
    ]);
    expect(cracks[0].message).toContain('createTicket');
    expect(cracks[0].message).toContain('Create the ticket in the CRM');
  });

  it('fires for each invoke of a list that lacks onError', () => {
    const a = analysed(
      {
        initial: 'filing',
        states: {
          filing: {
            invoke: [{ src: 'createTicket', onDone: 'done', onError: 'done' }, { src: 'sendSms' }],
          },
          done: { type: 'final' },
        },
      },
      { ...crm, sendSms: { description: 'Text the customer' } },
    );
    expect(rulesOf(a, 'unhandled-failure').map((c) => c.message)).toEqual([
      expect.stringContaining('sendSms'),
    ]);
  });

  it('stays silent with onError, with a service that never fails, or when an ancestor catches errors', () => {
    const a = analysed(
      {
        initial: 'filing',
        states: {
          filing: {
            invoke: { src: 'createTicket', onDone: 'texting', onError: 'texting' },
          },
          texting: { invoke: { src: 'sendSms', onDone: 'around' } },
          around: {
            on: { 'xstate.error.actor.*': 'done' },
            initial: 'inner',
            states: { inner: { invoke: { src: 'createTicket', onDone: '#test.done' } } },
          },
          done: { type: 'final' },
        },
      },
      { ...crm, sendSms: { description: 'Text the customer', failureProbability: 0 } },
    );
    expect(rulesOf(a, 'unhandled-failure')).toEqual([]);
  });

  it('stays silent when an ancestor catches the error of that invocation by its id', () => {
    const a = analysed(
      {
        initial: 'around',
        states: {
          around: {
            on: { 'xstate.error.actor.ticket': 'done' },
            initial: 'filing',
            states: {
              filing: { invoke: { id: 'ticket', src: 'createTicket', onDone: '#test.done' } },
            },
          },
          done: { type: 'final' },
        },
      },
      crm,
    );
    expect(rulesOf(a, 'unhandled-failure')).toEqual([]);
  });

  it('stays silent for an invoke in a state nobody reaches', () => {
    const a = analysed(
      {
        initial: 'a',
        states: {
          a: { on: { GO: 'done' } },
          filing: { invoke: { src: 'createTicket', onDone: 'done' } },
          done: { type: 'final' },
        },
      },
      crm,
    );
    expect(rulesOf(a, 'unhandled-failure')).toEqual([]);
  });
});
