// One batch's work on cases: read them (caseReads.ts), step each on XState, and write everything a
// step changes (snapshot, history row, timers, jobs, idempotency answer) in one statement
// (caseWrites.ts). Each case is written only at the version it was read at, and every row of a
// case goes with it: two writers (runtimes, or a runtime's timer loop) never both apply an event,
// fire a timer or use an Idempotency-Key; the one that lost steps its requests again.

import { randomUUID } from 'node:crypto';
import type { EventObject } from 'xstate';
import type { CaseCache } from './caseCache';
import { CaseReads, type Outcome } from './caseReads';
import { type CaseState, type JobInsert, json, type TimerOp, writeBatch } from './caseWrites';
import type { Queryable } from './db';
import type { HostedMachine } from './hosted';
import { type CaseStatus, StepError, type StepResult } from './step';

export type { Outcome };

export type EventSource = 'create' | 'api' | 'timer' | 'service';

/** What changed, told to listeners (live view, inspection, the timer and job loops) after commit. */
export interface Change {
  caseId: string;
  processId: string;
  at: number;
  event: EventObject;
  source: EventSource;
  handled: boolean;
  from: string[];
  to: string[];
  value: unknown;
  status: CaseStatus;
  /** Due times of the timers this change scheduled. */
  timersDue: number[];
  /** Whether it queued actions or services to run. */
  jobs: boolean;
}

export class CaseBatch extends CaseReads {
  private readonly events: unknown[][] = [];
  /** Per `caseId\0timerId`: the timer's last word in this batch (null: deleted). */
  private readonly timerOps = new Map<string, TimerOp>();
  private readonly jobInserts: JobInsert[] = [];
  private readonly jobStops: { caseId: string; invokeId: string }[] = [];
  private readonly jobsConsumed: string[] = [];
  private readonly idempotencyRows: unknown[][] = [];
  readonly changes: Change[] = [];

  constructor(
    tx: Queryable,
    private readonly machines: ReadonlyMap<string, HostedMachine>,
    now: number,
    cache?: CaseCache,
  ) {
    super(tx, now, cache);
  }

  /** A new case of `machine` in its initial state. */
  create(machine: HostedMachine, data: unknown, caseId = randomUUID()): Outcome {
    let result: StepResult;
    try {
      result = machine.engine.start(caseId, data, this.now);
    } catch (error) {
      return stepFailed(error, machine.id);
    }
    const state: CaseState = {
      id: caseId,
      processId: machine.id,
      processHash: machine.hash,
      version: 0,
      baseVersion: 0,
      status: result.status,
      snapshot: result.snapshot,
      paths: [],
      entered: {},
      data: data ?? null,
      createdMs: this.now,
      dirty: true,
      isNew: true,
    };
    this.cases.set(caseId, state);
    this.record(state, machine, { type: 'xstate.init' }, 'create', result);
    return { status: 201, body: view(state) };
  }

  /**
   * The event for a locked case. `key` is the Idempotency-Key; `jobId` the service job whose result
   * this is (skipped when the job is gone: the state was left, or another runtime took it);
   * `timerId` the timer that fired.
   */
  apply(
    caseId: string,
    event: EventObject,
    source: Exclude<EventSource, 'create'>,
    options: { key?: string; jobId?: string; timerId?: string } = {},
  ): Outcome {
    const state = this.cases.get(caseId);
    if (!state) return { status: 404, body: { error: `no case "${caseId}"` } };
    const answerKey = options.key === undefined ? undefined : `${caseId}\0${options.key}`;
    if (answerKey) {
      const earlier = this.answered.get(answerKey);
      if (earlier) return { status: earlier.status, body: { ...earlier.body, replayed: true } };
    }
    if (options.timerId !== undefined) this.setTimer(caseId, options.timerId, null);
    if (options.jobId !== undefined) {
      if (!this.liveJobs.has(options.jobId))
        return { status: 200, body: { skipped: 'the service job is gone' } };
      this.liveJobs.delete(options.jobId);
      this.jobsConsumed.push(options.jobId);
      state.dirty = true;
    }
    const machine = this.machines.get(state.processId);
    if (!machine)
      return {
        status: 409,
        body: {
          error: `case "${caseId}" runs process "${state.processId}", which this runtime does not host`,
          handled: false,
        },
      };
    let result: StepResult;
    try {
      result = machine.engine.step(
        caseId,
        state.data,
        state.snapshot,
        state.entered,
        event,
        this.now,
      );
    } catch (error) {
      return stepFailed(error, machine.id);
    }
    let outcome: Outcome;
    if (result.handled) {
      this.record(state, machine, event, source, result);
      outcome = { status: 200, body: { ...view(state), handled: true } };
    } else if (source === 'api') {
      // A drop: nobody handles the event here. It goes into the history, and the answer says so.
      this.record(state, machine, event, source, result);
      const where =
        state.status === 'active'
          ? `in ${state.paths.join(', ')}`
          : `once the case is ${state.status}`;
      outcome = {
        status: 409,
        body: {
          ...view(state),
          handled: false,
          error: `nobody handles ${event.type} ${where}: the drop is recorded`,
        },
      };
    } else {
      // A stale timer or a late service result: nothing to record.
      outcome = { status: 200, body: { ...view(state), handled: false } };
    }
    if (answerKey && options.key !== undefined && outcome.status < 500) {
      this.answered.set(answerKey, outcome);
      this.idempotencyRows.push([
        caseId,
        options.key,
        outcome.status,
        json(outcome.body),
        this.now,
      ]);
    }
    return outcome;
  }

