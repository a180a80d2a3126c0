// Durable `after` timers: stored as due times with the case, fired here. At start every timer that
// fell due while the runtime was down fires; after that the loop wakes at the earliest due time it
// knows of, and polls the table now and then for timers other runtimes scheduled.
//
// A timer fires inside one transaction that holds its case's lock (taken with SKIP LOCKED, so two
// runtimes split the due cases between them) and deletes the timer's row: it fires once.

import { CaseBatch, type Change } from './caseBatch';
import type { CaseCache } from './caseCache';
import { type Db, isConflict, isRetryable } from './db';
import type { HostedMachine } from './hosted';

/** Cases handled per transaction. */
const PER_TICK = 200;
/** setTimeout's limit: a longer wait is left to the poll. */
const MAX_WAIT = 2 ** 31 - 1;

export class TimerLoop {
  private timer: NodeJS.Timeout | undefined;
  private nextWake = Number.POSITIVE_INFINITY;
  private ticking: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private poll: NodeJS.Timeout | undefined;
  /** Timers fired by this runtime, for tests and the benchmark. */
  fired = 0;

  constructor(
    private readonly db: Db,
    private readonly machines: ReadonlyMap<string, HostedMachine>,
    private readonly onCommit: (changes: Change[]) => void,
    private readonly onError: (error: unknown) => void,
    private readonly pollMs: number,
    private readonly cache?: CaseCache,
  ) {}

  /** Fires whatever is due now, then keeps going. */
  async start(): Promise<void> {
    await this.tick();
    this.poll = setInterval(() => void this.tick(), this.pollMs);
    this.poll.unref?.();
  }

  /** A timer falls due at `due` (ms since the epoch): wake up for it. */
  wake(due: number): void {
    if (this.stopped || due >= this.nextWake) return;
    this.nextWake = due;
    clearTimeout(this.timer);
    const wait = Math.min(MAX_WAIT, Math.max(0, due - Date.now()));
    this.timer = setTimeout(() => {
      this.nextWake = Number.POSITIVE_INFINITY;
      void this.tick();
    }, wait);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.poll);
    await this.ticking;
  }

  /** Fires every due timer; one tick at a time (a call during a tick runs another after it). */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.fireSome()) === PER_TICK);
        } while (this.again && !this.stopped);
      } catch (error) {
        this.onError(error);
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }

  /** One transaction's worth: returns how many cases it locked. */
  private async fireSome(): Promise<number> {
    for (let tries = 1; ; tries++) {
      try {
        const { locked, changes, states } = await this.db.transaction(async (tx) => {
          const batch = new CaseBatch(tx, this.machines, Date.now(), this.cache);
          const ids = await batch.lockDue(PER_TICK);
          if (ids.length === 0) return { locked: 0, changes: [] as Change[], states: [] };
          for (const timer of await batch.dueTimers(ids))
            batch.apply(timer.case_id, timer.event, 'timer', { timerId: timer.timer_id });
          await batch.flush();
          return { locked: ids.length, changes: batch.changes, states: batch.states() };
        });
        this.cache?.store(states);
        this.fired += changes.filter((c) => c.source === 'timer').length;
        if (changes.length) this.onCommit(changes);
        return locked;
      } catch (error) {
        this.cache?.clear();
        if (tries >= 4 || !(isRetryable(error) || isConflict(error))) throw error;
      }
    }
  }
}
