// `plumb compare <as-is> <to-be> [--runs N] [--seed S] [--engine fast|xstate] [--json]`: the
// structural diff and every measure side by side, with a one-line verdict.
// `plumb compare <file> --measured <source>`: the file's Monte Carlo measures (the promise) against
// the measures of its real cases (what happened), from a runtime URL, its data folder, a
// postgres:// URL or a `plumb measures --json` file (measures.ts).

import { type Comparison, compareProcesses } from '../core/compare/compare';
import type { TransitionRef } from '../core/compare/diff';
import type { MeasureRow } from '../core/compare/measures';
import { SimulationError } from '../core/simulation/monteCarlo';
import { parseArgs, UsageError } from './args';
import { displayPath, InputError, loadProcess } from './files';
import { change, count, duration, money, percent, table, timeUnit, whole } from './format';
import { compareMeasured } from './measures';
import { colour, print, printJson } from './output';
import { progressBar } from './progress';
import { runOptions } from './simulate';

/** Lines listed per part of the structural diff before "and N more". */
const LIST_LIMIT = 15;

export function compareCommand(argv: string[]): number | Promise<number> {
  const args = parseArgs(argv, ['json'], ['runs', 'seed', 'engine', 'measured']);
  if (args.flags.has('measured')) return compareMeasured(args);
  if (args.positionals.length !== 2)
    throw new UsageError('compare needs two process files: plumb compare <as-is> <to-be>');
  const options = runOptions(args);
  const [asIsFile, toBeFile] = args.positionals.map(displayPath);
  const asIs = loadProcess(args.positionals[0]);
  const toBe = loadProcess(args.positionals[1]);
  const bar = progressBar('simulating');
  let comparison: Comparison;
  try {
    comparison = compareProcesses(asIs, toBe, { ...options, onProgress: bar.update });
  } catch (error) {
    if (error instanceof SimulationError)
      throw new InputError(`${asIsFile} or ${toBeFile}: machine: ${error.message}`);
    throw error;
  } finally {
    bar.done();
  }
  if (args.flags.get('json'))
    printJson({
      ...comparison,
      asIs: { file: asIsFile, ...comparison.asIs },
      toBe: { file: toBeFile, ...comparison.toBe },
    });
  else printComparison(asIsFile, toBeFile, comparison);
  return 0;
}

export function figure(row: MeasureRow, value: number): string {
  // Both stages of a time in the same unit (the smaller one's), so that they compare at a glance.
  if (row.unit === 'minutes') {
    const nonZero = [row.asIs, row.toBe].filter((v) => v > 0);
    return duration(value, timeUnit(nonZero.length ? Math.min(...nonZero) : 0));
  }
  if (row.unit === 'money') return money(value);
  if (row.unit === 'share') return percent(value);
  return row.key.startsWith('cracks.') ? whole(value) : count(value);
}

export function mark(row: MeasureRow): string {
  if (row.verdict === 'better') return colour.green('✓ better');
  if (row.verdict === 'worse') return colour.red('✗ worse');
  if (row.verdict === 'same') return colour.dim('= same');
  return '';
}

function printComparison(asIsFile: string, toBeFile: string, c: Comparison): void {
  const name = c.toBe.title ?? c.toBe.id;
  print(`${colour.bold(name)}: ${c.asIs.stage ?? 'as-is'} → ${c.toBe.stage ?? 'to-be'}`);
  print(colour.dim(`${asIsFile} → ${toBeFile}`));
  print(colour.dim(`${whole(c.runs)} cases each, seed ${c.seed}`));
  print();
  const rows = [
    [colour.dim('measure'), colour.dim('as-is'), colour.dim('to-be'), colour.dim('change'), ''],
  ];
  for (const row of c.measures) {
    const label = row.keyMeasure ? row.label : colour.dim(row.label);
    rows.push([
      label,
      figure(row, row.asIs),
      figure(row, row.toBe),
      change(row.unit, row.asIs, row.toBe, row.key.startsWith('cracks.')),
      mark(row),
    ]);
  }
  for (const line of table(rows, [false, true, true, true, false])) print(`  ${line}`);
  for (const [stage, summary] of [
    ['as-is', c.asIs],
    ['to-be', c.toBe],
  ] as const)
    if (summary.simulation.bounded)
      print(colour.yellow(`  note (${stage}): ${summary.simulation.bounded}`));
  print();
  printStructure(c);
  print();
  const paint =
    c.verdict.overall === 'better'
      ? colour.green
      : c.verdict.overall === 'worse'
        ? colour.red
        : colour.yellow;
  print(`${colour.bold('Verdict:')} ${paint(c.verdict.summary)}.`);
}

const arrow = (ref: TransitionRef['targets']) =>
  ref
    .map((t) => `${t.guard ? `[${t.guard}] ` : ''}${t.to.length ? t.to.join(' + ') : '(stays)'}`)
    .join(' | ');

function printStructure(c: Comparison): void {
  const { states, transitions } = c.structure;
  print(
    `${colour.bold('structure')}  states: ${states.added.length} added, ${states.removed.length} removed, ${states.changed.length} changed; transitions: ${transitions.added.length} added, ${transitions.removed.length} removed, ${transitions.changed.length} changed`,
  );
  const lines: string[] = [
    ...states.added.map((path) => `${colour.green('+')} state ${path}`),
    ...states.removed.map((path) => `${colour.red('-')} state ${path}`),
    ...states.changed.map((s) => `${colour.yellow('~')} state ${s.path}: ${s.changes.join('; ')}`),
    ...transitions.added.map(
      (t) => `${colour.green('+')} ${t.source || '(machine)'} ${t.event} → ${arrow(t.targets)}`,
    ),
    ...transitions.removed.map(
      (t) => `${colour.red('-')} ${t.source || '(machine)'} ${t.event} → ${arrow(t.targets)}`,
    ),
    ...transitions.changed.map(
      (t) =>
        `${colour.yellow('~')} ${t.source || '(machine)'} ${t.event}: ${arrow(t.from)}  ⇒  ${arrow(t.to)}`,
    ),
  ];
  for (const line of lines.slice(0, LIST_LIMIT * 3)) print(`  ${line}`);
  if (lines.length > LIST_LIMIT * 3)
    print(colour.dim(`  … and ${lines.length - LIST_LIMIT * 3} more (--json lists them all)`));
}
