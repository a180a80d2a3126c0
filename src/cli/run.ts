// `plumb run [machines dir] [--port N] [--data dir | --db URL] [--host H] [--poll ms] [--json]`: the
// runtime of DESIGN.md section 8. Loopback only, unless --host names another address: then
// PLUMB_TOKEN must be set and every request needs `Authorization: Bearer <token>`. Prints
// `listening on http://127.0.0.1:PORT` once it takes requests; stops cleanly on SIGINT or SIGTERM.

import { statSync } from 'node:fs';
import { MachinesError } from '../runtime/hosted';
import { defaultDataDir, type Runtime, startRuntime } from '../runtime/runtime';
import { isLoopbackHost } from '../server/hosts';
import { intFlag, parseArgs, UsageError } from './args';
import { InputError } from './files';
import { listenError, untilStopped } from './listen';
import { print, printError, printJson } from './output';

export const DEFAULT_RUN_PORT = 7070;

export async function runCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json'], ['port', 'host', 'data', 'db', 'poll']);
  if (args.positionals.length > 1)
    throw new UsageError('run takes one machines folder: plumb run machines');
  const dir = args.positionals[0] ?? 'machines';
  const port = intFlag(args, 'port', DEFAULT_RUN_PORT, 0, 65535);
  const pollMs = intFlag(args, 'poll', 1000, 10, 3_600_000);
  const text = (name: string) => {
    const value = args.flags.get(name);
    if (value === true || value === '') throw new UsageError(`--${name} needs a value`);
    return value;
  };
  const host = text('host') ?? '127.0.0.1';
  const data = text('data');
  const db = text('db');
  if (data && db)
    throw new UsageError('--data (PGlite folder) and --db (PostgreSQL URL) are either-or');
  if (db && !/^postgres(ql)?:\/\//.test(db))
    throw new UsageError(
      `--db takes a postgres://user:password@host:port/database URL, not "${db}"`,
    );
  const loopback = isLoopbackHost(host);
  const token = process.env.PLUMB_TOKEN || undefined;
  if (!loopback && !token)
    throw new UsageError(
      `--host ${host} would let other machines start and move cases: plumb run stays on loopback (127.0.0.1) unless PLUMB_TOKEN is set, and then every request needs "Authorization: Bearer <token>"`,
    );
  try {
    if (!statSync(dir).isDirectory()) throw new Error();
  } catch {
    throw new InputError(
      `${dir}: no such folder of approved machines (plumb approve writes machines/<id>/)`,
    );
  }

  // A handler's stray throw or rejection outside the runtime's own calls is logged, not fatal.
  const stray = (error: unknown) =>
    printError(
      `a handler failed outside its call: ${error instanceof Error ? error.message : String(error)}`,
    );
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);

  let runtime: Runtime;
  try {
    runtime = await startRuntime({
      machinesDir: dir,
      ...(db ? { dbUrl: db } : { dataDir: data ?? defaultDataDir(dir) }),
      port,
      host,
      token: loopback ? undefined : token,
      pollMs,
      log: (message) => printError(message),
    });
  } catch (error) {
    process.off('uncaughtException', stray);
    process.off('unhandledRejection', stray);
    const refusal = listenError(error, port, host);
    if (refusal) throw refusal;
    if (error instanceof MachinesError) throw new InputError(error.message);
    if (db) throw new InputError(`--db: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  for (const refusal of runtime.refused)
    printError(`refused ${refusal.id}: ${refusal.reasons.join('; ')}`);
  for (const note of runtime.notes) printError(`note: ${note}`);
  if (args.flags.get('json'))
    printJson({
      url: runtime.url,
      database: runtime.db.kind,
      where: runtime.db.where,
      processes: [...runtime.machines.keys()],
      refused: runtime.refused,
    });
  else print(`listening on ${runtime.url}`);

  await untilStopped();
  await runtime.close();
  process.off('uncaughtException', stray);
  process.off('unhandledRejection', stray);
  return 0;
}
