// The runtime's tables, the same on PGlite and PostgreSQL, created and upgraded by numbered
// migrations. Several runtimes starting at once on one server take turns (an advisory lock).
//
// Times are milliseconds since the epoch (double precision), the runtime's own clock.
//
//   processes     every approved process a runtime has hosted, by hash: what measures read
//   cases         one row per case: its persisted XState snapshot, its leaf paths, its version
//   case_events   the history: every event applied or dropped, with the paths before and after
//   timers        `after` timers as due times, one row per case and timer id
//   jobs          actions and services to run through handlers after the commit (the outbox)
//   idempotency   the answer given to each Idempotency-Key, per case

import type { Db } from './db';

interface Migration {
  version: number;
  statements: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE processes (
        hash text PRIMARY KEY,
        id text NOT NULL,
        title text,
        approved_by text,
        text text NOT NULL,
        first_ms double precision NOT NULL
      )`,
      `CREATE TABLE cases (
        id text PRIMARY KEY,
        process_id text NOT NULL,
        process_hash text NOT NULL,
        version integer NOT NULL,
        status text NOT NULL,
        snapshot jsonb NOT NULL,
        paths jsonb NOT NULL,
        entered jsonb NOT NULL,
        data jsonb,
        created_ms double precision NOT NULL,
        updated_ms double precision NOT NULL
      )`,
      'CREATE INDEX cases_by_process ON cases (process_id, status)',
      `CREATE TABLE case_events (
        case_id text NOT NULL REFERENCES cases (id),
        seq integer NOT NULL,
        process_id text NOT NULL,
        at_ms double precision NOT NULL,
        type text NOT NULL,
        event jsonb NOT NULL,
        source text NOT NULL,
        from_paths jsonb NOT NULL,
        to_paths jsonb NOT NULL,
        handled boolean NOT NULL,
        PRIMARY KEY (case_id, seq)
      )`,
      'CREATE INDEX case_events_by_process ON case_events (process_id, at_ms)',
      `CREATE TABLE timers (
        case_id text NOT NULL REFERENCES cases (id),
        timer_id text NOT NULL,
        event jsonb NOT NULL,
        due_ms double precision NOT NULL,
        PRIMARY KEY (case_id, timer_id)
      )`,
      'CREATE INDEX timers_by_due ON timers (due_ms)',
      `CREATE TABLE jobs (
        id text PRIMARY KEY,
        case_id text NOT NULL REFERENCES cases (id),
        kind text NOT NULL,
        name text NOT NULL,
        invoke_id text,
        payload jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        due_ms double precision NOT NULL,
        locked_until_ms double precision,
        status text NOT NULL,
        last_error text
      )`,
      'CREATE INDEX jobs_by_due ON jobs (status, due_ms)',
      'CREATE INDEX jobs_by_case ON jobs (case_id)',
      `CREATE TABLE idempotency (
        case_id text NOT NULL REFERENCES cases (id),
        key text NOT NULL,
        status integer NOT NULL,
        response jsonb NOT NULL,
        at_ms double precision NOT NULL,
        PRIMARY KEY (case_id, key)
      )`,
    ],
  },
];

/** A number of our own for the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 7_301_947;

/** Brings the schema up to the newest migration; returns the versions it applied. */
export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS plumb_migrations (version integer PRIMARY KEY, at_ms double precision NOT NULL)',
    );
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM plumb_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO plumb_migrations (version, at_ms) VALUES ($1, $2)', [
        migration.version,
        Date.now(),
      ]);
      applied.push(migration.version);
    }
    const newest = Math.max(...MIGRATIONS.map((m) => m.version));
    const ahead = [...done].filter((v) => v > newest);
    if (ahead.length)
      throw new Error(
        `the database has schema version ${Math.max(...ahead)}, newer than this runtime knows (${newest}): upgrade plumb`,
      );
    return applied;
  });
}
