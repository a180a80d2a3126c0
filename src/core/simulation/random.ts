// Seeded randomness for simulation: a small fast PRNG, an order-free hash for guard answers, and
// the triangular distribution of state durations. Pure: the same seed gives the same numbers.

import type { Duration } from '../model/types';

/** Mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A number in [0, 1) that depends only on its three inputs, not on the order it is asked in: guard
 * answers are drawn this way, so that every engine gets the same answer for the nth evaluation of
 * a guard in a step, however often it evaluates guards on the way.
 */
export function unitHash(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Draws a duration in minutes: a fixed number, or triangular {min, mode, max}; 0 without one. */
export function drawDuration(duration: Duration | undefined, random: () => number): number {
  if (typeof duration === 'number') return Number.isFinite(duration) && duration > 0 ? duration : 0;
  if (!duration || typeof duration !== 'object') return 0;
  const { min, mode, max } = duration;
  if (![min, mode, max].every((v) => typeof v === 'number' && Number.isFinite(v))) return 0;
  const lo = Math.max(0, Math.min(min, mode, max));
  const hi = Math.max(0, min, mode, max);
  const peak = Math.min(hi, Math.max(lo, mode));
  if (hi <= lo) return lo;
  const u = random();
  const split = (peak - lo) / (hi - lo);
  return u < split
    ? lo + Math.sqrt(u * (hi - lo) * (peak - lo))
    : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - peak));
}
