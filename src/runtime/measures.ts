// The measures of DESIGN.md section 3, from the real event log instead of a simulation: the same
// shape as `plumb simulate --json`, so that `plumb compare --measured` can set them side by side.
//
// - Time is in minutes of wall-clock time. A case is in the leaves its last handled event led to,
//   from that event until the next one (or until now, for an active case).
// - Cycle time, cost, handoffs and non-value-added share are over the finished (done) cases, as in
//   Monte Carlo. Cost is each role's costPerHour for the minutes its states were active; a handoff
//   is a move out of a state with a role into one with another role; role and valueAdded inherit
//   from the states around.
// - `finals`: the share of all cases that ended in each final state. `stuck`: the share of all
//   cases that XState stopped with an error, whose last event was dropped, or that have not moved
//   for longer than `stuckAfterMs` with no timer or service pending. `active`: the rest still open.

import { buildStateTree } from '../core/model/tree';
import type { ProcessFile } from '../core/model/types';
import { percentile, type SimulationResult } from '../core/simulation/monteCarlo';
import { ProcessModel } from '../core/simulation/monteCarloModel';
import type { Queryable } from './db';

export interface MeasuredCase {
  id: string;
  status: 'active' | 'done' | 'error';
  paths: string[];
  /** Whether a timer or a service job is pending for it. */
  waiting: boolean;
  events: { at: number; type: string; from: string[]; to: string[]; handled: boolean }[];
}

/** The measures of section 3, as Monte Carlo gives them, from real cases (`runs`: cases measured). */
export interface Measured extends Omit<SimulationResult, 'seed' | 'bounded'> {
  id: string;
  source: 'measured';
  finished: number;
  from: string | null;
  to: string | null;
  active: { share: number };
}

export const DEFAULT_STUCK_AFTER_MS = 7 * 24 * 3600_000;

const round = (value: number, scale: number) => Math.round(value * scale) / scale;
const MINUTE = 60_000;

