// SCXML import keeps SCXML's meaning: each document is run by SCXML's rules (the reference
// interpreter of the W3C algorithm) and, once imported, by XState, on the same events with the
// same answers to its conditions; after every event both must be in the same states, done or not,
// with the same <log> content run in the same order.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import { importScxml } from '../../src/core/import/scxml';
import { rulesOf } from '../helpers';
import { type Run, runReference, runXState, where } from './run';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');

/** Runs the document both ways on `events`, comparing after the start and after every event. */
function bothWays(name: string, events: string[], answers: Record<string, boolean> = {}) {
  const text = fixture(name);
  const { process } = importScxml(text);
  const xstate = runXState(process, answers);
  const scxml = runReference(text, answers);
  const steps: ReturnType<typeof where>[] = [];
  const check = (after: string) => {
    expect(where(xstate), `${name} after ${after}`).toEqual(where(scxml));
    steps.push(where(scxml));
  };
  check('the start');
  events.forEach((event, i) => {
    xstate.send(event);
    scxml.send(event);
    check(`${events.slice(0, i + 1).join(', ')}`);
  });
  return steps;
}

const newLog = (steps: { log: string[] }[], i: number) =>
  steps[i].log.slice(i === 0 ? 0 : steps[i - 1].log.length);

describe('external and internal transitions', () => {
  it('an external self-transition leaves and re-enters; an internal one to a child does not', () => {
    const steps = bothWays('reentry.scxml', [
      'ext',
      'int',
      'extchild',
      'intself',
      'leave',
      'aself',
      'stay',
      'back',
    ]);
    expect(newLog(steps, 0)).toEqual(['s_in', 's1_in']);
    expect(newLog(steps, 1)).toEqual(['s1_out', 's_out', 's_in', 's1_in']); // ext
    expect(newLog(steps, 2)).toEqual(['s1_out', 's2_in']); // int: s stays
    expect(newLog(steps, 3)).toEqual(['s2_out', 's_out', 's_in', 's2_in']); // extchild
    // type="internal" aimed at the state itself is external in SCXML
    expect(newLog(steps, 4)).toEqual(['s2_out', 's_out', 's_in', 's1_in']);
    expect(newLog(steps, 5)).toEqual(['s1_out', 's_out', 'a_in']); // leave
    // an atomic state cannot stay inside itself: internal is external
    expect(newLog(steps, 6)).toEqual(['a_out', 'a_in']);
    expect(newLog(steps, 7)).toEqual(['stay']); // targetless: nothing left or entered
    expect(newLog(steps, 8)).toEqual(['a_out', 'back', 's_in', 's1_in']);
  });
});

describe('event descriptors', () => {
  it('match token prefixes: "error" takes error.send, not errorx', () => {
    for (const event of ['error', 'error.send', 'error.send.x', 'error.send.x.y'])
      expect(bothWays('prefix.scxml', [event]).at(-1)?.active).toEqual(['e1']);
    expect(bothWays('prefix.scxml', ['errorx']).at(-1)?.active).toEqual(['s']);
    expect(bothWays('prefix.scxml', ['errorx'], { anyOk: true }).at(-1)?.active).toEqual(['any']);
  });

  it('"*" takes its turn in document order: before a later exact match', () => {
    // XState alone would try the exact "go" first; SCXML tries "*" first, as written.
    expect(bothWays('prefix.scxml', ['go'], { anyOk: true }).at(-1)?.active).toEqual(['any']);
    expect(bothWays('prefix.scxml', ['go'], { anyOk: false }).at(-1)?.active).toEqual(['go1']);
    expect(bothWays('prefix.scxml', ['go.fast']).at(-1)?.active).toEqual(['go1']);
    // ...but after an earlier one
    expect(bothWays('prefix.scxml', ['error'], { anyOk: true }).at(-1)?.active).toEqual(['e1']);
  });

  it('lists of descriptors, "b.*" and conditions are tried in document order', () => {
    const endsIn = (event: string, answers: Record<string, boolean>) =>
      bothWays('prefix.scxml', [event], answers).at(-1)?.active;
    expect(endsIn('a', { c1: true })).toEqual(['t1']);
    expect(endsIn('a', { c1: false })).toEqual(['t3']);
    expect(endsIn('b.c.d', { c1: true })).toEqual(['t1']);
    expect(endsIn('b.c.d', { c1: false })).toEqual(['t2']);
    expect(endsIn('b', { c1: true })).toEqual(['t2']);
    expect(endsIn('b.x', {})).toEqual(['t2']);
    expect(endsIn('a.z', { c1: true })).toEqual(['t1']); // "a" in "a b.c" matches a.z
    expect(endsIn('a.z', { c1: false })).toEqual(['t3']);
  });
});

