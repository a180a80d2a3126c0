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
  /** The version the database held when the batch read the case. */
  baseVersion: number;
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

/**
 * Writes a batch as one statement, so that it costs one round trip and is all or nothing even
 * outside a transaction. Each changed case is updated only if it still has the version the batch
 * read (`base`); every other row the batch writes for a case (history, timers, jobs, idempotency)
 * is written only if its case was. Returns the ids of the cases written: a case another writer
 * changed in between is left out, untouched, and its requests are to be stepped again.
 */
export async function writeBatch(tx: Queryable, now: number, w: Writes): Promise<Set<string>> {
  const fresh = w.cases.filter((c) => c.isNew);
  const touched = w.cases.filter((c) => c.dirty && !c.isNew);
  if (fresh.length === 0 && touched.length === 0) return new Set();
  const params: unknown[] = [];
  const ctes: string[] = [];
  /** Adds a CTE whose $1, $2... are the given arrays. */
  const part = (name: string, sql: string, values: unknown[][]) => {
    const offset = params.length;
    params.push(...values);
    ctes.push(`${name} AS (${sql.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + offset}`)})`);
  };
  const written: string[] = [];
  if (fresh.length) {
    part(
      'n',
      `INSERT INTO cases (${CASE_COLUMNS}, updated_ms)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[],
         $7::jsonb[], $8::jsonb[], $9::jsonb[], $10::float8[], $11::float8[])
       RETURNING id`,
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
    written.push('SELECT id FROM n');
  }
  if (touched.length) {
    part(
      'u',
      `UPDATE cases c SET version = u.version, status = u.status, snapshot = u.snapshot,
         paths = u.paths, entered = u.entered, updated_ms = u.updated_ms
       FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[], $6::jsonb[], $7::float8[], $8::int[])
         AS u(id, version, status, snapshot, paths, entered, updated_ms, base)
       WHERE c.id = u.id AND c.version = u.base
       RETURNING c.id`,
      columns(touched, (c) => [
        c.id,
        c.version,
        c.status,
        json(c.snapshot),
        json(c.paths),
        json(c.entered),
        now,
        c.baseVersion,
      ]),
    );
    written.push('SELECT id FROM u');
  }
  ctes.push(`ok AS (${written.join(' UNION ALL ')})`);
  const mine = (column: string) => `${column} IN (SELECT id FROM ok)`;
  if (w.events.length)
    part(
      'e',
      `INSERT INTO case_events (case_id, seq, process_id, at_ms, type, event, source, from_paths, to_paths, handled)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[], $5::text[], $6::jsonb[],
         $7::text[], $8::jsonb[], $9::jsonb[], $10::bool[]) AS x(case_id)
       WHERE ${mine('x.case_id')}`,
      columns(w.events, (row) => row),
    );
  const deletes = w.timerOps.filter((op) => op.set === null);
  const sets = w.timerOps.filter((op) => op.set !== null);
  if (deletes.length)
    part(
      'td',
      `DELETE FROM timers t USING unnest($1::text[], $2::text[]) AS d(case_id, timer_id)
       WHERE t.case_id = d.case_id AND t.timer_id = d.timer_id AND ${mine('d.case_id')}`,
      columns(deletes, (op) => [op.caseId, op.timerId]),
    );
  if (sets.length)
    part(
      'ts',
      `INSERT INTO timers (case_id, timer_id, event, due_ms)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::float8[]) AS x(case_id)
       WHERE ${mine('x.case_id')}
       ON CONFLICT (case_id, timer_id) DO UPDATE SET event = excluded.event, due_ms = excluded.due_ms`,
      columns(sets, (op) => [op.caseId, op.timerId, json(op.set?.event), op.set?.due]),
    );
  if (w.jobStops.length)
    part(
      'js',
      `DELETE FROM jobs j USING unnest($1::text[], $2::text[]) AS d(case_id, invoke_id)
       WHERE j.case_id = d.case_id AND j.invoke_id = d.invoke_id AND j.kind = 'service'
         AND ${mine('d.case_id')}`,
      columns(w.jobStops, (x) => [x.caseId, x.invokeId]),
    );
  if (w.jobsConsumed.length)
    part('jc', `DELETE FROM jobs WHERE id = ANY($1::text[]) AND ${mine('case_id')}`, [
      w.jobsConsumed,
    ]);
  if (w.jobInserts.length)
    part(
      'ji',
      `INSERT INTO jobs (id, case_id, kind, name, invoke_id, payload, due_ms, status)
       SELECT id, case_id, kind, name, invoke_id, payload, due_ms, 'pending'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::float8[])
         AS j(id, case_id, kind, name, invoke_id, payload, due_ms)
       WHERE ${mine('j.case_id')}`,
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
    part(
      'ik',
      `INSERT INTO idempotency (case_id, key, status, response, at_ms)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::jsonb[], $5::float8[]) AS x(case_id)
       WHERE ${mine('x.case_id')}`,
      columns(w.idempotencyRows, (row) => row),
    );
  const { rows } = await tx.query<{ id: string }>(
    `WITH ${ctes.join(',\n')}\nSELECT id FROM ok`,
    params,
  );
  return new Set(rows.map((r) => r.id));
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
