// Guard answers drawn by probability, the same for every engine: the nth evaluation of a guard in
// a step gets the answer hashed from the step's seed, the guard and n (see random.ts).

import type { ProcessFile } from '../model/types';
import type { GuardOracle } from './engine';
import { unitHash } from './random';

/** The chance of "yes" when a condition gives none. */
export const DEFAULT_CONDITION_PROBABILITY = 0.5;

export class HashOracle implements GuardOracle {
  /** The seed of the current step: set it before every start or send. */
  seed = 0;
  private readonly index = new Map<string, number>();
  private readonly probability = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private used = false;

  constructor(process: ProcessFile) {
    Object.entries(process.conditions ?? {}).forEach(([name, def], i) => {
      this.index.set(name, i);
      const p = def?.probability;
      this.probability.set(
        name,
        typeof p === 'number' && Number.isFinite(p)
          ? Math.min(1, Math.max(0, p))
          : DEFAULT_CONDITION_PROBABILITY,
      );
    });
  }

  reset(): void {
    if (this.used) this.counts.clear();
    this.used = false;
  }

  answer(name: string): boolean {
    this.used = true;
    const n = this.counts.get(name) ?? 0;
    this.counts.set(name, n + 1);
    const p = this.probability.get(name) ?? DEFAULT_CONDITION_PROBABILITY;
    return unitHash(this.seed, this.index.get(name) ?? -1, n) < p;
  }
}
