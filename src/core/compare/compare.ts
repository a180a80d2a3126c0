// As-is against to-be (DESIGN.md section 3): the structural diff, every Monte Carlo measure side by
// side with its change, and each stage's crack count.

import { analyse } from '../analysis/analyse';
import type { ProcessFile } from '../model/types';
import { type SimulateOptions, type SimulationResult, simulate } from '../simulation/monteCarlo';
import { diffProcesses, type StructuralDiff } from './diff';
import { type CrackCount, type MeasureRow, measureRows, type Verdict, verdictOf } from './measures';

export interface CompareOptions extends Omit<SimulateOptions, 'onProgress'> {
  /** Called now and then with the cases done so far over both stages. */
  onProgress?: (done: number, total: number) => void;
}

export interface StageSummary {
  id: string;
  stage?: string;
  title?: string;
  cracks: CrackCount;
  simulation: SimulationResult;
}

export interface Comparison {
  runs: number;
  seed: number;
  asIs: StageSummary;
  toBe: StageSummary;
  structure: StructuralDiff;
  measures: MeasureRow[];
  verdict: Verdict;
}

function crackCount(process: ProcessFile): CrackCount {
  const { cracks } = analyse(process);
  return {
    errors: cracks.filter((c) => c.severity === 'error').length,
    warnings: cracks.filter((c) => c.severity === 'warning').length,
  };
}

function summary(
  process: ProcessFile,
  simulation: SimulationResult,
  cracks: CrackCount,
): StageSummary {
  const out: StageSummary = { id: process.id, cracks, simulation };
  if (process.stage !== undefined) out.stage = process.stage;
  if (process.title !== undefined) out.title = process.title;
  return out;
}

export function compareProcesses(
  asIs: ProcessFile,
  toBe: ProcessFile,
  options: CompareOptions,
): Comparison {
  const { onProgress, ...simulateOptions } = options;
  const runs = Math.max(0, Math.floor(options.runs));
  const left = simulate(asIs, {
    ...simulateOptions,
    onProgress: onProgress && ((done) => onProgress(done, runs * 2)),
  });
  const right = simulate(toBe, {
    ...simulateOptions,
    onProgress: onProgress && ((done) => onProgress(runs + done, runs * 2)),
  });
  const cracks = { asIs: crackCount(asIs), toBe: crackCount(toBe) };
  const measures = measureRows(left, right, cracks);
  return {
    runs,
    seed: options.seed,
    asIs: summary(asIs, left, cracks.asIs),
    toBe: summary(toBe, right, cracks.toBe),
    structure: diffProcesses(asIs, toBe),
    measures,
    verdict: verdictOf(measures),
  };
}
