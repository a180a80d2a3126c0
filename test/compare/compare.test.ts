// Compare (DESIGN.md section 3): the structural diff, every measure side by side with its change and
// which way is better, the crack counts, and the verdict.

import { describe, expect, it } from 'vitest';
import { compareProcesses } from '../../src/core/compare/compare';
import { diffProcesses } from '../../src/core/compare/diff';
import { measureRows, verdictOf } from '../../src/core/compare/measures';
import type { MachineConfig } from '../../src/core/model/types';
import { simulate } from '../../src/core/simulation/monteCarlo';
import { proc } from '../helpers';

const roles = { clerk: { costPerHour: 30 }, manager: { costPerHour: 60 } };
const stage = (machine: MachineConfig, events = ['SUBMIT', 'APPROVE', 'REJECT', 'RECHECK']) =>
  proc({ id: 'claims', machine, events, roles });

const asIs = stage({
  initial: 'new',
  states: {
    new: { meta: { role: 'clerk', duration: 30, valueAdded: false }, on: { SUBMIT: 'review' } },
    review: {
      meta: { role: 'manager', duration: 60 },
      on: { APPROVE: 'paid', REJECT: 'new' },
    },
    filing: { meta: { role: 'clerk' }, on: { SUBMIT: 'review' } },
    paid: { type: 'final' },
  },
});

const toBe = stage({
  initial: 'new',
  states: {
    new: { meta: { role: 'clerk', duration: 10, valueAdded: false }, on: { SUBMIT: 'checks' } },
    checks: {
      initial: 'review',
      states: {
        // Moved under "checks": matched by its key.
        review: {
          meta: { role: 'clerk', duration: 20 },
          on: { APPROVE: '#test.paid', REJECT: '#test.paid', RECHECK: 'review' },
        },
      },
    },
    paid: { type: 'final' },
  },
});

describe('structural diff', () => {
  const diff = diffProcesses(asIs, toBe);

  it('states added, removed, changed: matched by path, then by key', () => {
    expect(diff.states.added).toEqual(['checks']);
    expect(diff.states.removed).toEqual(['filing']);
    expect(diff.states.changed).toEqual([
      { path: 'new', changes: ['duration: 30 → 10'] },
      {
        path: 'checks.review',
        from: 'review',
        changes: ['moved: review → checks.review', 'role: manager → clerk', 'duration: 60 → 20'],
      },
    ]);
  });

  it('transitions by source and event, in the to-be names of the states', () => {
    expect(diff.transitions.added).toEqual([
      { source: 'checks.review', event: 'RECHECK', targets: [{ to: ['checks.review'] }] },
    ]);
    expect(diff.transitions.removed).toEqual([
      { source: 'filing', event: 'SUBMIT', targets: [{ to: ['checks.review'] }] },
    ]);
    expect(diff.transitions.changed).toEqual([
      {
        source: 'new',
        event: 'SUBMIT',
        from: [{ to: ['checks.review'] }],
        to: [{ to: ['checks'] }],
      },
      {
        source: 'checks.review',
        event: 'REJECT',
        from: [{ to: ['new'] }],
        to: [{ to: ['paid'] }],
      },
    ]);
  });

  it('a process against itself: nothing added, removed or changed', () => {
    expect(diffProcesses(toBe, toBe)).toEqual({
      states: { added: [], removed: [], changed: [] },
      transitions: { added: [], removed: [], changed: [] },
    });
  });

  it('guards count in a transition change', () => {
    const guarded = structuredClone(toBe);
    guarded.conditions = { urgent: { probability: 0.5 } };
    const checks = guarded.machine.states?.checks as MachineConfig;
    const review = checks.states?.review as { on: Record<string, unknown> };
    review.on.APPROVE = [{ target: '#test.paid', guard: 'urgent' }, { target: '#test.new' }];
    expect(diffProcesses(toBe, guarded).transitions.changed).toEqual([
      {
        source: 'checks.review',
        event: 'APPROVE',
        from: [{ to: ['paid'] }],
        to: [{ to: ['paid'], guard: 'urgent' }, { to: ['new'] }],
      },
    ]);
  });
});

