// SCXML event descriptors as XState `on` keys, keeping SCXML's choice of transition.
//
// SCXML: a descriptor `foo` matches the events `foo` and `foo.*` (token prefixes), `*` matches
// every event, and a state takes the FIRST transition in document order whose descriptor matches
// and whose condition holds. XState v5 tries the transitions of the exact key first, then those of
// the matching wildcard keys, longest key first. So each key gets, in document order, every
// transition of the state that matches EVERY event the key matches:
//   exact `foo`  ← the transitions with `*`, `foo` or a token prefix of `foo`;
//   `foo.*`      ← the transitions with `*`, `foo` or a token prefix of `foo`;
//   `*`          ← the transitions with `*`.
// For any event, the first key XState tries then lists exactly the transitions SCXML would try, in
// SCXML's order; the keys after it only repeat some of them (tried again, with the same answers).
// SCXML's own events (`done.state.<id>`, `done.invoke.<id>`) get the exact keys of the events
// XState raises for them (`xstate.done.state.<xstate id>`, `xstate.done.actor.<invoke id>`).

import type { ScTransition } from './scxmlDocument';

/** `foo.*` and `foo.` are `foo`; `*` stays. */
export function normaliseDescriptor(descriptor: string): string {
  if (descriptor === '*' || descriptor === '.*') return '*';
  return descriptor.replace(/\.\*$/, '').replace(/\.+$/, '') || '*';
}

/** SCXML's matching: `*`, the event itself, or a token prefix of it. */
export function scxmlMatches(descriptor: string, event: string): boolean {
  return descriptor === '*' || event === descriptor || event.startsWith(`${descriptor}.`);
}

/** A descriptor that can only match events SCXML raises itself (never one sent from outside). */
export function isPlatformOnly(descriptor: string): boolean {
  return /^done\.(state|invoke)(\.|$)/.test(descriptor);
}

/** An event the SCXML processor raises itself, with the event XState raises in its place. */
export interface PlatformEvent {
  scxml: string;
  xstate: string;
}

export interface EventKeys {
  /** XState `on` keys in the order first met, each with its transitions in document order. */
  keys: Map<string, ScTransition[]>;
  /** The events sent from outside that these transitions name (for the catalogue). */
  events: string[];
}

/** The `on` keys for the evented transitions of one state. */
export function eventKeys(transitions: ScTransition[], platform: PlatformEvent[]): EventKeys {
  const evented = transitions
    .filter((t) => t.events !== undefined)
    .map((t) => ({ t, descriptors: (t.events ?? []).map(normaliseDescriptor) }));
  // Each key with the test a transition's descriptor must pass to be listed under it.
  const keyTests = new Map<string, (descriptor: string) => boolean>();
  const events: string[] = [];
  for (const { descriptors } of evented)
    for (const d of descriptors) {
      if (d === '*') {
        keyTests.set('*', (other) => other === '*');
        continue;
      }
      if (!isPlatformOnly(d)) {
        const covers = (other: string) => scxmlMatches(other, d);
        if (!keyTests.has(d)) keyTests.set(d, covers);
        if (!keyTests.has(`${d}.*`)) keyTests.set(`${d}.*`, covers);
        if (!events.includes(d)) events.push(d);
      }
      for (const event of platform)
        if (scxmlMatches(d, event.scxml) && !keyTests.has(event.xstate))
          keyTests.set(event.xstate, (other) => scxmlMatches(other, event.scxml));
    }
  const keys = new Map<string, ScTransition[]>();
  for (const [key, test] of keyTests)
    keys.set(
      key,
      evented.filter(({ descriptors }) => descriptors.some(test)).map(({ t }) => t),
    );
  return { keys, events };
}

/** The transitions of a state that SCXML would try for `event`, in document order. */
export function transitionsFor(transitions: ScTransition[], event: string): ScTransition[] {
  return transitions.filter((t) =>
    (t.events ?? []).some((d) => scxmlMatches(normaliseDescriptor(d), event)),
  );
}
