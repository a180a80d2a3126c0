// One transaction's work on cases: lock the rows, step each case on XState, and write everything a
// step changes (snapshot, history row, timers, jobs, idempotency answer) in a few multi-row
// statements. The case row's lock guards all of a case's rows: whoever changes a case's timers,
// jobs or history holds it first, so two runtimes never apply one event or fire one timer twice.

import { randomUUID } from 'node:crypto';
import type { EventObject } from 'xstate';
import {
  CASE_COLUMNS,
  type CaseState,
  type JobInsert,
  json,
  type TimerOp,
  writeBatch,
} from './caseWrites';
import type { Queryable } from './db';
import type { HostedMachine } from './hosted';
import { type CaseStatus, StepError, type StepResult } from './step';

export type EventSource = 'create' | 'api' | 'timer' | 'service';

/** An answer for the HTTP layer: its status and JSON body. */
export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

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

interface CaseRow {
  id: string;
  process_id: string;
  process_hash: string;
  version: number;
  status: CaseStatus;
  snapshot: unknown;
  paths: string[];
  entered: Record<string, number>;
  data: unknown;
  created_ms: number;
}

export class CaseBatch {
  private readonly cases = new Map<string, CaseState>();
  private readonly events: unknown[][] = [];
  /** Per `caseId\0timerId`: the timer's last word in this batch (null: deleted). */
  private readonly timerOps = new Map<string, TimerOp>();
  private readonly jobInserts: JobInsert[] = [];
  private readonly jobStops: { caseId: string; invokeId: string }[] = [];
  private readonly jobsConsumed: string[] = [];
  private readonly liveJobs = new Set<string>();
  private readonly answered = new Map<string, Outcome>();
  private readonly idempotencyRows: unknown[][] = [];
  readonly changes: Change[] = [];

  constructor(
    private readonly tx: Queryable,
    private readonly machines: ReadonlyMap<string, HostedMachine>,
    readonly now: number,
  ) {}

  /** Locks these cases (in id order, so that two batches never wait on each other). */
  async lock(caseIds: string[]): Promise<void> {
    const ids = [...new Set(caseIds)].filter((id) => !this.cases.has(id)).sort();
    if (ids.length === 0) return;
    const { rows } = await this.tx.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM cases WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    this.adopt(rows);
  }

  /** Locks up to `limit` cases with timers due now that nobody else holds; returns their ids. */
  async lockDue(limit: number): Promise<string[]> {
    const { rows } = await this.tx.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM cases
        WHERE id IN (SELECT case_id FROM timers WHERE due_ms <= $1 ORDER BY due_ms LIMIT $2)
        ORDER BY id FOR UPDATE SKIP LOCKED`,
      [this.now, limit],
    );
    this.adopt(rows);
    return rows.map((r) => r.id);
  }

  /** The due timers of locked cases, earliest first. */
  async dueTimers(
    caseIds: string[],
  ): Promise<{ case_id: string; timer_id: string; event: EventObject }[]> {
    if (caseIds.length === 0) return [];
    const { rows } = await this.tx.query<{ case_id: string; timer_id: string; event: EventObject }>(
      `SELECT case_id, timer_id, event FROM timers
        WHERE case_id = ANY($1::text[]) AND due_ms <= $2 ORDER BY due_ms, timer_id`,
      [caseIds, this.now],
    );
    return rows;
  }

  /** Reads the answers already given to these Idempotency-Keys (cases must be locked). */
  async loadAnswers(pairs: { caseId: string; key: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    const { rows } = await this.tx.query<{
      case_id: string;
      key: string;
      status: number;
      response: Record<string, unknown>;
    }>(
      'SELECT case_id, key, status, response FROM idempotency WHERE case_id = ANY($1::text[]) AND key = ANY($2::text[])',
      [pairs.map((p) => p.caseId), pairs.map((p) => p.key)],
    );
    for (const row of rows)
      this.answered.set(`${row.case_id}\0${row.key}`, {
        status: Number(row.status),
        body: row.response,
      });
  }

  /** Marks which of these service jobs still exist (cases must be locked). */
  async loadJobs(jobIds: string[]): Promise<void> {
    if (jobIds.length === 0) return;
    const { rows } = await this.tx.query<{ id: string }>(
      'SELECT id FROM jobs WHERE id = ANY($1::text[])',
      [jobIds],
    );
    for (const row of rows) this.liveJobs.add(row.id);
  }

  private adopt(rows: CaseRow[]): void {
    for (const row of rows)
      this.cases.set(row.id, {
        id: row.id,
        processId: row.process_id,
        processHash: row.process_hash,
        version: Number(row.version),
        status: row.status,
        snapshot: row.snapshot,
        paths: row.paths,
        entered: row.entered ?? {},
        data: row.data,
        createdMs: Number(row.created_ms),
        dirty: false,
        isNew: false,
      });
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
    this.timerOps.set(`${caseId}\0${timerId}`, { caseId, timerId, set });
  }
  /** Writes everything, in an order the foreign keys accept. */
  flush(): Promise<void> {
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