export function measure(
  process: ProcessFile,
  cases: MeasuredCase[],
  now: number,
  stuckAfterMs = DEFAULT_STUCK_AFTER_MS,
): Measured {
  const tree = buildStateTree(process.machine);
  const model = new ProcessModel(process, tree);
  const roleOf = (path: string) => {
    const node = tree.byPath.get(path);
    return node ? model.roleIndex[node.index] : -1;
  };
  const roleMinutes = new Array(model.roles.length).fill(0);
  const cycleTimes: number[] = [];
  const finals = new Map<string, number>();
  const stuck = new Map<string, { count: number; path: string[] }>();
  let handoffs = 0;
  let total = 0;
  let nonValueAdded = 0;
  let stuckCount = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = 0;

  for (const c of cases) {
    const moves = c.events.filter((e) => e.handled);
    if (c.events.length) {
      first = Math.min(first, c.events[0].at);
      last = Math.max(last, c.events[c.events.length - 1].at);
    }
    const lastEvent = c.events[c.events.length - 1];
    if (c.status !== 'done') {
      const still = lastEvent ? now - lastEvent.at : 0;
      const reason =
        c.status === 'error'
          ? 'XState stopped the case with an error'
          : lastEvent && !lastEvent.handled
            ? `dropped: nobody handles ${lastEvent.type} in ${lastEvent.from.join(', ')}`
            : !c.waiting && still > stuckAfterMs
              ? `no move for over ${Math.round(stuckAfterMs / 3600_000)} h in ${c.paths.join(', ')}`
              : undefined;
      if (reason) {
        stuckCount++;
        const known = stuck.get(reason);
        if (known) known.count++;
        else stuck.set(reason, { count: 1, path: moves.map((e) => e.to.join(', ')).slice(-12) });
      }
      continue;
    }
    const final = c.paths.join(', ');
    finals.set(final, (finals.get(final) ?? 0) + 1);
    if (moves.length === 0) continue;
    cycleTimes.push((moves[moves.length - 1].at - moves[0].at) / MINUTE);
    for (let i = 0; i < moves.length; i++) {
      const move = moves[i];
      if (i > 0) {
        const departed = move.from.filter((p) => !move.to.includes(p));
        const arrived = move.to.filter((p) => !move.from.includes(p));
        const a = departed.map(roleOf).find((r) => r >= 0);
        const b = arrived.map(roleOf).find((r) => r >= 0);
        if (a !== undefined && b !== undefined && a !== b) handoffs++;
      }
      const next = moves[i + 1];
      if (!next) break;
      const minutes = (next.at - move.at) / MINUTE;
      for (const leaf of move.to) {
        const node = tree.byPath.get(leaf);
        if (!node || model.isFinal[node.index]) continue;
        total += minutes;
        const role = model.roleIndex[node.index];
        if (role >= 0) roleMinutes[role] += minutes;
        if (model.valueAdded[node.index] === 0) nonValueAdded += minutes;
      }
    }
  }

  const runs = cases.length;
  const finished = cycleTimes.length;
  const per = (sum: number) => (finished ? sum / finished : 0);
  cycleTimes.sort((a, b) => a - b);
  const byRole: Record<string, number> = {};
  let costSum = 0;
  model.roles.forEach((role, r) => {
    const cost = (roleMinutes[r] * model.costPerHour[r]) / 60;
    byRole[role] = round(per(cost), 100);
    costSum += cost;
  });
  const finalShares: Record<string, number> = {};
  for (const [path, count] of [...finals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
    finalShares[path] = round(runs ? count / runs : 0, 10_000);
  const done = [...finals.values()].reduce((a, b) => a + b, 0);
  return {
    id: process.id,
    source: 'measured',
    runs,
    finished: done,
    from: Number.isFinite(first) ? new Date(first).toISOString() : null,
    to: last ? new Date(last).toISOString() : null,
    cycleTime: {
      mean: round(per(cycleTimes.reduce((a, b) => a + b, 0)), 100),
      p50: round(percentile(cycleTimes, 0.5), 100),
      p90: round(percentile(cycleTimes, 0.9), 100),
      p99: round(percentile(cycleTimes, 0.99), 100),
    },
    cost: { mean: round(per(costSum), 100), byRole },
    handoffs: { mean: round(per(handoffs), 1000) },
    nonValueAddedShare: round(total ? nonValueAdded / total : 0, 10_000),
    finals: finalShares,
    stuck: {
      share: round(runs ? stuckCount / runs : 0, 10_000),
      examples: [...stuck]
        .sort((a, b) => b[1].count - a[1].count)
        .slice(0, 8)
        .map(([reason, { count, path }]) => ({
          reason: `${reason} (${count} of ${runs} cases)`,
          path,
        })),
    },
    active: { share: round(runs ? (runs - done - stuckCount) / runs : 0, 10_000) },
  };
}

/** Every case of a process with its event log, as measures read them. */
export async function loadMeasuredCases(db: Queryable, processId: string): Promise<MeasuredCase[]> {
  const [cases, events, waiting] = await Promise.all([
    db.query<{ id: string; status: MeasuredCase['status']; paths: string[] }>(
      'SELECT id, status, paths FROM cases WHERE process_id = $1 ORDER BY created_ms, id',
      [processId],
    ),
    db.query<{
      case_id: string;
      at_ms: number;
      type: string;
      from_paths: string[];
      to_paths: string[];
      handled: boolean;
    }>(
      'SELECT case_id, at_ms, type, from_paths, to_paths, handled FROM case_events WHERE process_id = $1 ORDER BY case_id, seq',
      [processId],
    ),
    db.query<{ case_id: string }>(
      `SELECT DISTINCT t.case_id FROM timers t JOIN cases c ON c.id = t.case_id WHERE c.process_id = $1
       UNION SELECT DISTINCT j.case_id FROM jobs j JOIN cases c ON c.id = j.case_id
        WHERE c.process_id = $1 AND j.status = 'pending'`,
      [processId],
    ),
  ]);
  const byCase = new Map<string, MeasuredCase['events']>();
  for (const e of events.rows) {
    let list = byCase.get(e.case_id);
    if (!list) {
      list = [];
      byCase.set(e.case_id, list);
    }
    list.push({
      at: Number(e.at_ms),
      type: e.type,
      from: e.from_paths,
      to: e.to_paths,
      handled: e.handled,
    });
  }
  const busy = new Set(waiting.rows.map((r) => r.case_id));
  return cases.rows.map((c) => ({
    id: c.id,
    status: c.status,
    paths: c.paths,
    waiting: busy.has(c.id),
    events: byCase.get(c.id) ?? [],
  }));
}

/** The newest approved process text each process id was hosted with (for `plumb measures <db>`). */
export async function loadProcessTexts(
  db: Queryable,
): Promise<{ id: string; hash: string; text: string }[]> {
  const { rows } = await db.query<{ id: string; hash: string; text: string }>(
    `SELECT DISTINCT ON (id) id, hash, text FROM processes ORDER BY id, first_ms DESC`,
  );
  return rows;
}
