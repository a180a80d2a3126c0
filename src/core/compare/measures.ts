// Every Monte Carlo measure and crack count of two stages side by side, with the change and which
// way is better; and the verdict over the key measures.

import type { SimulationResult } from '../simulation/monteCarlo';

export type Unit = 'minutes' | 'money' | 'share' | 'count';

export interface MeasureRow {
  /** A stable id: `cycleTime.mean`, `cost.byRole.agent`, `finals.resolved`, `cracks.errors`. */
  key: string;
  label: string;
  unit: Unit;
  asIs: number;
  toBe: number;
  /** toBe − asIs. */
  delta: number;
  /** Which way is better; null where neither is (the share of each final state). */
  better: 'lower' | 'higher' | null;
  verdict: 'better' | 'worse' | 'same' | 'neutral';
  /** One of the measures the verdict counts. */
  keyMeasure: boolean;
}

export interface CrackCount {
  errors: number;
  warnings: number;
}

export interface Verdict {
  overall: 'better' | 'worse' | 'mixed' | 'same';
  better: string[];
  worse: string[];
  same: string[];
  /** One line for people. */
  summary: string;
}

const PRECISION: Record<Unit, number> = { minutes: 100, money: 100, share: 10_000, count: 1000 };

function row(
  key: string,
  label: string,
  unit: Unit,
  asIs: number,
  toBe: number,
  better: 'lower' | 'higher' | null,
  keyMeasure = false,
): MeasureRow {
  const scale = PRECISION[unit];
  const delta = Math.round((toBe - asIs) * scale) / scale;
  const verdict =
    better === null
      ? 'neutral'
      : delta === 0
        ? 'same'
        : delta < 0 === (better === 'lower')
          ? 'better'
          : 'worse';
  return { key, label, unit, asIs, toBe, delta, better, verdict, keyMeasure: keyMeasure };
}

export function measureRows(
  asIs: SimulationResult,
  toBe: SimulationResult,
  cracks: { asIs: CrackCount; toBe: CrackCount },
): MeasureRow[] {
  const rows: MeasureRow[] = [
    row(
      'cracks.errors',
      'cracks: errors',
      'count',
      cracks.asIs.errors,
      cracks.toBe.errors,
      'lower',
      true,
    ),
    row(
      'cracks.warnings',
      'cracks: warnings',
      'count',
      cracks.asIs.warnings,
      cracks.toBe.warnings,
      'lower',
    ),
    row('stuck.share', 'cases stuck', 'share', asIs.stuck.share, toBe.stuck.share, 'lower', true),
    row(
      'cycleTime.mean',
      'cycle time mean',
      'minutes',
      asIs.cycleTime.mean,
      toBe.cycleTime.mean,
      'lower',
      true,
    ),
    row(
      'cycleTime.p50',
      'cycle time p50',
      'minutes',
      asIs.cycleTime.p50,
      toBe.cycleTime.p50,
      'lower',
    ),
    row(
      'cycleTime.p90',
      'cycle time p90',
      'minutes',
      asIs.cycleTime.p90,
      toBe.cycleTime.p90,
      'lower',
    ),
    row(
      'cycleTime.p99',
      'cycle time p99',
      'minutes',
      asIs.cycleTime.p99,
      toBe.cycleTime.p99,
      'lower',
    ),
    row('cost.mean', 'cost per case', 'money', asIs.cost.mean, toBe.cost.mean, 'lower', true),
  ];
  const roles = [...new Set([...Object.keys(asIs.cost.byRole), ...Object.keys(toBe.cost.byRole)])];
  for (const role of roles)
    rows.push(
      row(
        `cost.byRole.${role}`,
        `  cost: ${role}`,
        'money',
        asIs.cost.byRole[role] ?? 0,
        toBe.cost.byRole[role] ?? 0,
        'lower',
      ),
    );
  rows.push(
    row(
      'handoffs.mean',
      'handoffs per case',
      'count',
      asIs.handoffs.mean,
      toBe.handoffs.mean,
      'lower',
      true,
    ),
    row(
      'nonValueAddedShare',
      'non-value-added time',
      'share',
      asIs.nonValueAddedShare,
      toBe.nonValueAddedShare,
      'lower',
      true,
    ),
  );
  const finals = [...new Set([...Object.keys(asIs.finals), ...Object.keys(toBe.finals)])];
  for (const final of finals)
    rows.push(
      row(
        `finals.${final}`,
        `ends in ${final}`,
        'share',
        asIs.finals[final] ?? 0,
        toBe.finals[final] ?? 0,
        null,
      ),
    );
  // Cycle time, cost, handoffs and non-value-added time are over the finished cases: when one side
  // finishes none, its zeros are no improvement, so those rows judge nothing.
  const finishes = (r: SimulationResult) => Object.values(r.finals).some((shareOf) => shareOf > 0);
  if (!finishes(asIs) || !finishes(toBe))
    for (const r of rows)
      if (/^(cycleTime|cost|handoffs|nonValueAdded)/.test(r.key)) {
        r.verdict = 'neutral';
        r.keyMeasure = false;
      }
  return rows;
}

export function verdictOf(rows: MeasureRow[]): Verdict {
  const keyRows = rows.filter((r) => r.keyMeasure);
  const names = (verdict: MeasureRow['verdict']) =>
    keyRows.filter((r) => r.verdict === verdict).map((r) => r.label);
  const better = names('better');
  const worse = names('worse');
  const same = names('same');
  const overall =
    better.length && !worse.length
      ? 'better'
      : worse.length && !better.length
        ? 'worse'
        : better.length
          ? 'mixed'
          : 'same';
  const of = `of ${keyRows.length} key measures`;
  const summary =
    overall === 'better'
      ? `the to-be is better on ${better.length} ${of} and worse on none`
      : overall === 'worse'
        ? `the to-be is worse on ${worse.length} ${of} and better on none`
        : overall === 'same'
          ? `the to-be measures the same as the as-is on all ${keyRows.length} key measures`
          : `mixed: the to-be is better on ${better.length} ${of} (${better.join(', ')}) and worse on ${worse.length} (${worse.join(', ')})`;
  return { overall, better, worse, same, summary };
}
