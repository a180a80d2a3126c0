// What the runtime reads back: one case with its history, the cases inside a state, the live view of
// a process (cases per state, the oldest wait, the drops) and the event log that measures read.

import type { Queryable } from './db';

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

export interface HistoryEntry {
  at: string;
  event: string;
  from: string[];
  to: string[];
  handled: boolean;
  source: string;
  data?: Record<string, unknown>;
}

export async function readCase(
  db: Queryable,
  caseId: string,
): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query<{
    id: string;
    process_id: string;
    status: string;
    snapshot: { value?: unknown };
    paths: string[];
    data: unknown;
    created_ms: number;
    updated_ms: number;
  }>(
    'SELECT id, process_id, status, snapshot, paths, data, created_ms, updated_ms FROM cases WHERE id = $1',
    [caseId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const [events, timers, jobs] = await Promise.all([
    db.query<{
      at_ms: number;
      type: string;
      event: Record<string, unknown>;
      source: string;
      from_paths: string[];
      to_paths: string[];
      handled: boolean;
    }>(
      'SELECT at_ms, type, event, source, from_paths, to_paths, handled FROM case_events WHERE case_id = $1 ORDER BY seq',
      [caseId],
    ),
    db.query<{ timer_id: string; due_ms: number }>(
      'SELECT timer_id, due_ms FROM timers WHERE case_id = $1 ORDER BY due_ms',
      [caseId],
    ),
    db.query<{
      kind: string;
      name: string;
      status: string;
      attempts: number;
      last_error: string | null;
    }>(
      'SELECT kind, name, status, attempts, last_error FROM jobs WHERE case_id = $1 ORDER BY due_ms',
      [caseId],
    ),
  ]);
  return {
    caseId: row.id,
    processId: row.process_id,
    value: row.snapshot?.value ?? null,
    paths: row.paths,
    status: row.status,
    data: row.data ?? null,
    createdAt: iso(row.created_ms),
    updatedAt: iso(row.updated_ms),
    history: events.rows.map((e) => {
      const { type: _type, ...data } = e.event ?? {};
      const entry: HistoryEntry = {
        at: iso(e.at_ms) as string,
        event: e.type,
        from: e.from_paths,
        to: e.to_paths,
        handled: e.handled,
        source: e.source,
      };
      if (Object.keys(data).length) entry.data = data;
      return entry;
    }),
    timers: timers.rows.map((t) => ({ id: t.timer_id, due: iso(t.due_ms) })),
    jobs: jobs.rows.map((j) => ({
      kind: j.kind,
      name: j.name,
      status: j.status,
      attempts: Number(j.attempts),
      ...(j.last_error ? { lastError: j.last_error } : {}),
    })),
  };
}

/** The cases of a process inside `state` (a leaf or any state around one), oldest first. */
export async function casesIn(
  db: Queryable,
  processId: string,
  state: string | undefined,
  status: string | undefined,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query<{
    id: string;
    status: string;
    snapshot: { value?: unknown };
    paths: string[];
    entered: Record<string, number>;
    updated_ms: number;
  }>(
    `SELECT id, status, snapshot, paths, entered, updated_ms FROM cases
      WHERE process_id = $1
        AND ($2::text IS NULL OR EXISTS (
          SELECT 1 FROM jsonb_array_elements_text(paths) AS p(path)
           WHERE p.path = $2::text OR left(p.path, length($2::text) + 1) = $2::text || '.'))
        AND ($3::text IS NULL OR status = $3::text)
      ORDER BY created_ms, id LIMIT $4`,
    [processId, state ?? null, status ?? null, limit],
  );
  return rows.map((r) => ({
    caseId: r.id,
    value: r.snapshot?.value ?? null,
    paths: r.paths,
    status: r.status,
    ...(state ? { since: iso(r.entered?.[state]) } : {}),
    updatedAt: iso(r.updated_ms),
  }));
}

export interface LiveView {
  processId: string;
  at: string;
  active: number;
  done: number;
  error: number;
  /** Every state with cases in it (leaves and the states around them). */
  states: Record<string, { count: number; oldestSince: string; oldestCaseId: string }>;
  /** The latest events nobody handled, newest first. */
  drops: { caseId: string; at: string; event: string; state: string[] }[];
}

export async function liveView(
  db: Queryable,
  processId: string,
  dropLimit = 50,
): Promise<LiveView> {
  const [cases, counts, drops] = await Promise.all([
    db.query<{ id: string; entered: Record<string, number> }>(
      "SELECT id, entered FROM cases WHERE process_id = $1 AND status = 'active'",
      [processId],
    ),
    db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM cases WHERE process_id = $1 GROUP BY status',
      [processId],
    ),
    db.query<{ case_id: string; at_ms: number; type: string; from_paths: string[] }>(
      `SELECT case_id, at_ms, type, from_paths FROM case_events
        WHERE process_id = $1 AND NOT handled ORDER BY at_ms DESC, case_id LIMIT $2`,
      [processId, dropLimit],
    ),
  ]);
  const states: Record<string, { count: number; oldest: number; caseId: string }> = {};
  for (const row of cases.rows)
    for (const [path, since] of Object.entries(row.entered ?? {})) {
      const entry = states[path];
      if (!entry) states[path] = { count: 1, oldest: Number(since), caseId: row.id };
      else {
        entry.count++;
        if (Number(since) < entry.oldest) {
          entry.oldest = Number(since);
          entry.caseId = row.id;
        }
      }
    }
  const byStatus = Object.fromEntries(counts.rows.map((r) => [r.status, Number(r.n)]));
  return {
    processId,
    at: new Date().toISOString(),
    active: byStatus.active ?? 0,
    done: byStatus.done ?? 0,
    error: byStatus.error ?? 0,
    states: Object.fromEntries(
      Object.entries(states)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([path, s]) => [
          path,
          { count: s.count, oldestSince: iso(s.oldest) as string, oldestCaseId: s.caseId },
        ]),
    ),
    drops: drops.rows.map((d) => ({
      caseId: d.case_id,
      at: iso(d.at_ms) as string,
      event: d.type,
      state: d.from_paths,
    })),
  };
}
