// Words for the simulator panel: durations on the case's clock ("30 s", "2 min", "1 h 5 min",
// "3 days") and what a timeline entry says, a dropped event in particular.

import type { TimelineEntry } from '../../core/simulation/case';
import { durationInWords as formatDuration } from '../format/time';

export { durationInWords as formatDuration } from '../format/time';

/** When the next timer falls due, from now: "after 30 s", or "now" when it is due already. */
export function formatDue(ms: number): string {
  return ms <= 0 ? 'now' : `after ${formatDuration(ms)}`;
}

/** State paths for people: "voicemail", "a, b" for parallel regions, "(start)" for none. */
export function formatStates(paths: readonly string[]): string {
  return paths.length ? paths.join(', ') : '(none)';
}

/**
 * What the timeline says of a dropped event: "dropped: nobody handles VOICEMAIL_FULL in voicemail".
 * Undefined for an entry that was handled.
 */
export function droppedText(entry: TimelineEntry): string | undefined {
  if (entry.handled) return undefined;
  const why = entry.message ?? `nobody handles ${entry.event} in ${formatStates(entry.from)}`;
  return `dropped: ${why}`;
}

/** One line for a handled entry: "CALL_IN: idle → reception.ringing". */
export function entryText(entry: TimelineEntry): string {
  const dropped = droppedText(entry);
  if (dropped) return dropped;
  const moved = entry.from.join() === entry.to.join();
  return moved
    ? `${entry.event}: stays in ${formatStates(entry.to)}`
    : `${entry.event}: ${formatStates(entry.from)} → ${formatStates(entry.to)}`;
}

/** A scenario id from words: "VOICEMAIL_FULL" becomes "voicemail-full". */
export function slug(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
