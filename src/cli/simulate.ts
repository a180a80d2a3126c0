// `plumb simulate <file> [--runs N] [--seed S] [--engine fast|xstate] [--json]`: Monte Carlo
// measures of one process (DESIGN.md section 3). The same seed gives the same figures.

import type { ProcessFile } from '../core/model/types';
import {
  type EngineKind,
  SimulationError,
  type SimulationResult,
  simulate,
} from '../core/simulation/monteCarlo';
import { intFlag, parseArgs, UsageError } from './args';
import { displayPath, InputError, loadProcess } from './files';
import { count, duration, money, percent, table, whole } from './format';
import { colour, print, printJson } from './output';
import { progressBar } from './progress';

export const DEFAULT_RUNS = 10_000;

export interface RunOptions {
  runs: number;
  seed: number;
  engine: EngineKind;
}

/** --runs, --seed and --engine, shared with compare. */
export function runOptions(flags: Parameters<typeof intFlag>[0]): RunOptions {
  const engine = flags.flags.get('engine') ?? 'fast';
  if (engine !== 'fast' && engine !== 'xstate')
    throw new UsageError(
      `--engine must be "fast" or "xstate", not "${engine === true ? '' : engine}"`,
    );
  return {
    runs: intFlag(flags, 'runs', DEFAULT_RUNS, 1),
    // The generator is seeded with 32 bits: larger seeds would repeat smaller ones.
    seed: intFlag(flags, 'seed', 1, 0, 2 ** 32 - 1),
    engine,
  };
}

/** Runs the simulation; a machine XState rejects is bad input, named with its file. */
export function simulateFile(
  file: string,
  process: ProcessFile,
  options: RunOptions,
  onProgress?: (done: number, total: number) => void,
): SimulationResult {
  try {
    return simulate(process, { ...options, onProgress });
  } catch (error) {
    if (error instanceof SimulationError)
      throw new InputError(`${file}: machine: ${error.message}`);
    throw error;
  }
}

export function simulateCommand(argv: string[]): number {
  const args = parseArgs(argv, ['json'], ['runs', 'seed', 'engine']);
  if (args.positionals.length !== 1)
    throw new UsageError(
      'simulate needs one process file: plumb simulate <file> [--runs N] [--seed S]',
    );
  const options = runOptions(args);
  const file = displayPath(args.positionals[0]);
  const process = loadProcess(args.positionals[0]);
  const bar = progressBar('simulating');
  const started = Date.now();
  let result: SimulationResult;
  try {
    result = simulateFile(file, process, options, bar.update);
  } finally {
    bar.done();
  }
  if (args.flags.get('json')) printJson({ file, id: process.id, ...result });
  else printSimulation(file, process, result, options, Date.now() - started);
  return 0;
}

function printSimulation(
  file: string,
  process: ProcessFile,
  result: SimulationResult,
  options: RunOptions,
  ms: number,
): void {
  print(
    `${colour.bold(process.title ?? process.id)}${process.stage ? ` · ${process.stage}` : ''}  ${colour.dim(file)}`,
  );
  print(
    colour.dim(
      `${whole(result.runs)} cases, seed ${result.seed}${options.engine === 'xstate' ? ', XState engine' : ''}, ${ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`}`,
    ),
  );
  print();
  const finishedShare = 1 - result.stuck.share;
  const finished = finishedShare > 0;
  const none = colour.dim('no case finished');
  const c = result.cycleTime;
  const roles = Object.entries(result.cost.byRole)
    .filter(([, cost]) => cost > 0)
    .map(([role, cost]) => `${role} ${money(cost)}`)
    .join(' · ');
  const finals = Object.entries(result.finals)
    .map(([path, share]) => `${path} ${percent(share)}`)
    .join(' · ');
  const stuckShare = percent(result.stuck.share);
  const rows = [
    [
      'cycle time',
      finished ? `mean ${duration(c.mean)}` : none,
      finished
        ? colour.dim(`p50 ${duration(c.p50)} · p90 ${duration(c.p90)} · p99 ${duration(c.p99)}`)
        : '',
    ],
    ['cost per case', finished ? money(result.cost.mean) : none, finished ? colour.dim(roles) : ''],
    ['handoffs', finished ? `${count(result.handoffs.mean)} per case` : none, ''],
    ['non-value-added', finished ? `${percent(result.nonValueAddedShare)} of the time` : none, ''],
    ['finished', percent(finishedShare), colour.dim(finals)],
    ['stuck', result.stuck.share > 0 ? colour.red(stuckShare) : colour.green(stuckShare), ''],
  ];
  for (const line of table(rows)) print(`  ${line}`);
  for (const example of result.stuck.examples) {
    print(`    ${colour.red('•')} ${example.reason}`);
    print(`      ${colour.dim(example.path.join(' → '))}`);
  }
  if (result.bounded) print(colour.yellow(`  note: ${result.bounded}`));
  print();
  print(
    colour.dim('Cycle time, cost, handoffs and non-value-added time are over the finished cases.'),
  );
}
