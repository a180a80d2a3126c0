// The SCXML export keeps XState's meaning: internal and external transitions, self-transitions,
// timers with their cancel, done events, history defaults, services, wildcards in XState's order,
// a machine with transitions of its own wrapped with its final states beside it.

import { describe, expect, it } from 'vitest';
import { exportScxml, PLUMB_SERVICE } from '../../src/core/export';
import { bareProcess, featuresProcess } from './features';
import { parseXml, type XmlElement } from './xml';

const document = parseXml(exportScxml(featuresProcess()));

function byId(id: string, from: XmlElement = document): XmlElement {
  const walk = (element: XmlElement): XmlElement | undefined => {
    if (element.attributes.id === id) return element;
    for (const child of element.children) {
      const found = walk(child);
      if (found) return found;
    }
    return undefined;
  };
  const found = walk(from);
  if (!found) throw new Error(`no element with id ${id}`);
  return found;
}

const transitions = (state: XmlElement) => state.children.filter((c) => c.name === 'transition');
const on = (state: XmlElement, event: string) =>
  transitions(state).filter((t) => t.attributes.event === event);
const metaOf = (element: XmlElement) => {
  const raw =
    element.attributes['plumb:meta'] ?? element.children.find((c) => c.name === 'plumb:meta')?.text;
  return raw === undefined ? undefined : JSON.parse(raw);
};

describe('a machine with transitions and actions of its own', () => {
  it('is wrapped in one state, with its final states beside the wrapper', () => {
    const wrapper = byId('features');
    expect(wrapper.name).toBe('state');
    expect(metaOf(wrapper)).toMatchObject({ root: true, id: 'features' });
    expect(document.attributes.initial).toBe('features');
    expect(wrapper.attributes.initial).toBe('idle');
    const top = document.children.filter((c) => c.name === 'final').map((c) => c.attributes.id);
    expect(top).toEqual(['cancelled', 'done']);
    expect(wrapper.children.find((c) => c.name === 'onentry')?.children[0]).toMatchObject({
      name: 'plumb:action',
      attributes: { name: 'logStart' },
    });
  });

  it("takes the machine's own transitions from the wrapper, leaving it for a final state", () => {
    const [cancel] = on(byId('features'), 'CANCEL');
    expect(cancel.attributes).toEqual({ event: 'CANCEL', target: 'cancelled' });
  });

  it('a machine without any is not wrapped', () => {
    const bare = parseXml(exportScxml(bareProcess()));
    expect(bare.attributes.initial).toBe('only');
    expect(
      bare.children.filter((c) => c.name !== 'plumb:process' && c.name !== 'plumb:meta'),
    ).toEqual([expect.objectContaining({ name: 'final', attributes: { id: 'only' } })]);
  });
});

describe('transitions', () => {
  it('a self-transition that does not re-enter an atomic state is targetless', () => {
    const [ping] = on(byId('idle'), 'PING');
    expect(ping.attributes.target).toBeUndefined();
    expect(metaOf(ping)).toEqual({ target: ['idle'] });
    expect(ping.children[0].attributes).toEqual({ name: 'tick' });
  });

  it('reenter: true stays external', () => {
    const [reset] = on(byId('idle'), 'RESET');
    expect(reset.attributes.target).toBe('idle');
    expect(reset.attributes.type).toBeUndefined();
    expect(metaOf(reset)).toEqual({ reenter: true });
  });

  it('targets inside a compound source are internal; its own state goes to its initial child', () => {
    const editing = byId('editing');
    expect(on(editing, 'DEEP')[0].attributes).toMatchObject({
      target: 'editing_saved',
      type: 'internal',
    });
    expect(on(editing, 'CLEAR')[0].attributes).toMatchObject({
      target: 'editing_draft',
      type: 'internal',
    });
    expect(metaOf(on(editing, 'CLEAR')[0])).toEqual({ target: ['editing'] });
    expect(on(editing, 'OUT')[0].attributes).toEqual({ event: 'OUT', target: 'idle' });
  });

  it('guards are predicate calls, with their params as JSON; eventless ones have no event', () => {
    const idle = byId('idle');
    expect(on(idle, 'xstate.after.1000.idle')[0].attributes.cond).toBe('ready()');
    expect(on(idle, 'xstate.after.short.idle')[0].attributes.cond).toBe('big({"over":5})');
    const eventless = transitions(byId('failed')).filter((t) => t.attributes.event === undefined);
    expect(eventless.map((t) => t.attributes)).toEqual([{ cond: 'retry()', target: 'idle' }]);
  });

  it('an event that longer events start with matches only itself', () => {
    expect(on(byId('idle'), 'X')[0].attributes.cond).toBe('_event.name === "X"');
    expect(on(byId('idle'), 'START')[0].attributes.cond).toBeUndefined();
  });

  it('wildcards come last, the longest first, as XState tries them', () => {
    expect(transitions(byId('catcher')).map((t) => t.attributes.event)).toEqual(['X', 'X.*', '*']);
  });
});