  private record(
    state: CaseState,
    machine: HostedMachine,
    event: EventObject,
    source: EventSource,
    result: StepResult,
  ): void {
    const from = state.paths;
    state.version += 1;
    state.dirty = true;
    state.snapshot = result.snapshot;
    state.status = result.status;
    state.paths = result.paths;
    state.entered = result.entered;
    this.events.push([
      state.id,
      state.version,
      state.processId,
      this.now,
      event.type,
      json(event),
      source,
      json(from),
      json(result.paths),
      result.handled,
    ]);
    const timersDue: number[] = [];
    for (const id of result.cancels) this.setTimer(state.id, id, null);
    for (const timer of result.timers) {
      const due = this.now + timer.delayMs;
      this.setTimer(state.id, timer.id, { event: timer.event, due });
      timersDue.push(due);
    }
    for (const invokeId of result.stops) {
      const pending = this.jobInserts.findIndex(
        (j) => j.caseId === state.id && j.invokeId === invokeId && j.kind === 'service',
      );
      if (pending >= 0) this.jobInserts.splice(pending, 1);
      else this.jobStops.push({ caseId: state.id, invokeId });
    }
    let jobs = false;
    for (const service of result.services) {
      jobs = true;
      this.jobInserts.push({
        id: randomUUID(),
        caseId: state.id,
        kind: 'service',
        name: service.src,
        invokeId: service.invokeId,
        payload: { processId: state.processId, event, input: service.input, data: state.data },
      });
    }
    for (const action of result.actions) {
      // Actions without a handler do nothing, as the approved stubs do: no job for them.
      if (!machine.handlers.run.has(action.name)) continue;
      jobs = true;
      this.jobInserts.push({
        id: randomUUID(),
        caseId: state.id,
        kind: 'action',
        name: action.name,
        invokeId: null,
        payload: { processId: state.processId, event, params: action.params, data: state.data },
      });
    }
    this.changes.push({
      caseId: state.id,
      processId: state.processId,
      at: this.now,
      event,
      source,
      handled: result.handled,
      from,
      to: result.paths,
      value: result.value,
      status: result.status,
      timersDue,
      jobs,
    });
  }

  private setTimer(
    caseId: string,
    timerId: string,
    set: { event: EventObject; due: number } | null,
  ): void {
    const state = this.cases.get(caseId);
    if (state) state.dirty = true;
    this.timerOps.set(`${caseId}\0${timerId}`, { caseId, timerId, set });
  }
  /**
   * Writes everything in one statement; returns the ids of the cases written (a case changed by
   * another writer since it was read is not, and nothing of it is).
   */
  flush(): Promise<Set<string>> {
    return writeBatch(this.tx, this.now, {
      cases: [...this.cases.values()],
      events: this.events,
      timerOps: [...this.timerOps.values()],
      jobInserts: this.jobInserts,
      jobStops: this.jobStops,
      jobsConsumed: this.jobsConsumed,
      idempotencyRows: this.idempotencyRows,
    });
  }
}

function view(state: CaseState): Record<string, unknown> {
  return {
    caseId: state.id,
    processId: state.processId,
    value: snapshotValue(state.snapshot),
    paths: state.paths,
    status: state.status,
  };
}

function snapshotValue(snapshot: unknown): unknown {
  return (snapshot as { value?: unknown } | null)?.value ?? null;
}

function stepFailed(error: unknown, processId: string): Outcome {
  const message = error instanceof StepError ? error.message : String(error);
  return {
    status: 500,
    body: { error: `the machine of "${processId}" could not take the event: ${message}` },
  };
}
