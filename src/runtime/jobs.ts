// Actions and services, run through their handlers after the step that asked for them committed
// (an outbox: the job row is written in the step's transaction). A job is claimed with a lease, so
// that two runtimes never run it at once and a runtime that dies mid-job leaves it to another after
// the lease; handlers see the job id as an idempotency key, since a job can run again after a crash.
//
// A failure is retried with exponential backoff (the handler's policy); a service that still fails
// sends `xstate.error.actor.<invoke id>` to its case, which takes the machine's onError; a service
// that succeeds sends `xstate.done.actor.<invoke id>` with its output. An action that still fails is
// marked failed (the case's page lists it). No handler's throw ever leaves this file.

import type { Committer } from './committer';
import type { Db } from './db';
import { callHandler, DEFAULT_POLICY, type Handler } from './handlers';
import type { HostedMachine } from './hosted';

interface JobRow {
  id: string;
  case_id: string;
  kind: 'action' | 'service';
  name: string;
  invoke_id: string | null;
  payload: {
    processId: string;
    event: Record<string, unknown>;
    params?: unknown;
    input?: unknown;
    data?: unknown;
  };
  attempts: number;
}

const LEASE_EXTRA_MS = 30_000;

export class JobRunner {
  private running = 0;
  private ticking = false;
  private again = false;
  private stopped = false;
  private poll: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly leaseMs: number;

  constructor(
    private readonly db: Db,
    private readonly machines: ReadonlyMap<string, HostedMachine>,
    private readonly committer: Committer,
    private readonly log: (message: string) => void,
    private readonly pollMs: number,
    private readonly concurrency = 16,
  ) {
    let longest = DEFAULT_POLICY.timeoutMs;
    for (const machine of machines.values())
      for (const handler of machine.handlers.run.values())
        longest = Math.max(longest, handler.policy.timeoutMs);
    this.leaseMs = longest + LEASE_EXTRA_MS;
  }

  async start(): Promise<void> {
    this.wake();
    this.poll = setInterval(() => this.wake(), this.pollMs);
    this.poll.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await Promise.allSettled([...this.inFlight]);
  }

  /** New jobs may be waiting: claim what there is room for. */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    void this.claim()
      .catch((error) => this.log(`jobs: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.ticking = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async claim(): Promise<void> {
    const room = this.concurrency - this.running;
    if (room <= 0) return;
    const now = Date.now();
    const { rows } = await this.db.query<JobRow>(
      `UPDATE jobs SET locked_until_ms = $2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM jobs
          WHERE status = 'pending' AND due_ms <= $1 AND (locked_until_ms IS NULL OR locked_until_ms < $1)
          ORDER BY due_ms LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, case_id, kind, name, invoke_id, payload, attempts`,
      [now, now + this.leaseMs, room],
    );
    for (const row of rows) {
      this.running++;
      const job = this.run(row).finally(() => {
        this.running--;
        this.inFlight.delete(job);
        this.wake();
      });
      this.inFlight.add(job);
    }
    if (rows.length === room) this.again = true;
  }

  private async run(job: JobRow): Promise<void> {
    const attempts = Number(job.attempts);
    const machine = this.machines.get(job.payload.processId);
    const handler: Handler | undefined = machine?.handlers.run.get(job.name);
    let output: unknown;
    try {
      if (!handler)
        throw new Error(
          `no handler for ${job.kind} "${job.name}" (machines/${job.payload.processId}/handlers.ts or handlers.json): it fails, as the approved stub does`,
        );
      output = await callHandler(
        handler,
        job.kind,
        job.name,
        {
          caseId: job.case_id,
          processId: job.payload.processId,
          event: job.payload.event,
          data: job.payload.data ?? null,
          ...(job.kind === 'service'
            ? { input: job.payload.input ?? null, invokeId: job.invoke_id ?? '' }
            : {}),
          jobId: job.id,
          attempt: attempts,
        },
        job.payload.params ?? null,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retries = handler?.policy.retries ?? 0;
      if (handler && attempts <= retries) {
        const backoff = handler.policy.backoffMs * 2 ** (attempts - 1);
        await this.db
          .query(
            'UPDATE jobs SET due_ms = $2, locked_until_ms = NULL, last_error = $3 WHERE id = $1',
            [job.id, Date.now() + backoff, message],
          )
          .catch((e) => this.log(`jobs: ${String(e)}`));
        setTimeout(() => this.wake(), backoff + 5).unref?.();
        return;
      }
      this.log(
        `${job.kind} ${job.name} of case ${job.case_id} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${message}`,
      );
      if (job.kind === 'service') {
        await this.finishService(job, {
          type: `xstate.error.actor.${job.invoke_id}`,
          error: message,
        });
      } else {
        await this.db
          .query(
            "UPDATE jobs SET status = 'failed', locked_until_ms = NULL, last_error = $2 WHERE id = $1",
            [job.id, message],
          )
          .catch((e) => this.log(`jobs: ${String(e)}`));
      }
      return;
    }
    if (job.kind === 'service')
      await this.finishService(job, { type: `xstate.done.actor.${job.invoke_id}`, output });
    else
      await this.db
        .query('DELETE FROM jobs WHERE id = $1', [job.id])
        .catch((e) => this.log(`jobs: ${String(e)}`));
  }

  /** The service's outcome goes to its case as an event, in the transaction that deletes the job. */
  private async finishService(
    job: JobRow,
    event: { type: string; output?: unknown; error?: unknown },
  ): Promise<void> {
    const outcome = await this.committer.submit({
      kind: 'event',
      caseId: job.case_id,
      event: event.output === undefined ? event : { ...event, output: event.output ?? null },
      source: 'service',
      jobId: job.id,
    });
    if (outcome.status >= 500)
      this.log(`service ${job.name} of case ${job.case_id}: ${String(outcome.body.error)}`);
  }
}