describe('timers, done events, history and services', () => {
  it('after: a delayed send on entry, cancelled on exit, and transitions on its event', () => {
    const idle = byId('idle');
    const entry = idle.children.find((c) => c.name === 'onentry')?.children ?? [];
    expect(entry.map((e) => [e.name, e.attributes.event, e.attributes.delay])).toEqual([
      ['send', 'xstate.after.1000.idle', '1000ms'],
      ['send', 'xstate.after.short.idle', '500ms'],
      // A delay name the file does not declare: XState raises the event at once.
      ['raise', 'xstate.after.missing.idle', undefined],
    ]);
    for (const send of entry.filter((e) => e.name === 'send'))
      expect(send.attributes.id).toBe(send.attributes.event);
    const exit = idle.children.find((c) => c.name === 'onexit')?.children ?? [];
    expect(exit.map((e) => e.attributes.sendid)).toEqual([
      'xstate.after.1000.idle',
      'xstate.after.short.idle',
    ]);
    expect(on(idle, 'xstate.after.1000.idle').map((t) => t.attributes.target)).toEqual([
      'work',
      'editing',
    ]);
    expect(metaOf(on(idle, 'xstate.after.short.idle')[0])).toMatchObject({ after: 'short' });
    // A named delay in ISO 8601 is written in milliseconds.
    const editingEntry = byId('editing').children.find((c) => c.name === 'onentry');
    expect(editingEntry?.children.find((c) => c.name === 'send')?.attributes.delay).toBe('1000ms');
  });

  it('onDone is done.state.<id>; a parallel state is <parallel>', () => {
    const work = byId('work');
    expect(work.name).toBe('parallel');
    expect(on(work, 'done.state.work')[0].attributes.target).toBe('done');
  });

  it('history keeps its type and its default target', () => {
    const deep = byId('work_a_hist');
    expect(deep.name).toBe('history');
    expect(deep.attributes.type).toBe('deep');
    expect(transitions(deep).map((t) => t.attributes)).toEqual([{ target: 'work_a_a1' }]);
    const shallow = byId('editing_h');
    expect(shallow.attributes.type).toBe('shallow');
    expect(transitions(shallow).map((t) => t.attributes)).toEqual([{ target: 'editing_draft' }]);
    expect(on(byId('back'), 'EDIT')[0].attributes.target).toBe('editing_h');
  });

  it('a service is an <invoke>, its outcomes done.invoke.<id> and error.platform.<id>', () => {
    const service = byId('service');
    const invoke = service.children.find((c) => c.name === 'invoke');
    expect(invoke?.attributes).toMatchObject({ id: 'fetch', type: PLUMB_SERVICE, src: 'fetchIt' });
    expect(on(service, 'done.invoke.fetch')[0].attributes.target).toBe('idle');
    expect(on(service, 'error.platform.fetch')[0].attributes.target).toBe('failed');
  });

  it('state meta and keys are kept in <plumb:meta>', () => {
    expect(metaOf(byId('service'))).toEqual({ meta: { duration: 2 } });
    expect(metaOf(byId('work_a_a1'))).toEqual({ key: 'a1' });
    expect(metaOf(byId('idle'))).toBeUndefined();
  });
});

it('a final state keeps its entry actions; transitions SCXML cannot give it are kept as data', () => {
  const process = featuresProcess();
  const done = process.machine.states?.done;
  if (done) Object.assign(done, { entry: ['tick'], on: { PING: 'idle' } });
  const final = byId('done', parseXml(exportScxml(process)));
  expect(final.children.map((c) => c.name)).toEqual(['plumb:meta', 'onentry']);
  expect(metaOf(final)).toEqual({ extra: { on: { PING: 'idle' } } });
});

describe('what an SCXML interpreter must be able to read (found running SCION)', () => {
  it('a guard param or name with U+2028 or U+2029 is escaped: ECMAScript 5.1 strings cannot hold them', () => {
    const process = featuresProcess();
    const idle = process.machine.states?.idle;
    if (idle?.on)
      idle.on.PING = {
        target: 'idle',
        guard: { type: 'big', params: { note: 'a\u2028b\u2029c' } },
      };
    const cond = on(byId('idle', parseXml(exportScxml(process))), 'PING')[0].attributes.cond;
    expect(cond).toBe('big({"note":"a\\u2028b\\u2029c"})');
  });

  it('<scxml name> is an NMTOKEN, or left out (the machine id stays in <plumb:meta>)', () => {
    expect(document.attributes.name).toBe('features');
    const process = featuresProcess();
    process.machine.id = 'tricky"machine';
    const odd = parseXml(exportScxml(process));
    expect(odd.attributes.name).toBeUndefined();
    expect(metaOf(byId('tricky_machine', odd))).toMatchObject({ id: 'tricky"machine' });
  });
});
