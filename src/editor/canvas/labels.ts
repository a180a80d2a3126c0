// The words on the canvas: a transition's label (`EVENT [condition] / actions`), a delay in words
// ("after 30 s"), a role's colour. Pure, so the tests read exactly what a person sees.

import { parseIsoDuration } from '../../core/model/parse';
import type { Transition } from '../../core/model/tree';
import type { DelayDef, ProcessFile } from '../../core/model/types';

const UNITS: [number, string, string][] = [
  [7 * 86_400_000, 'week', 'weeks'],
  [86_400_000, 'day', 'days'],
  [3_600_000, 'h', 'h'],
  [60_000, 'min', 'min'],
  [1000, 's', 's'],
];

/** A length of time in words, at most two units: 30000 → "30 s", 5400000 → "1 h 30 min". */
export function durationInWords(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return `${ms} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [size, one, many] of UNITS) {
    // Weeks only when they are whole: "10 days" reads better than "1 week 3 days".
    if (size === UNITS[0][0] && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count === 0) continue;
    parts.push(`${count} ${count === 1 ? one : many}`);
    rest -= count * size;
    if (parts.length === 2) break;
  }
  return parts.length > 0 ? parts.join(' ') : `${ms} ms`;
}

function delayDefMs(def: DelayDef | undefined): number | undefined {
  if (typeof def === 'number') return def;
  if (typeof def === 'string') return parseIsoDuration(def);
  if (def && typeof def.ms === 'number') return def.ms;
  if (def && typeof def.duration === 'string') return parseIsoDuration(def.duration);
  return undefined;
}

/** Milliseconds of an `after` key: a number, or a delay declared in `delays`; else undefined. */
export function delayKeyMs(process: ProcessFile, key: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(key)) return Number(key);
  const ms = delayDefMs(process.delays?.[key]);
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/** "after 30 s", or "after slaWindow" when the delay's length is not known. */
export function afterInWords(process: ProcessFile, key: string): string {
  const ms = delayKeyMs(process, key);
  return `after ${ms === undefined ? key : durationInWords(ms)}`;
}

/** What starts the transition: the event, "⏱ after 30 s", "always", "done" or "error". */
export function triggerLabel(process: ProcessFile, transition: Transition): string {
  switch (transition.kind) {
    case 'on':
      return transition.event ?? '';
    case 'after':
      return `⏱ ${afterInWords(process, transition.event ?? '')}`;
    case 'always':
      return 'always';
    case 'onDone':
    case 'invoke.onDone':
      return 'done';
    case 'invoke.onError':
      return 'error';
  }
}

/** The whole label: `EVENT [condition] / action1, action2`. */
export function transitionLabel(process: ProcessFile, transition: Transition): string {
  let label = triggerLabel(process, transition);
  if (transition.guard) label += ` [${transition.guard}]`;
  if (transition.actions.length > 0) label += ` / ${transition.actions.join(', ')}`;
  return label;
}

/** Whether the transition's event is a catalogued exception. */
export function isException(process: ProcessFile, transition: Transition): boolean {
  return (
    transition.kind === 'on' &&
    transition.event !== undefined &&
    process.events?.[transition.event]?.exception === true
  );
}

/** Role colours: distinct, readable on white, stable by the roles' order in the file. */
export const ROLE_PALETTE = [
  '#2563eb',
  '#d97706',
  '#7c3aed',
  '#0d9488',
  '#db2777',
  '#65a30d',
  '#0891b2',
  '#ea580c',
  '#4f46e5',
  '#be123c',
] as const;

/** Colour of each role: declared roles in file order, then any undeclared role a state names. */
export function roleColours(
  process: ProcessFile,
  extra: Iterable<string> = [],
): Map<string, string> {
  const colours = new Map<string, string>();
  for (const role of Object.keys(process.roles ?? {}))
    colours.set(role, ROLE_PALETTE[colours.size % ROLE_PALETTE.length]);
  for (const role of extra)
    if (!colours.has(role)) colours.set(role, ROLE_PALETTE[colours.size % ROLE_PALETTE.length]);
  return colours;
}