describe('eventless transitions, defaults, history, final states, parallel states', () => {
  it('eventless transitions run as soon as their condition holds', () => {
    expect(bothWays('eventless.scxml', [], { ready: true })[0]).toEqual({
      active: ['v'],
      done: false,
      log: ['t_in', 't_to_v'],
    });
    const steps = bothWays('eventless.scxml', ['go', 'check', 'again'], { ready: false });
    expect(steps.map((s) => s.active)).toEqual([['s'], ['u'], ['s'], ['s']]);
  });

  it('initial states: several ids, a descendant that is not the default, an <initial> with content', () => {
    const steps = bothWays('initial.scxml', [
      'next',
      'reset',
      'deep',
      'sib',
      'again',
      'toq',
      'restart',
    ]);
    expect(steps.map((s) => s.active)).toEqual([
      ['p1a', 'p2b'],
      ['p1b', 'p2a'],
      ['q2b'],
      ['r2'],
      ['r1'],
      ['r2'],
      ['q2b'],
      ['p1a', 'p2a'], // entered by target, not by the document's initial: the regions' defaults
    ]);
    expect(newLog(steps, 3)).toEqual(['r_in', 'r_init', 'r2_in']);
  });

  it('shallow and deep history, and their defaults', () => {
    const steps = bothWays('history.scxml', [
      'resume', // no history yet: the default, m2
      'across',
      'next',
      'pause',
      'resume', // shallow: m1, then its default m1a
      'next',
      'pause',
      'resumeDeep', // deep: m1b
      'pause',
      'work', // the default of wh: two regions, and its content
      'flip',
      'next',
      'pause',
      'work', // deep history of w
    ]);
    expect(steps.map((s) => s.active)).toEqual([
      ['paused'],
      ['m2'],
      ['m1a'],
      ['m1b'],
      ['paused'],
      ['m1a'],
      ['m1b'],
      ['paused'],
      ['m1b'],
      ['paused'],
      ['wa2', 'wb2'],
      ['wa2', 'wb1'],
      ['wa1', 'wb1'],
      ['paused'],
      ['wa1', 'wb1'],
    ]);
    expect(newLog(steps, 10)).toEqual(['w_in', 'wh_default']);
  });

  it('final states raise done events for compound and parallel states, and end the machine', () => {
    const steps = bothWays('done.scxml', ['a_done', 'b_done', 'close', 'close']);
    expect(steps.map((s) => [s.active, s.done])).toEqual([
      [['a1', 'b1'], false],
      [['af', 'b1'], false],
      [['c1'], false],
      [['end'], true],
      [['end'], true],
    ]);
    expect(newLog(steps, 1)).toEqual(['af_in', 'a_finished']);
    expect(newLog(steps, 3)).toEqual(['closed', 'end_in']);
  });

  it('transitions across regions leave and re-enter the whole parallel state', () => {
    const steps = bothWays('parallel.scxml', [
      'next',
      'cross',
      'self',
      'both',
      'out',
      'in',
      'next',
    ]);
    expect(steps.map((s) => s.active)).toEqual([
      ['x1', 'y1'],
      ['x2', 'y2'],
      ['x2', 'y2'], // x2 has no "cross"
      ['x2', 'y2'],
      ['x2', 'y1'],
      ['Q'],
      ['x2', 'y2'],
      ['x1', 'y2'],
    ]);
    const cross = bothWays('parallel.scxml', ['cross']);
    expect(newLog(cross, 1)).toEqual(['R2_out', 'R1_out', 'P_out', 'P_in', 'R1_in', 'R2_in']);
  });
});

describe('random event sequences agree with SCXML', () => {
  const documents: Record<string, { events: string[]; conditions: string[] }> = {
    'reentry.scxml': {
      events: ['ext', 'int', 'extchild', 'intself', 'leave', 'aself', 'stay', 'back', 'none'],
      conditions: [],
    },
    'prefix.scxml': {
      events: [
        'error',
        'error.send',
        'error.send.x',
        'errorx',
        'go',
        'go.x',
        'a',
        'a.z',
        'b',
        'b.c',
        'b.c.d',
        'b.x',
        'back',
        'zzz',
      ],
      conditions: ['anyOk', 'c1'],
    },
    'eventless.scxml': { events: ['go', 'check', 'again'], conditions: ['ready'] },
    'initial.scxml': {
      events: ['next', 'reset', 'deep', 'sib', 'again', 'toq', 'restart'],
      conditions: [],
    },
    'history.scxml': {
      events: ['resume', 'resumeDeep', 'work', 'across', 'next', 'pause', 'flip'],
      conditions: [],
    },
    'done.scxml': { events: ['a_done', 'b_done', 'close', 'done', 'done.x'], conditions: [] },
    'parallel.scxml': { events: ['next', 'cross', 'self', 'both', 'out', 'in'], conditions: [] },
    'keys.scxml': { events: ['go', 'gen'], conditions: [] },
    'prefixed.scxml': { events: ['go', 'stop'], conditions: [] },
  };
  // mulberry32: the same sequences on every run
  let seed = 20260501;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (const [name, { events, conditions }] of Object.entries(documents))
    it(`${name}: 150 sequences of 10 events`, () => {
      const text = fixture(name);
      const { process } = importScxml(text);
      for (let run = 0; run < 150; run++) {
        const answers = Object.fromEntries(conditions.map((c) => [c, random() < 0.5]));
        const sequence = Array.from(
          { length: 10 },
          () => events[Math.floor(random() * events.length)],
        );
        const xstate: Run = runXState(process, answers);
        const scxml: Run = runReference(text, answers);
        expect(where(xstate), `${name} at the start, answers ${JSON.stringify(answers)}`).toEqual(
          where(scxml),
        );
        sequence.forEach((event, i) => {
          xstate.send(event);
          scxml.send(event);
          expect(
            where(xstate),
            `${name} after ${sequence.slice(0, i + 1).join(', ')} with ${JSON.stringify(answers)}`,
          ).toEqual(where(scxml));
        });
      }
    });
});

describe('the imported process', () => {
  for (const name of [
    'reentry',
    'prefix',
    'eventless',
    'initial',
    'history',
    'done',
    'parallel',
    'timer',
    'content',
    'prefixed',
    'keys',
  ])
    it(`${name}.scxml: the analyser and XState accept it`, () => {
      const { process } = importScxml(fixture(`${name}.scxml`));
      expect(rulesOf(analyse(process, { xstate: true }), 'invalid-machine')).toEqual([]);
    });
});