describe('measures side by side', () => {
  const comparison = compareProcesses(asIs, toBe, { runs: 2000, seed: 3 });
  const row = (key: string) => comparison.measures.find((m) => m.key === key);

  it('every measure of both stages with its change and which way is better', () => {
    // As-is: 30 + 60 minutes and back to "new" half the time; to-be: 10 + 20 minutes, RECHECK
    // loops a third of the time (each loop another 20 minutes).
    expect(comparison.asIs.simulation).toEqual(simulate(asIs, { runs: 2000, seed: 3 }));
    expect(comparison.toBe.simulation).toEqual(simulate(toBe, { runs: 2000, seed: 3 }));
    const cycle = row('cycleTime.mean');
    expect(cycle).toMatchObject({
      unit: 'minutes',
      better: 'lower',
      verdict: 'better',
      keyMeasure: true,
    });
    expect(cycle?.asIs).toBe(comparison.asIs.simulation.cycleTime.mean);
    expect(cycle?.toBe).toBe(comparison.toBe.simulation.cycleTime.mean);
    expect(cycle?.delta).toBeCloseTo((cycle?.toBe ?? 0) - (cycle?.asIs ?? 0), 2);
    expect(cycle?.asIs).toBeGreaterThan(150);
    expect(cycle?.toBe).toBeLessThan(60);
    expect(row('cost.mean')).toMatchObject({ verdict: 'better' });
    expect(row('cost.byRole.manager')).toMatchObject({ toBe: 0, verdict: 'better' });
    expect(row('handoffs.mean')).toMatchObject({ toBe: 0, verdict: 'better' });
    expect(row('finals.paid')).toMatchObject({
      asIs: 1,
      toBe: 1,
      better: null,
      verdict: 'neutral',
    });
    expect(row('stuck.share')).toMatchObject({ asIs: 0, toBe: 0, verdict: 'same' });
    expect(comparison.measures.map((m) => m.key)).toEqual([
      'cracks.errors',
      'cracks.warnings',
      'stuck.share',
      'cycleTime.mean',
      'cycleTime.p50',
      'cycleTime.p90',
      'cycleTime.p99',
      'cost.mean',
      'cost.byRole.clerk',
      'cost.byRole.manager',
      'handoffs.mean',
      'nonValueAddedShare',
      'finals.paid',
    ]);
  });

  it('the crack counts of each stage, from the analyser', () => {
    // The as-is leaves "filing" unreachable and never uses RECHECK (two warnings); the to-be has none.
    expect(comparison.asIs.cracks).toEqual({ errors: 0, warnings: 2 });
    expect(comparison.toBe.cracks).toEqual({ errors: 0, warnings: 0 });
    expect(row('cracks.warnings')).toMatchObject({ delta: -2, verdict: 'better' });
  });

  it('a one-line verdict over the key measures', () => {
    expect(comparison.verdict.overall).toBe('better');
    expect(comparison.verdict.worse).toEqual([]);
    expect(comparison.verdict.summary).toMatch(/^the to-be is better on \d of 6 key measures/);
  });

  it('worse, mixed and same verdicts', () => {
    const a = simulate(asIs, { runs: 500, seed: 1 });
    const b = simulate(toBe, { runs: 500, seed: 1 });
    const none = { errors: 0, warnings: 0 };
    expect(verdictOf(measureRows(b, a, { asIs: none, toBe: none })).overall).toBe('worse');
    expect(verdictOf(measureRows(a, a, { asIs: none, toBe: none }))).toMatchObject({
      overall: 'same',
      better: [],
      worse: [],
    });
    const mixed = verdictOf(measureRows(a, b, { asIs: none, toBe: { errors: 2, warnings: 0 } }));
    expect(mixed.overall).toBe('mixed');
    expect(mixed.worse).toEqual(['cracks: errors']);
    expect(mixed.summary).toMatch(
      /^mixed: the to-be is better on \d of 6 key measures \(.*\) and worse on 1 \(cracks: errors\)/,
    );
  });

  it('reports progress over both stages', () => {
    const seen: number[] = [];
    compareProcesses(asIs, toBe, { runs: 200, seed: 1, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(400);
    expect(Math.max(...seen)).toBe(400);
  });
});

describe('a stage where no case finishes', () => {
  it('does not count its zero cycle time and cost as an improvement', () => {
    const works = proc({
      roles: { r: { title: 'R', costPerHour: 60 } },
      events: ['GO'],
      machine: {
        initial: 'a',
        states: {
          a: { meta: { role: 'r', duration: 30 }, on: { GO: 'done' } },
          done: { type: 'final' },
        },
      },
    });
    const stuck = proc({
      roles: { r: { title: 'R', costPerHour: 60 } },
      events: ['GO'],
      machine: {
        initial: 'a',
        states: { a: { meta: { role: 'r', duration: 30 } }, done: { type: 'final' } },
      },
    });
    const rows = measureRows(
      simulate(works, { runs: 50, seed: 1 }),
      simulate(stuck, { runs: 50, seed: 1 }),
      {
        asIs: { errors: 0, warnings: 0 },
        toBe: { errors: 1, warnings: 0 },
      },
    );
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey['cycleTime.mean'].verdict).toBe('neutral');
    expect(byKey['cost.mean'].keyMeasure).toBe(false);
    expect(verdictOf(rows).overall).toBe('worse');
  });
});
