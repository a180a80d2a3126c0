// The latest committed state of recently used cases, so that a batch need not read each case's
// snapshot back from the database. An entry is only trusted at the version the database holds:
// a batch checks the version under its row lock (PostgreSQL, where other runtimes write too), or,
// on PGlite, which one runtime owns, trusts it outright; the write itself still refuses a stale
// version (the history's primary key is the case and its version), and the batch is retried.

import type { CaseState } from './caseWrites';

export class CaseCache {
  private readonly entries = new Map<string, CaseState>();

  constructor(private readonly limit = 20_000) {}

  get(caseId: string): CaseState | undefined {
    const entry = this.entries.get(caseId);
    if (!entry) return undefined;
    // Least recently used goes first: a Map iterates in insertion order.
    this.entries.delete(caseId);
    this.entries.set(caseId, entry);
    return entry;
  }

  /** Cases as committed. */
  store(states: Iterable<CaseState>): void {
    for (const state of states) {
      this.entries.delete(state.id);
      this.entries.set(state.id, {
        ...state,
        dirty: false,
        isNew: false,
        baseVersion: state.version,
      });
    }
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  forget(caseIds: Iterable<string>): void {
    for (const id of caseIds) this.entries.delete(id);
  }
}
