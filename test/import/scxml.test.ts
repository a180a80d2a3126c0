// SCXML import: what the process file holds, what is refused, and what is named as not carried.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock, setup, waitFor } from 'xstate';
import { ImportError } from '../../src/core/import/errors';
import { importScxml } from '../../src/core/import/scxml';
import { runReference, runXState } from './run';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');

const SCXML = 'xmlns="http://www.w3.org/2005/07/scxml" version="1.0"';

function refused(text: string): ImportError {
  try {
    importScxml(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('the document was imported');
}

describe('the process file', () => {
  it('is a process: plumb 1, ids from the document name, stage as-is, a catalogue of its events', () => {
    const { process } = importScxml(fixture('reentry.scxml'));
    expect(process).toMatchObject({ plumb: 1, id: 'reentry', title: 'Reentry', stage: 'as-is' });
    expect(process.machine.id).toBe('reentry');
    expect(Object.keys(process.events ?? {})).toEqual([
      'ext',
      'int',
      'extchild',
      'intself',
      'leave',
      'aself',
      'stay',
      'back',
    ]);
  });

  it('keys states by their SCXML id, "." and integer-like ids made safe, the id kept in meta', () => {
    const { process, warnings } = importScxml(fixture('keys.scxml'));
    const states = process.machine.states ?? {};
    expect(Object.keys(states)).toEqual(['triage_new', 'a_b', 'a_b_2', '_1', 'state_1']);
    expect(states.triage_new.meta).toEqual({ scxmlId: 'triage.new' });
    expect(states.a_b.meta).toEqual({ scxmlId: 'a.b' });
    expect(states.a_b_2.meta).toEqual({ scxmlId: 'a_b' });
    expect(states._1.meta).toEqual({ scxmlId: '1' });
    expect(states.state_1.meta).toBeUndefined(); // no id in the document: one is made up
    expect(process.machine.initial).toBe('triage_new');
    expect(states.triage_new.on?.go).toBe('a_b_2'); // target="a_b"
    expect(warnings).toContainEqual(expect.stringContaining('"a_b" is keyed "a_b_2"'));
  });

  it('maps a descriptor to its exact key and its ".*" key, and "*" to "*"', () => {
    const { process } = importScxml(fixture('prefix.scxml'));
    const on = process.machine.states?.s.on ?? {};
    expect(Object.keys(on)).toEqual(
      expect.arrayContaining(['error', 'error.*', '*', 'go', 'go.*', 'b', 'b.*']),
    );
    // every key lists, in document order, the transitions SCXML would try for its events
    expect(on.go).toEqual([{ target: 'any', guard: 'anyOk' }, 'go1']);
    expect(on['*']).toEqual({ target: 'any', guard: 'anyOk' });
    expect(Object.keys(process.events ?? {})).not.toContain('*');
  });

  it('external by default (reenter where it matters), internal as XState default', () => {
    const { process } = importScxml(fixture('reentry.scxml'));
    const on = process.machine.states?.s.on ?? {};
    expect(on.ext).toEqual({ target: 's', reenter: true });
    expect(on.int).toBe('.s2');
    expect(on.extchild).toEqual({ target: '.s2', reenter: true });
    expect(on.intself).toEqual({ target: 's', reenter: true });
    expect(process.machine.states?.a.on?.aself).toEqual({ target: 'a', reenter: true });
  });

  it('eventless transitions are "always"; several targets a list; cond a declared guard', () => {
    const eventless = importScxml(fixture('eventless.scxml')).process;
    expect(eventless.machine.states?.s.always).toEqual({ target: 't', guard: 'ready' });
    expect(eventless.conditions).toEqual({ ready: { question: 'ready', probability: 0.5 } });
    const parallel = importScxml(fixture('parallel.scxml')).process;
    expect(parallel.machine.states?.Q.on?.in).toEqual({
      target: ['#parallel.P.R1.x2', '#parallel.P.R2.y2'],
    });
    const content = importScxml(fixture('content.scxml')).process;
    expect(content.conditions).toEqual({
      count_gt_0_and_In_a: { question: "count > 0 && In('a')", probability: 0.5 },
    });
  });

  it('initial states: the child whose default reaches them, or a passing state that enters them', () => {
    const { process } = importScxml(fixture('initial.scxml'));
    expect(process.machine.initial).toBe('$initial');
    expect(process.machine.states?.$initial.always).toEqual({
      target: ['#initial.p.p1.p1a', '#initial.p.p2.p2b'],
    });
    expect(process.machine.states?.q.initial).toBe('q2');
    expect(process.machine.states?.r.states?.$initial.always).toEqual({
      target: 'r2',
      actions: 'log_r_init',
    });
    // A descendant that a default entry reaches anyway needs no passing state.
    const implied = importScxml(
      `<scxml ${SCXML} initial="b2"><state id="a"/><state id="b"><state id="b1"/><state id="b2"/></state></scxml>`,
    );
    expect(implied.process.machine.states?.b.initial).toBe('b1');
    expect(implied.process.machine.initial).toBe('$initial');
    const direct = importScxml(
      `<scxml ${SCXML} initial="b1"><state id="a"/><state id="b"><state id="b1"/><state id="b2"/></state></scxml>`,
    );
    expect(direct.process.machine.initial).toBe('b');
    expect(Object.keys(direct.process.machine.states ?? {})).toEqual(['a', 'b']);
  });

  it('history states with their defaults', () => {
    const { process } = importScxml(fixture('history.scxml'));
    const main = process.machine.states?.main.states ?? {};
    expect(main.mh).toEqual({ type: 'history', history: 'shallow', target: 'm2' });
    expect(main.mdeep).toEqual({ type: 'history', history: 'deep', target: 'm1' });
    const w = process.machine.states?.w.states ?? {};
    expect(w.wh).toEqual({ type: 'history', history: 'deep', target: '$wh_default' });
    expect(w.$wh_default.always).toEqual({
      target: ['#history.w.wp.wa.wa2', '#history.w.wp.wb.wb2'],
      actions: 'log_wh_default',
    });
  });

  it('final states; done.state of the state itself is onDone; parallel states', () => {
    const { process } = importScxml(fixture('done.scxml'));
    const job = process.machine.states?.job;
    expect(job?.type).toBe('parallel');
    expect(job?.onDone).toBe('closing');
    expect(job?.on).toEqual({ 'xstate.done.state.done.job.a': { actions: 'log_a_finished' } });
    expect(process.machine.states?.end.type).toBe('final');
    expect(Object.keys(process.events ?? {})).not.toContain('done.state.job');
  });
});

describe('timers', () => {
  it('a delayed <send> cancelled on exit becomes "after", and fires as SCXML would', () => {
    const { process, warnings } = importScxml(fixture('timer.scxml'));
    const wait = process.machine.states?.wait;
    expect(wait?.after).toEqual({ 2000: 'late' });
    expect(wait?.entry).toBeUndefined();
    expect(wait?.exit).toBeUndefined();
    expect(Object.keys(process.events ?? {})).not.toContain('timeout');

    const clock = new SimulatedClock();
    const run = runXState(process, {}, { clock });
    clock.increment(1999);
    expect(run.active()).toEqual(['wait']);
    clock.increment(1);
    expect(run.active()).toEqual(['late']);
    // left and entered again: the first timer is cancelled, a new one starts
    const again = runXState(process, {}, { clock });
    clock.increment(1000);
    again.send('poke');
    again.send('back');
    clock.increment(1500);
    expect(again.active()).toEqual(['wait']);
    clock.increment(500);
    expect(again.active()).toEqual(['late']);

    // Without an id and a <cancel> it stays an action, and says why.
    expect(process.machine.states?.other.entry).toBe('send_reminder');
    expect(warnings).toContainEqual(
      expect.stringMatching(/line 11: the delayed <send event="reminder">.*no id/),
    );
  });
});

describe('what cannot be carried is named', () => {
  const { process, warnings } = importScxml(fixture('content.scxml'));

  it('executable content becomes named actions, in place and in order', () => {
    expect(process.machine.states?.a.entry).toEqual([
      'assign_count',
      'log_entered',
      'script_1',
      'raise_internal_go',
      'send_notify',
      'if_count_gt_1',
    ]);
    expect(process.machine.states?.a.exit).toBe('log_bye');
    expect(process.actions?.script_1.description).toContain('doSomething();');
    expect(process.actions?.assign_count.description).toContain('count + 1');
  });

  it('in warnings and in the description: scripts, the data model, <log>, raised and sent events', () => {
    for (const [pattern, line] of [
      [/the code of <script>/, 'line 14'],
      [/top-level <script>/, 'line 9'],
      [/data model \(ecmascript\) and its data count, owner/, 'lines 6, 7'],
      [/<log>/, 'lines 13, 19'],
      [/<raise>/, 'line 15'],
      [/<send>/, 'lines 16, 21'],
      [/<assign>/, 'line 12'],
      [/<if>/, 'line 17'],
      [/<donedata>/, 'line 23'],
    ] as const) {
      expect(warnings.find((w) => pattern.test(w))).toContain(line);
      expect(process.description).toMatch(pattern);
    }
  });

  it('a raised event: SCXML moves on, the imported machine waits for the event (the named loss)', () => {
    const text = fixture('content.scxml');
    expect(runReference(text, { "count > 0 && In('a')": true }).active()).toEqual(['b']);
    const imported = runXState(process, { "count > 0 && In('a')": true });
    expect(imported.active()).toEqual(['a']);
    imported.send('internal.go');
    expect(imported.active()).toEqual(['b']);
  });
});

describe('namespaces', () => {
  it('reads SCXML under a prefix, and names elements of other namespaces', () => {
    const { process, warnings } = importScxml(fixture('prefixed.scxml'));
    expect(process.machine.states?.a.on?.go).toBe('b');
    expect(process.machine.states?.b.type).toBe('final');
    expect(warnings).toContainEqual(expect.stringMatching(/line 5: .*<x:note>/));
  });

  it('reads a document without a namespace', () => {
    const { process } = importScxml('<scxml initial="a"><state id="a"/></scxml>');
    expect(Object.keys(process.machine.states ?? {})).toEqual(['a']);
  });
});

describe('refused, with the line', () => {
  it('a DOCTYPE, with or without entity declarations', () => {
    const doctype = refused(
      `<?xml version="1.0"?>\n<!DOCTYPE scxml [\n  <!ENTITY boom "boom">\n]>\n<scxml ${SCXML}><state id="a"/></scxml>`,
    );
    expect(doctype.message).toMatch(/DOCTYPE/);
    expect(doctype.line).toBe(2);
    expect(
      refused(`<!DOCTYPE scxml SYSTEM "file:///etc/passwd"><scxml ${SCXML}/>`).message,
    ).toMatch(/DOCTYPE/);
  });

  it('an entity that is not declared', () => {
    const error = refused(`<scxml ${SCXML}>\n<state id="&boom;"/></scxml>`);
    expect(error.line).toBe(2);
  });

  it('text that is not XML, or not well-formed', () => {
    expect(refused('hello').message).toMatch(/XML/);
    const unclosed = refused(`<scxml ${SCXML}>\n  <state id="a">\n</scxml>`);
    expect(unclosed.message).toMatch(/not well-formed XML/);
    expect(unclosed.line).toBe(3);
  });

  it('XML that is not SCXML, or holds no state', () => {
    expect(refused('<svg xmlns="http://www.w3.org/2000/svg"/>').message).toMatch(/not SCXML/);
    expect(refused(`<scxml ${SCXML}/>`).message).toMatch(/holds no state/);
  });

  it('a target that is no state, a state id used twice, a bad initial', () => {
    const target = refused(
      `<scxml ${SCXML}>\n<state id="a">\n<transition event="e" target="nowhere"/></state></scxml>`,
    );
    expect(target.message).toMatch(/"nowhere"/);
    expect(target.line).toBe(3);
    const twice = refused(`<scxml ${SCXML}><state id="a"/>\n<state id="a"/></scxml>`);
    expect(twice.message).toMatch(/used by two states/);
    expect(twice.line).toBe(2);
    const atomic = refused(`<scxml ${SCXML}>\n<state id="a" initial="b"/><state id="b"/></scxml>`);
    expect(atomic.message).toMatch(/names an initial state but has no child states/);
    expect(atomic.line).toBe(2);
    const outside = refused(
      `<scxml ${SCXML}>\n<state id="a" initial="b"><state id="a1"/></state><state id="b"/></scxml>`,
    );
    expect(outside.message).toMatch(/"b", which is not inside "a"/);
  });
});

describe('invoke', () => {
  it('an <invoke> is a declared service; done.invoke.<id> on its state is its onDone', async () => {
    const { process, warnings } = importScxml(`<scxml ${SCXML} initial="a">
<state id="a"><invoke id="crm" src="createTicket"><param name="x" expr="1"/></invoke>
<transition event="done.invoke.crm" target="b"/>
<transition event="done.invoke.other" target="b"/></state>
<final id="b"/></scxml>`);
    expect(process.machine.states?.a.invoke).toEqual({
      src: 'createTicket',
      id: 'crm',
      onDone: 'b',
    });
    expect(process.services).toEqual({
      createTicket: { description: 'SCXML <invoke src="createTicket">' },
    });
    expect(warnings).toContainEqual(
      expect.stringMatching(/line 4: the transition on done\.invoke\.other .* left out/),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/line 2: not carried over: what <invoke> passes/),
    );
    const machine = setup({
      actors: { createTicket: fromPromise(async () => 'ok') },
    }).createMachine(
      // biome-ignore lint/suspicious/noExplicitAny: the machine config as read from JSON
      process.machine as any,
    );
    const actor = createActor(machine).start();
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(actor.getSnapshot().value).toBe('b');
  });
});

describe('where XState cannot follow SCXML, a warning says so', () => {
  it('done.state of a parallel state whose parallel region finishes last', () => {
    const text = fixture('nested-parallel.scxml');
    const { process, warnings } = importScxml(text);
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /line 14: done\.state\.outer may differ: .*"outer" has a parallel region/,
      ),
    );
    const imported = runXState(process);
    const scxml = runReference(text);
    imported.send('f1');
    scxml.send('f1');
    expect(imported.active()).toEqual(['end']);
    expect(scxml.active()).toEqual(['i1f', 'i2f', 'o2f']);
  });

  it("a transition between regions also runs the parallel state's exit and entry content", () => {
    const { warnings } = importScxml(fixture('parallel.scxml'));
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /line 12: the transition from "x1" to "y2" leaves and re-enters the parallel state "P" in SCXML; XState stays in it/,
      ),
    );
  });
});
