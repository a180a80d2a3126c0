// The writes of one CaseBatch, as a few multi-row statements (`unnest` of one array per column), in
// an order the foreign keys accept: new cases, changed cases, history, timers, jobs, idempotency.

import type { EventObject } from 'xstate';
import type { Queryable } from './db';
import type { CaseStatus } from './step';

export const CASE_COLUMNS =
  'id, process_id, process_hash, version, status, snapshot, paths, entered, data, created_ms';

export const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export interface CaseState {
  id: string;
  processId: string;
  processHash: string;
  version: number;
  status: CaseStatus;
  snapshot: unknown;
  paths: string[];
  entered: Record<string, number>;
  data: unknown;
  createdMs: number;
  dirty: boolean;
  isNew: boolean;
}

export interface JobInsert {
  id: string;
  caseId: string;
  kind: 'action' | 'service';
  name: string;
  invokeId: string | null;
  payload: unknown;
}

export interface TimerOp {
  caseId: string;
  timerId: string;
  /** null: delete the timer. */
  set: { event: EventObject; due: number } | null;
}

export interface Writes {
  cases: CaseState[];
  /** Rows of case_events, in its column order. */
  events: unknown[][];
  timerOps: TimerOp[];
  jobInserts: JobInsert[];
  jobStops: { caseId: string; invokeId: string }[];
  jobsConsumed: string[];
  /** Rows of idempotency, in its column order. */
  idempotencyRows: unknown[][];
}

export async function writeBatch(tx: Queryable, now: number, w: Writes): Promise<void> {
  const fresh = w.cases.filter((c) => c.isNew);
  const touched = w.cases.filter((c) => c.dirty && !c.isNew);
  if (fresh.length)
    await tx.query(
      `INSERT INTO cases (${CASE_COLUMNS}, updated_ms)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[],
           $7::jsonb[], $8::jsonb[], $9::jsonb[], $10::float8[], $11::float8[])`,
      columns(fresh, (c) => [
        c.id,
        c.processId,
        c.processHash,
        c.version,
        c.status,
        json(c.snapshot),
        json(c.paths),
        json(c.entered),
        json(c.data),
        c.createdMs,
        now,
      ]),
    );
  if (touched.length)
    await tx.query(
      `UPDATE cases c SET version = u.version, status = u.status, snapshot = u.snapshot,
           paths = u.paths, entered = u.entered, updated_ms = u.updated_ms
         FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[], $6::jsonb[], $7::float8[])
           AS u(id, version, status, snapshot, paths, entered, updated_ms)
         WHERE c.id = u.id`,
      columns(touched, (c) => [
        c.id,
        c.version,
        c.status,
        json(c.snapshot),
        json(c.paths),
        json(c.entered),
        now,
      ]),
    );
  if (w.events.length)
    await tx.query(
      `INSERT INTO case_events (case_id, seq, process_id, at_ms, type, event, source, from_paths, to_paths, handled)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[], $5::text[], $6::jsonb[],
           $7::text[], $8::jsonb[], $9::jsonb[], $10::bool[])`,
      columns(w.events, (row) => row),
    );
  const ops = w.timerOps;
  const deletes = ops.filter((op) => op.set === null);
  const sets = ops.filter((op) => op.set !== null);
  if (deletes.length)
    await tx.query(
      `DELETE FROM timers t USING unnest($1::text[], $2::text[]) AS d(case_id, timer_id)
         WHERE t.case_id = d.case_id AND t.timer_id = d.timer_id`,
      columns(deletes, (op) => [op.caseId, op.timerId]),
    );
  if (sets.length)
    await tx.query(
      `INSERT INTO timers (case_id, timer_id, event, due_ms)
         SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::float8[])
         ON CONFLICT (case_id, timer_id) DO UPDATE SET event = excluded.event, due_ms = excluded.due_ms`,
      columns(sets, (op) => [op.caseId, op.timerId, json(op.set?.event), op.set?.due]),
    );
  if (w.jobStops.length)
    await tx.query(
      `DELETE FROM jobs j USING unnest($1::text[], $2::text[]) AS d(case_id, invoke_id)
         WHERE j.case_id = d.case_id AND j.invoke_id = d.invoke_id AND j.kind = 'service'`,
      columns(w.jobStops, (s) => [s.caseId, s.invokeId]),
    );
  if (w.jobsConsumed.length)
    await tx.query('DELETE FROM jobs WHERE id = ANY($1::text[])', [w.jobsConsumed]);
  if (w.jobInserts.length)
    await tx.query(
      `INSERT INTO jobs (id, case_id, kind, name, invoke_id, payload, due_ms, status)
         SELECT id, case_id, kind, name, invoke_id, payload, due_ms, 'pending'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::float8[])
           AS j(id, case_id, kind, name, invoke_id, payload, due_ms)`,
      columns(w.jobInserts, (j) => [
        j.id,
        j.caseId,
        j.kind,
        j.name,
        j.invokeId,
        json(j.payload),
        now,
      ]),
    );
  if (w.idempotencyRows.length)
    await tx.query(
      `INSERT INTO idempotency (case_id, key, status, response, at_ms)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::jsonb[], $5::float8[])`,
      columns(w.idempotencyRows, (row) => row),
    );
}

/** Rows turned into one array per column, as `unnest` takes them. */
function columns<T>(items: T[], row: (item: T) => unknown[]): unknown[][] {
  const out: unknown[][] = [];
  for (const item of items) {
    const values = row(item);
    values.forEach((value, i) => {
      if (!out[i]) out[i] = [];
      out[i].push(value);
    });
  }
  return out;
}
