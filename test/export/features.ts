// A process that uses every machine feature the exporters translate: a machine with transitions
// and actions of its own, parallel regions, history, `after` with numbers and names (one not
// declared), self-transitions with and without re-entering, internal transitions, a service,
// `always`, wildcards, dotted events, guards with params.

import type { ProcessFile } from '../../src/core/model/types';
import { proc } from '../helpers';

export function featuresProcess(): ProcessFile {
  const process = proc({
    id: 'features',
    events: [
      'START',
      'PING',
      'RESET',
      'NEXT',
      'JUMP',
      'SAVE',
      'CLEAR',
      'DEEP',
      'OUT',
      'BACK',
      'EDIT',
      'CANCEL',
      'FETCH',
      'X',
      'X.Y',
      'ANY',
    ],
    conditions: ['ready', 'retry', 'big'],
    actions: ['logStart', 'enterEditing', 'leaveEditing', 'tick'],
    services: { fetchIt: { description: 'Fetches it', failureProbability: 0.1 } },
    delays: { short: 500, later: 'PT1S' },
    machine: {
      id: 'features',
      initial: 'idle',
      entry: ['logStart'],
      on: { CANCEL: '.cancelled' },
      states: {
        idle: {
          on: {
            START: 'work',
            PING: { target: 'idle', actions: ['tick'] },
            RESET: { target: 'idle', reenter: true },
            EDIT: 'editing',
            FETCH: 'service',
            X: 'catcher',
          },
          after: {
            1000: [{ target: 'work', guard: 'ready' }, { target: 'editing' }],
            short: { target: 'idle', guard: { type: 'big', params: { over: 5 } } },
            missing: { target: 'idle', guard: 'big' },
          },
        },
        work: {
          type: 'parallel',
          onDone: 'done',
          on: { OUT: 'idle' },
          states: {
            a: {
              initial: 'a1',
              states: {
                a1: { on: { NEXT: 'a2' } },
                a2: { type: 'final' },
                hist: { type: 'history', history: 'deep' },
              },
            },
            b: {
              initial: 'b1',
              states: {
                b1: { on: { NEXT: 'b2', JUMP: '#features.work.a.a2' } },
                b2: { type: 'final' },
              },
            },
          },
        },
        editing: {
          initial: 'draft',
          entry: ['enterEditing'],
          exit: ['leaveEditing'],
          on: { CLEAR: 'editing', DEEP: '.saved', OUT: 'idle', BACK: '#features.back' },
          after: { later: 'idle' },
          states: {
            draft: { on: { SAVE: 'saved' } },
            saved: {},
            h: { type: 'history' },
          },
        },
        back: { on: { EDIT: 'editing.h' } },
        service: {
          meta: { duration: 2 },
          invoke: { src: 'fetchIt', id: 'fetch', onDone: 'idle', onError: 'failed' },
        },
        failed: { always: [{ target: 'idle', guard: 'retry' }], on: { PING: 'idle' } },
        catcher: { on: { 'X.*': 'failed', '*': 'idle', X: 'catcher' } },
        cancelled: { type: 'final' },
        done: { type: 'final' },
      },
    },
    scenarios: [
      {
        id: 'both regions',
        steps: [{ event: 'START' }, { event: 'NEXT' }],
        expect: { state: 'done' },
      },
      {
        id: 'jump',
        steps: [{ event: 'START' }, { event: 'JUMP' }, { event: 'NEXT' }],
        expect: { state: 'done' },
      },
      {
        id: 'self without re-entering keeps the timer',
        steps: [{ wait: 700 }, { event: 'PING' }, { wait: 400 }],
        assume: { ready: true },
        expect: { state: 'work' },
      },
      {
        id: 're-entering restarts the timer',
        steps: [{ wait: 700 }, { event: 'RESET' }, { wait: 400 }],
        assume: { ready: true },
        expect: { state: 'idle' },
      },
      {
        id: 'history and internal',
        steps: [
          { event: 'EDIT' },
          { event: 'DEEP' },
          { event: 'BACK' },
          { event: 'EDIT' },
          { event: 'CLEAR' },
        ],
        expect: { state: 'editing.draft' },
      },
      {
        id: 'history remembers',
        steps: [{ event: 'EDIT' }, { event: 'SAVE' }, { event: 'BACK' }, { event: 'EDIT' }],
        expect: { state: 'editing.saved' },
      },
      {
        id: 'service fails, then retry',
        steps: [
          { event: 'FETCH' },
          { wait: 200_000 },
          { assume: { retry: true } },
          { event: 'PING' },
        ],
        assume: { fetchIt: false },
        expect: { state: 'idle' },
      },
      {
        id: 'wildcards',
        steps: [
          { event: 'X' },
          { event: 'X' },
          { event: 'X.Y' },
          { event: 'PING' },
          { event: 'X' },
          { event: 'ANY' },
        ],
        expect: { state: 'idle' },
      },
      {
        id: 'cancel anywhere',
        steps: [{ event: 'START' }, { event: 'CANCEL' }],
        expect: { state: 'cancelled', done: true },
      },
    ],
  });
  return process;
}

/** The smallest process: no catalogue at all, a machine that is done at once. */
export function bareProcess(): ProcessFile {
  return proc({
    id: 'bare',
    machine: { initial: 'only', states: { only: { type: 'final' } } },
    scenarios: [{ id: 'nothing', steps: [], expect: { done: true } }],
  });
}
