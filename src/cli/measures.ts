// `plumb measures <url | data dir | postgres URL | measures.json> [--process id] [--json]`: the measures
// of DESIGN.md section 3 computed from real cases (runtime/measures.ts), from a running runtime
// (its /api/processes/{id}/measures), straight from its database, or from a file this command wrote.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { measureRows } from '../core/compare/measures';
import { parseProcess } from '../core/model/parse';
import type { Db } from '../runtime/db';
import { openPglite, openPostgres } from '../runtime/db';
import { loadMeasuredCases, loadProcessTexts, type Measured, measure } from '../runtime/measures';
import { lockDataDir } from '../runtime/runtime';
import { type Args, parseArgs, UsageError } from './args';
import { figure, mark } from './compare';
import { displayPath, InputError, loadProcess } from './files';
import { change, count, duration, money, percent, table, whole } from './format';
import { colour, print, printJson } from './output';
import { runOptions, simulateFile } from './simulate';

/** Measures of every process at `source` (or only `processId`). */
export async function loadMeasures(source: string, processId?: string): Promise<Measured[]> {
  const keep = (list: Measured[]) => {
    const out = processId ? list.filter((m) => m.id === processId) : list;
    if (processId && out.length === 0)
      throw new InputError(
        `${source}: no measures of process "${processId}" (it has: ${list.map((m) => m.id).join(', ') || 'none'})`,
      );
    return out;
  };
  if (/^https?:\/\//.test(source)) return keep(await fromRuntime(source, processId));
  if (/^postgres(ql)?:\/\//.test(source)) {
    let db: Db;
    try {
      db = await openPostgres(source, 2);
    } catch (error) {
      throw new InputError(`${source}: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      return keep(await fromDb(db, processId));
    } finally {
      await db.close();
    }
  }
  let isFolder = false;
  try {
    isFolder = statSync(source).isDirectory();
  } catch {
    throw new InputError(
      `${source}: no such file or folder (give a runtime URL, its data folder, a postgres:// URL or a measures JSON file)`,
    );
  }
  if (!isFolder) return keep(fromFile(source));
  if (!existsSync(join(source, 'pgdata')))
    throw new InputError(`${source}: not a runtime data folder (no pgdata inside)`);
  let unlock: () => void;
  try {
    unlock = lockDataDir(source);
  } catch (error) {
    throw new InputError(
      `${error instanceof Error ? error.message : String(error)}; or ask the running runtime: plumb measures http://127.0.0.1:PORT`,
    );
  }
  try {
    const db = await openPglite(source);
    try {
      return keep(await fromDb(db, processId));
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

async function fromRuntime(base: string, processId?: string): Promise<Measured[]> {
  const root = base.replace(/\/+$/, '').replace(/\/api(\/.*)?$/, '');
  const headers: Record<string, string> = process.env.PLUMB_TOKEN
    ? { Authorization: `Bearer ${process.env.PLUMB_TOKEN}` }
    : {};
  const get = async (path: string) => {
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, { headers, signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      throw new InputError(
        `${root}${path}: ${error instanceof Error ? ((error.cause as Error)?.message ?? error.message) : String(error)}`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok)
      throw new InputError(`${root}${path}: ${response.status} ${String(body.error ?? '')}`);
    return body;
  };
  const ids = processId
    ? [processId]
    : ((await get('/api/processes')).processes as { id: string }[]).map((p) => p.id);
  const out: Measured[] = [];
  for (const id of ids)
    out.push(
      (await get(`/api/processes/${encodeURIComponent(id)}/measures`)) as unknown as Measured,
    );
  return out;
}

async function fromDb(db: Db, processId?: string): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const row of await loadProcessTexts(db)) {
    if (processId && row.id !== processId) continue;
    const parsed = parseProcess(row.text);
    if (!parsed.process) continue;
    out.push(measure(parsed.process, await loadMeasuredCases(db, row.id), Date.now()));
  }
  return out;
}

function fromFile(file: string): Measured[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `${file}: not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const list = Array.isArray((value as { processes?: unknown })?.processes)
    ? (value as { processes: unknown[] }).processes
    : [value];
  for (const [i, m] of list.entries())
    if (!m || typeof m !== 'object' || typeof (m as Measured).cycleTime !== 'object')
      throw new InputError(
        `${file}: ${list.length > 1 ? `processes[${i}]: ` : ''}not measures (what plumb measures --json prints)`,
      );
  return list as Measured[];
}

export async function measuresCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json'], ['process']);
  if (args.positionals.length !== 1)
    throw new UsageError(
      'measures needs one source: plumb measures http://127.0.0.1:7070 (or the data folder, or a postgres:// URL)',
    );
  const processFlag = args.flags.get('process');
  if (processFlag === true || processFlag === '') throw new UsageError('--process needs an id');
  const source = args.positionals[0];
  const list = await loadMeasures(source, processFlag);
  if (args.flags.get('json')) printJson({ source, processes: list });
  else printMeasures(source, list);
  return 0;
}

function printMeasures(source: string, list: Measured[]): void {
  if (list.length === 0) print(`${source}: no processes`);
  for (const m of list) {
    print(
      `${colour.bold(m.id)}  ${whole(m.runs)} cases, ${whole(m.finished)} finished${m.from ? colour.dim(`  ${m.from} → ${m.to}`) : ''}`,
    );
    const rows = [
      [
        'cycle time p50 / p90 / p99',
        `${duration(m.cycleTime.p50)} / ${duration(m.cycleTime.p90)} / ${duration(m.cycleTime.p99)}`,
      ],
      ['cycle time mean', duration(m.cycleTime.mean)],
      ['cost per case', money(m.cost.mean)],
      ...Object.entries(m.cost.byRole).map(([role, value]) => [`  cost: ${role}`, money(value)]),
      ['handoffs per case', count(m.handoffs.mean)],
      ['non-value-added time', percent(m.nonValueAddedShare)],
      ...Object.entries(m.finals).map(([path, share]) => [`ends in ${path}`, percent(share)]),
      ['still active', percent(m.active.share)],
      ['stuck', percent(m.stuck.share)],
    ];
    for (const line of table(rows, [false, true])) print(`  ${line}`);
    for (const example of m.stuck.examples) print(colour.yellow(`  stuck: ${example.reason}`));
    print();
  }
}

/**
 * `plumb compare <file> --measured <source> [--runs N] [--seed S]`: the file's Monte Carlo measures
 * (what the to-be promised) beside the measures of its real cases (what happened). The rows are
 * compare's: `simulated` and `measured` in place of as-is and to-be; crack counts are left out.
 */
export async function compareMeasured(args: Args): Promise<number> {
  if (args.positionals.length !== 1)
    throw new UsageError(
      'compare --measured takes one process file: plumb compare examples/lead-assignment/to-be.process.json --measured http://127.0.0.1:7070',
    );
  const source = args.flags.get('measured');
  if (typeof source !== 'string' || source === '')
    throw new UsageError(
      '--measured needs a runtime URL, a data folder, a postgres:// URL or a measures JSON file',
    );
  const file = displayPath(args.positionals[0]);
  const process = loadProcess(args.positionals[0]);
  const [measured] = await loadMeasures(source, process.id);
  const options = runOptions(args);
  const simulated = simulateFile(file, process, options);
  const none = { errors: 0, warnings: 0 };
  const rows = measureRows(
    simulated,
    { ...measured, seed: options.seed },
    { asIs: none, toBe: none },
  )
    .filter((row) => !row.key.startsWith('cracks.'))
    .map(({ asIs, toBe, ...rest }) => ({ ...rest, simulated: asIs, measured: toBe }));
  const keyRows = rows.filter((r) => r.keyMeasure);
  const better = keyRows.filter((r) => r.verdict === 'better').map((r) => r.label);
  const worse = keyRows.filter((r) => r.verdict === 'worse').map((r) => r.label);
  const summary =
    measured.finished === 0
      ? 'no real case has finished yet: only the shares compare'
      : worse.length === 0
        ? `the real cases keep the promise: better than simulated on ${better.length} of ${keyRows.length} key measures and worse on none`
        : `the real cases fall short on ${worse.length} of ${keyRows.length} key measures (${worse.join(', ')})${better.length ? ` and beat the simulation on ${better.length} (${better.join(', ')})` : ''}`;
  if (args.flags.get('json')) {
    printJson({
      file,
      id: process.id,
      source,
      runs: simulated.runs,
      seed: options.seed,
      simulated,
      measured,
      measures: rows,
      summary,
    });
    return 0;
  }
  print(`${colour.bold(process.title ?? process.id)}: simulated → measured`);
  print(colour.dim(`${file}: ${whole(simulated.runs)} simulated cases, seed ${options.seed}`));
  print(
    colour.dim(
      `${source}: ${whole(measured.runs)} real cases, ${whole(measured.finished)} finished`,
    ),
  );
  print();
  const lines = [
    [
      colour.dim('measure'),
      colour.dim('simulated'),
      colour.dim('measured'),
      colour.dim('change'),
      '',
    ],
  ];
  for (const row of rows) {
    const asRow = { ...row, asIs: row.simulated, toBe: row.measured };
    lines.push([
      row.keyMeasure ? row.label : colour.dim(row.label),
      figure(asRow, row.simulated),
      figure(asRow, row.measured),
      change(row.unit, row.simulated, row.measured),
      mark(asRow),
    ]);
  }
  for (const line of table(lines, [false, true, true, true, false])) print(`  ${line}`);
  print();
  print(`${colour.bold('Verdict:')} ${summary}.`);
  return 0;
}
