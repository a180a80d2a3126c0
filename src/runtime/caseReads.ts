// The reading half of a batch (caseBatch.ts): the cases it steps, from the cache where that is
// current, the timers due, the answers already given to Idempotency-Keys, the service jobs still
// waiting for their result.

import type { EventObject } from 'xstate';
import type { CaseCache } from './caseCache';
import { CASE_COLUMNS, type CaseState } from './caseWrites';
import type { Queryable } from './db';
import type { CaseStatus } from './step';

/** An answer for the HTTP layer: its status and JSON body. */
export interface Outcome {
  status: number;
  body: Record<string, unknown>;
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

export class CaseReads {
  protected readonly cases = new Map<string, CaseState>();
  protected readonly liveJobs = new Set<string>();
  protected readonly answered = new Map<string, Outcome>();

  constructor(
    protected readonly tx: Queryable,
    readonly now: number,
    protected readonly cache?: CaseCache,
  ) {}

  /**
   * Reads these cases for the batch, without locks: the write checks each case's version, and
   * leaves out a case changed meanwhile (see writeBatch). `fresh`: a cached case is used only at
   * the version the database has (PostgreSQL, which other runtimes share). `trusted`: cached cases
   * as they are (PGlite, which this runtime alone writes).
   */
  async read(caseIds: string[], mode: 'fresh' | 'trusted'): Promise<void> {
    const trusted = mode === 'trusted';
    const ids = [...new Set(caseIds)].filter((id) => !this.cases.has(id)).sort();
    if (ids.length === 0) return;
    const known: string[] = [];
    const versions: number[] = [];
    // What the cache held when asked: another batch may drop an entry while this one waits.
    const held = new Map<string, CaseState>();
    for (const id of ids) {
      const cached = this.cache?.get(id);
      if (cached && trusted) this.cases.set(id, { ...cached });
      else {
        known.push(id);
        versions.push(cached ? cached.version : -1);
        if (cached) held.set(id, cached);
      }
    }
    if (known.length === 0) return;
    // One round trip: the version of every case, and the whole row only where the cache is behind.
    const { rows } = await this.tx.query<CaseRow & { fresh: boolean }>(
      `SELECT c.id, c.version, (c.version = k.cached) AS fresh,
          CASE WHEN c.version = k.cached THEN NULL ELSE c.process_id END AS process_id,
          CASE WHEN c.version = k.cached THEN NULL ELSE c.process_hash END AS process_hash,
          CASE WHEN c.version = k.cached THEN NULL ELSE c.status END AS status,
          CASE WHEN c.version = k.cached THEN NULL ELSE c.snapshot END AS snapshot,
          CASE WHEN c.version = k.cached THEN NULL ELSE c.paths END AS paths,
          CASE WHEN c.version = k.cached THEN NULL ELSE c.entered END AS entered,
          CASE WHEN c.version = k.cached THEN NULL ELSE c.data END AS data,
          CASE WHEN c.version = k.cached THEN NULL ELSE c.created_ms END AS created_ms
        FROM unnest($1::text[], $2::int[]) AS k(id, cached) JOIN cases c ON c.id = k.id
        ORDER BY c.id`,
      [known, versions],
    );
    const stale: CaseRow[] = [];
    for (const row of rows) {
      const cached = row.fresh ? held.get(row.id) : undefined;
      if (cached) this.cases.set(row.id, { ...cached });
      else stale.push(row);
    }
    this.adopt(stale);
  }

  /** The cases this batch read or wrote, as they stand. */
  states(): CaseState[] {
    return [...this.cases.values()];
  }

  /** The cases this batch changed. */
  changedIds(): string[] {
    return [...this.cases.values()].filter((c) => c.dirty).map((c) => c.id);
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

  protected adopt(rows: CaseRow[]): void {
    for (const row of rows)
      this.cases.set(row.id, {
        id: row.id,
        processId: row.process_id,
        processHash: row.process_hash,
        version: Number(row.version),
        baseVersion: Number(row.version),
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
}
