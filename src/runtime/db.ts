// The runtime's database: PGlite in a data folder (the embedded default) or a PostgreSQL server,
// behind one small interface. Every statement is parameterised; JSON goes in as text cast to jsonb.

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Where it is, for messages: the data folder, or the URL without its password. */
  readonly where: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database error code worth retrying the whole transaction for (deadlock, serialization). */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === '40P01' || code === '40001';
}

/** A unique key was taken by another writer (a stale read, or a race): worth reading again. */
export function isConflict(error: unknown): boolean {
  return (error as { code?: unknown })?.code === '23505';
}

/** The URL with its password hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/** PGlite in `<dataDir>/pgdata`, created on first use. */
export async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const folder = join(dataDir, 'pgdata');
  mkdirSync(folder, { recursive: true });
  const pg = await PGlite.create(folder);
  // PGlite is one connection: a transaction holds it, so the runtime queues its own work.
  let closed = false;
  return {
    kind: 'pglite',
    where: dataDir,
    query: async <T>(sql: string, params?: unknown[]) => {
      const result = await pg.query<T>(sql, params as unknown[]);
      return { rows: result.rows };
    },
    transaction: (fn) =>
      pg.transaction(async (tx) =>
        fn({
          query: async <T>(sql: string, params?: unknown[]) => {
            const result = await tx.query<T>(sql, params as unknown[]);
            return { rows: result.rows };
          },
        }),
      ),
    close: async () => {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
}

/**
 * The name a parameterised statement is prepared under on each connection (pg's named queries):
 * the server parses and plans it once per connection instead of at every batch. The name is the
 * text's hash, so a name never stands for two texts.
 */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `plumb_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    // The texts are the runtime's own and few; the bound only guards against a surprise.
    if (statementNames.size < 1000) statementNames.set(sql, name);
  }
  return name;
}

const queryConfig = (sql: string, params?: unknown[]) =>
  params?.length ? { name: statementName(sql), text: sql, values: params } : { text: sql };

/** A pool of connections to a PostgreSQL server. */
export async function openPostgres(url: string, poolSize = 8): Promise<Db> {
  const pg = await import('pg');
  const Pool = pg.default?.Pool ?? (pg as unknown as { Pool: typeof pg.default.Pool }).Pool;
  const pool = new Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not take the process down.
  pool.on('error', () => {});
  // Fail now, with the server's message, rather than on the first request.
  const client = await pool.connect();
  client.release();
  let closed = false;
  return {
    kind: 'postgres',
    where: redactUrl(url),
    query: async <T>(sql: string, params?: unknown[]) => {
      const result = await pool.query(queryConfig(sql, params));
      return { rows: result.rows as T[] };
    },
    transaction: async (fn) => {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const value = await fn({
          query: async <T>(sql: string, params?: unknown[]) => {
            const result = await connection.query(queryConfig(sql, params));
            return { rows: result.rows as T[] };
          },
        });
        await connection.query('COMMIT');
        return value;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
