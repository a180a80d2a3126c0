// Delayed <send>s that are timers: `<send event="X" delay="D" id="i">` on entry to a state, its
// `<cancel sendid="i">` on exit, and a transition of that state on X that nothing else sends or
// handles. XState says the same with `after: { D: ... }` (scheduled on entry, cancelled on exit).
// Any other delayed send stays a named action, with a warning saying why.

import type { ScDocument, ScState } from './scxmlDocument';
import { normaliseDescriptor, scxmlMatches, transitionsFor } from './scxmlEvents';
import type { XmlElement } from './xml';

export interface Timer {
  state: ScState;
  send: XmlElement;
  cancel: XmlElement;
  event: string;
  ms: number;
}

/** Milliseconds of an SCXML delay (`500ms`, `2.5s`; also `min`, `h`, `d`, and a bare number). */
export function delayMs(text: string): number | undefined {
  const match = /^\s*(\d*\.?\d+)\s*(ms|s|m|min|h|d)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'ms').toLowerCase();
  const factor =
    unit === 'ms'
      ? 1
      : unit === 's'
        ? 1000
        : unit === 'h'
          ? 3_600_000
          : unit === 'd'
            ? 86_400_000
            : 60_000;
  return Math.round(Number(match[1]) * factor);
}

/** Every element of executable content in the document, nested ones included. */
function allContent(doc: ScDocument): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (elements: XmlElement[]) => {
    for (const element of elements) {
      out.push(element);
      walk(element.children);
    }
  };
  for (const state of [doc.root, ...doc.states]) {
    walk(state.onentry);
    walk(state.onexit);
    for (const t of state.transitions) walk(t.content);
    if (state.initial) walk(state.initial.content);
    if (state.historyDefault) walk(state.historyDefault.content);
  }
  return out;
}

const ONLY_LITERAL = [
  'target',
  'targetexpr',
  'type',
  'typeexpr',
  'eventexpr',
  'delayexpr',
  'namelist',
  'idlocation',
];

export function findTimers(doc: ScDocument): { timers: Map<ScState, Timer[]>; warnings: string[] } {
  const timers = new Map<ScState, Timer[]>();
  const warnings: string[] = [];
  const content = allContent(doc);
  for (const state of doc.states) {
    for (const send of state.onentry) {
      if (send.local !== 'send') continue;
      const a = send.attributes;
      if (a.delay === undefined && a.delayexpr === undefined) continue;
      const event = a.event;
      const why = ((): string | undefined => {
        if (event === undefined) return 'its event is computed (eventexpr)';
        const literal = ONLY_LITERAL.find((name) => a[name] !== undefined);
        if (literal) return `it has ${literal}="..."`;
        if (send.children.length > 0) return 'it carries <param> or <content>';
        if (a.delay === undefined || delayMs(a.delay) === undefined)
          return `its delay "${a.delay ?? a.delayexpr}" is not a time such as "5s" or "500ms"`;
        if (!a.id) return 'it has no id, so it is not cancelled when the state is left';
        const cancel = state.onexit.find(
          (e) => e.local === 'cancel' && e.attributes.sendid === a.id,
        );
        if (!cancel)
          return `the state's <onexit> does not <cancel sendid="${a.id}">, so the event can still arrive after the state is left`;
        const own = transitionsFor(state.transitions, event).filter((t) =>
          (t.events ?? []).some(
            (d) => normaliseDescriptor(d) !== '*' && scxmlMatches(normaliseDescriptor(d), event),
          ),
        );
        if (own.length === 0) return `"${state.id}" has no transition on ${event}`;
        const elsewhere = doc.states.find(
          (other) =>
            other !== state &&
            other.transitions.some((t) =>
              (t.events ?? []).some(
                (d) =>
                  normaliseDescriptor(d) !== '*' && scxmlMatches(normaliseDescriptor(d), event),
              ),
            ),
        );
        if (elsewhere) return `"${elsewhere.id}" also reacts to ${event}`;
        const sentElsewhere = content.find(
          (e) =>
            e !== send &&
            (e.local === 'send' || e.local === 'raise') &&
            e.attributes.event === event,
        );
        if (sentElsewhere) return `${event} is also sent at line ${sentElsewhere.line}`;
        const ms = delayMs(a.delay) as number;
        if ((timers.get(state) ?? []).some((t) => t.ms === ms))
          return `"${state.id}" already has a timer of ${a.delay}`;
        timers.set(state, [...(timers.get(state) ?? []), { state, send, cancel, event, ms }]);
        return undefined;
      })();
      if (why)
        warnings.push(
          `line ${send.line}: the delayed <send event="${event ?? a.eventexpr}"> in "${state.id}" stays a named action, not an "after" timer, because ${why}; Plumb will not send it`,
        );
    }
  }
  return { timers, warnings };
}
