// Group commit: one batch at a time; requests that arrive while it is read, stepped and written
// wait for the next one, which takes them all (up to MAX_BATCH). Each request is answered only after the statement holding its event committed,
// so an acknowledged event is durable; batching only changes how many share one commit.
//
// A batch reads its cases (from the cache where it is current), steps them on XState, and writes
// everything in one statement (caseWrites.ts), atomic on its own: no BEGIN, no COMMIT, no lock
// held while XState runs. A case that another writer (another runtime, or this one's timer loop)
// changed between the read and the write is left out of the write, and its requests go back to the
// queue to be read and stepped again; the rest of the batch is answered. PGlite is this runtime's
// alone, so its cache is trusted without asking the database.
//
// A batch that fails as a whole (a database error) is tried again, and then one request at a
// time, so that one bad request never fails the others.

import type { EventObject } from 'xstate';
import { CaseBatch, type Change, type Outcome } from './caseBatch';
import type { CaseCache } from './caseCache';
import { type Db, isConflict, isRetryable } from './db';
import type { HostedMachine } from './hosted';

export type Work =
  | { kind: 'create'; machine: HostedMachine; data: unknown }
  | {
      kind: 'event';
      caseId: string;
      event: EventObject;
      source: 'api' | 'service';
      key?: string;
      jobId?: string;
    };

interface Pending {
  work: Work;
  resolve: (outcome: Outcome) => void;
  /** Times its case was changed under it. */
  raced: number;
}

export const MAX_BATCH = 256;
/**
 * Batches in flight at once. One: on PostgreSQL, six in flight split the queue into batches of
 * 2.6 requests on average, against 3.9 with one, and cost more CPU per event (runtime and server)
 * than the overlap won: `PLUMB_BENCH_DB=postgres npm run bench -- runtime` went from about 3,000
 * to 3,550 events/s. The batch grows with the load instead. PGlite is one connection anyway.
 */
const IN_FLIGHT = 1;
const RETRIES = 4;
/** Races one request may lose before it is answered 503. */
const MAX_RACES = 50;

export class Committer {
  private readonly queue: Pending[] = [];
  private running = 0;
  private scheduled = false;
  /** Cases held by a running batch. */
  private readonly busy = new Set<string>();
  private closed = false;
  /** Batches written, requests they carried, and requests stepped again after a race. */
  readonly stats = { commits: 0, items: 0, raced: 0 };

  constructor(
    private readonly db: Db,
    private readonly cache: CaseCache,
    private readonly machines: ReadonlyMap<string, HostedMachine>,
    private readonly onCommit: (changes: Change[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Resolves once the work is committed (or refused); never rejects. */
  submit(work: Work): Promise<Outcome> {
    if (this.closed)
      return Promise.resolve({ status: 503, body: { error: 'the runtime is stopping' } });
    return new Promise((resolve) => {
      this.queue.push({ work, resolve, raced: 0 });
      this.pump();
    });
  }

  /** Waits for every queued request to be answered, and takes no more. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length || this.running) await new Promise((r) => setTimeout(r, 5));
  }

  private pump(): void {
    // Starting on the next turn of the event loop lets every request that already arrived join
    // the batch: PGlite runs a statement without yielding to I/O, so otherwise each batch would
    // hold the one request that happened to come first.
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.running < IN_FLIGHT && this.queue.length) {
      // A case is in one batch at a time: requests for a case that a running batch holds wait
      // for it (in order), instead of racing it.
      const batch: Pending[] = [];
      const rest: Pending[] = [];
      const held = new Set<string>();
      const mine = new Set<string>();
      for (const pending of this.queue) {
        const caseId = pending.work.kind === 'event' ? pending.work.caseId : undefined;
        if (
          (batch.length >= MAX_BATCH && (caseId === undefined || !mine.has(caseId))) ||
          (caseId !== undefined && (this.busy.has(caseId) || held.has(caseId)))
        ) {
          rest.push(pending);
          if (caseId !== undefined) held.add(caseId);
        } else {
          batch.push(pending);
          if (caseId !== undefined) mine.add(caseId);
        }
      }
      if (batch.length === 0) return;
      for (const caseId of mine) this.busy.add(caseId);
      this.queue.splice(0, this.queue.length, ...rest);
      this.running++;
      this.run(batch).finally(() => {
        for (const caseId of mine) this.busy.delete(caseId);
        this.running--;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const { outcomes, changes, raced } = await this.attempt(batch.map((p) => p.work));
      const again: Pending[] = [];
      for (const [i, pending] of batch.entries()) {
        const outcome = outcomes[i];
        if (outcome) pending.resolve(outcome);
        else if (++pending.raced > MAX_RACES)
          pending.resolve({
            status: 503,
            body: { error: 'the case is changing too fast to take this event now: send it again' },
          });
        else again.push(pending);
      }
      if (again.length) {
        this.stats.raced += again.length;
        this.queue.unshift(...again);
      }
      this.notify(changes);
      if (raced.length) this.onRace?.(raced);
      return;
    } catch (error) {
      if (batch.length === 1) {
        this.onError(error);
        batch[0].resolve({
          status: 503,
          body: {
            error: `the database did not take it: ${error instanceof Error ? error.message : String(error)}`,
          },
        });
        return;
      }
    }
    for (const pending of batch) await this.run([pending]);
  }

  /** Told which cases lost a race (for tests). */
  onRace?: (caseIds: string[]) => void;

  private notify(changes: Change[]): void {
    if (changes.length === 0) return;
    try {
      this.onCommit(changes);
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * One batch: the outcome of each work item, or undefined where its case was changed by another
   * writer meanwhile (the item is to be stepped again).
   */
  private async attempt(
    works: Work[],
  ): Promise<{ outcomes: (Outcome | undefined)[]; changes: Change[]; raced: string[] }> {
    const trusted = this.db.kind === 'pglite';
    const events = works.filter((w) => w.kind === 'event');
    for (let tries = 1; ; tries++) {
      try {
        const batch = new CaseBatch(this.db, this.machines, Date.now(), this.cache);
        await batch.read(
          events.map((w) => w.caseId),
          trusted ? 'trusted' : 'fresh',
        );
        await batch.loadAnswers(
          events.flatMap((w) => (w.key === undefined ? [] : [{ caseId: w.caseId, key: w.key }])),
        );
        await batch.loadJobs(events.flatMap((w) => (w.jobId === undefined ? [] : [w.jobId])));
        const outcomes: (Outcome | undefined)[] = works.map((w) =>
          w.kind === 'create'
            ? batch.create(w.machine, w.data)
            : batch.apply(w.caseId, w.event, w.source, { key: w.key, jobId: w.jobId }),
        );
        const written = await batch.flush();
        const raced = batch.changedIds().filter((id) => !written.has(id));
        const lost = new Set(raced);
        this.cache.store(batch.states().filter((c) => !lost.has(c.id)));
        this.cache.forget(raced);
        works.forEach((w, i) => {
          if (w.kind === 'event' && lost.has(w.caseId)) outcomes[i] = undefined;
        });
        this.stats.commits++;
        this.stats.items += works.length - raced.length;
        return {
          outcomes,
          changes: batch.changes.filter((c) => !lost.has(c.caseId)),
          raced,
        };
      } catch (error) {
        this.cache.forget(events.map((w) => w.caseId));
        if (tries >= RETRIES || !(isRetryable(error) || isConflict(error))) throw error;
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * tries));
      }
    }
  }
}
