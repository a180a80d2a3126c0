// Time in words, one way across the editor: the canvas's "after 30 s", the panels' delays, the
// simulator's clock. At most the two largest units that follow each other ("1 h 5 min",
// "1 day 2 h"), rounded to whole seconds; weeks only when whole ("2 weeks", but "10 days").

import type { ProcessFile } from '../../core/model/types';
import { delayMs } from '../../core/simulation/machine';

const UNITS: [size: number, one: string, many: string][] = [
  [7 * 86_400_000, 'week', 'weeks'],
  [86_400_000, 'day', 'days'],
  [3_600_000, 'h', 'h'],
  [60_000, 'min', 'min'],
  [1000, 's', 's'],
];

export function durationInWords(ms: number): string {
  if (!Number.isFinite(ms)) return `${ms} ms`;
  if (ms < 0) return `-${durationInWords(-ms)}`;
  if (ms === 0) return '0 s';
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  let rest = Math.round(ms / 1000) * 1000;
  const parts: string[] = [];
  for (const [size, one, many] of UNITS) {
    if (size === UNITS[0][0] && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${count === 1 ? one : many}`);
    else if (parts.length > 0) break;
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** Milliseconds of an `after` key: a number, or a delay declared in `delays`; else undefined. */
export function afterKeyMs(process: ProcessFile, key: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(key)) return Number(key);
  const declared = process.delays?.[key];
  if (declared === undefined) return undefined;
  const ms = delayMs(declared);
  return ms > 0 ? ms : undefined;
}

/** "after 30 s", or "after slaWindow" when the delay's length is not known. */
export function afterInWords(process: ProcessFile, key: string): string {
  const ms = afterKeyMs(process, key);
  return `after ${ms === undefined ? key : durationInWords(ms)}`;
}
