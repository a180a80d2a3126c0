// Small pure helpers of the panels: lists typed as text, numbers with their validation message,
// delays in words.

import { buildStateTree } from '../../core/model/tree';
import type { Duration, ProcessFile } from '../../core/model/types';
import { afterKeyMs, afterInWords as timeAfterInWords } from '../format/time';

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

export { afterKeyMs as delayMs, durationInWords as msInWords } from '../format/time';

/** "after 30 s", or "after slaWindow (length not declared)". */
export function afterInWords(process: ProcessFile, key: string): string {
  return afterKeyMs(process, key) === undefined
    ? `after ${key} (length not declared)`
    : timeAfterInWords(process, key);
}

/** Every state path of the machine, in tree order, without the root. */
export function statePaths(process: ProcessFile): string[] {
  return buildStateTree(process.machine)
    .nodes.filter((n) => n.path !== '')
    .map((n) => n.path);
}
