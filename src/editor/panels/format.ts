// Small pure helpers of the panels: lists typed as text, numbers with their validation message,
// delays in words.

import { parseIsoDuration } from '../../core/model/parse';
import { buildStateTree } from '../../core/model/tree';
import type { DelayDef, Duration, ProcessFile } from '../../core/model/types';

/** "a, b ,, c" → ["a", "b", "c"]. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function formatList(items: readonly string[] | undefined): string {
  return (items ?? []).join(', ');
}

export type NumberCheck = { value: number | undefined; error?: string };

/**
 * Reads a number typed in a field: empty is undefined (cleared), anything else must be a finite
 * number within the bounds given.
 */
export function readNumber(text: string, bounds: { min?: number; max?: number } = {}): NumberCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { value: undefined, error: `"${trimmed}" is not a number` };
  const { min, max } = bounds;
  if (min !== undefined && max !== undefined && (value < min || value > max))
    return { value: undefined, error: `enter a number from ${min} to ${max}` };
  if (min !== undefined && value < min)
    return { value: undefined, error: `enter a number of ${min} or more` };
  if (max !== undefined && value > max)
    return { value: undefined, error: `enter a number of ${max} or less` };
  return { value };
}

/** Checks a triangular duration: min ≤ mode ≤ max, none negative. */
export function durationError(duration: Duration): string | undefined {
  if (typeof duration === 'number')
    return duration < 0 ? 'a duration cannot be negative' : undefined;
  const { min, mode, max } = duration;
  if ([min, mode, max].some((n) => !Number.isFinite(n))) return 'min, mode and max are numbers';
  if (min < 0) return 'a duration cannot be negative';
  if (!(min <= mode && mode <= max)) return 'min ≤ mode ≤ max';
  return undefined;
}

const UNITS: [number, string][] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/** A length of time in words, at most two units: 30000 → "30 s", 5400000 → "1 h 30 min". */
export function msInWords(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return `${ms} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [size, unit] of UNITS) {
    const count = Math.floor(rest / size);
    if (count === 0) continue;
    parts.push(`${count} ${unit}`);
    rest -= count * size;
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

function delayDefMs(def: DelayDef | undefined): number | undefined {
  if (typeof def === 'number') return def;
  if (typeof def === 'string') return parseIsoDuration(def);
  if (def && typeof def.ms === 'number') return def.ms;
  if (def && typeof def.duration === 'string') return parseIsoDuration(def.duration);
  return undefined;
}

/** The milliseconds of an `after` key: a number, or a delay declared in `delays`. */
export function delayMs(process: ProcessFile, key: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(key)) return Number(key);
  return delayDefMs(process.delays?.[key]);
}

/** "after 30 s", or "after slaWindow (not declared)". */
export function afterInWords(process: ProcessFile, key: string): string {
  const ms = delayMs(process, key);
  return ms === undefined ? `after ${key} (length not declared)` : `after ${msInWords(ms)}`;
}

/** Every state path of the machine, in tree order, without the root. */
export function statePaths(process: ProcessFile): string[] {
  return buildStateTree(process.machine)
    .nodes.filter((n) => n.path !== '')
    .map((n) => n.path);
}
