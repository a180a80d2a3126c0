// Group commit: requests that arrive while a transaction is committing wait for the next one, which
// takes them all. Each request is answered only after the transaction holding its event committed,
// so an acknowledged event is durable; batching only changes how many share one commit.
//
// A batch that fails as a whole (a deadlock between runtimes, a database error) is tried again, and
// then one request at a time, so that one bad request never fails the others.

import type { EventObject } from 'xstate';
import { CaseBatch, type Change, type Outcome } from './caseBatch';
import { type Db, isRetryable } from './db';
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
}

export const MAX_BATCH = 256;
const RETRIES = 4;

export class Committer {
  private readonly queue: Pending[] = [];
  private running = 0;
  private closed = false;
  /** Transactions committed and requests they carried, for the benchmark and tests. */
  readonly stats = { commits: 0, items: 0 };

  constructor(
    private readonly db: Db,
    private readonly machines: ReadonlyMap<string, HostedMachine>,
    private readonly onCommit: (changes: Change[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Resolves once the work is committed (or refused); never rejects. */
  submit(work: Work): Promise<Outcome> {
    if (this.closed)
      return Promise.resolve({ status: 503, body: { error: 'the runtime is stopping' } });
    return new Promise((resolve) => {
      this.queue.push({ work, resolve });
      this.pump();
    });
  }

  /** Waits for every queued request to be answered, and takes no more. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length || this.running) await new Promise((r) => setTimeout(r, 5));
  }

  private pump(): void {
    while (this.running < this.db.parallel && this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.running++;
      this.run(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const { outcomes, changes } = await this.attempt(batch.map((p) => p.work));
      for (const [i, p] of batch.entries()) p.resolve(outcomes[i]);
      this.notify(changes);
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

  private notify(changes: Change[]): void {
    if (changes.length === 0) return;
    try {
      this.onCommit(changes);
    } catch (error) {
      this.onError(error);
    }
  }

  private async attempt(works: Work[]): Promise<{ outcomes: Outcome[]; changes: Change[] }> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.db.transaction(async (tx) => {
          const batch = new CaseBatch(tx, this.machines, Date.now());
          const events = works.filter((w) => w.kind === 'event');
          await batch.lock(events.map((w) => w.caseId));
          await batch.loadAnswers(
            events.flatMap((w) => (w.key === undefined ? [] : [{ caseId: w.caseId, key: w.key }])),
          );
          await batch.loadJobs(events.flatMap((w) => (w.jobId === undefined ? [] : [w.jobId])));
          const outcomes = works.map((w) =>
            w.kind === 'create'
              ? batch.create(w.machine, w.data)
              : batch.apply(w.caseId, w.event, w.source, { key: w.key, jobId: w.jobId }),
          );
          await batch.flush();
          this.stats.commits++;
          this.stats.items += works.length;
          return { outcomes, changes: batch.changes };
        });
      } catch (error) {
        if (tries >= RETRIES || !isRetryable(error)) throw error;
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * tries));
      }
    }
  }
}
