// Monte Carlo measures of a process (DESIGN.md section 3): N seeded cases, each run on XState's
// semantics (the compiled stepper, or XState's own `transition` with engine 'xstate'), summed into
// cycle time, cost per role, handoffs, non-value-added share, finals and stuck cases.
//
// Semantics (the details are in monteCarloCase.ts):
// - Time is in minutes. A leaf state's `meta.duration` (a number, or triangular {min, mode, max};
//   0 without one) is drawn when the case enters it, and again each time it handles a move.
// - Each step, the active leaves take turns in the order their work is done. A leaf draws one of
//   the events it handles (its own `on` and its ancestors'; exceptions and wildcards left out) by
//   the transition's `meta.probability`, the events without one sharing what is left equally.
//   When every event has a probability and they sum below 1, the rest is the chance that no
//   event comes and the leaf waits for its own timer or service; while a service runs, events
//   without a probability wait for it. The event comes when the leaf's duration is over, unless a
//   timer (`after`: milliseconds or a named delay) or a service falls due first.
// - Then each exception in scope (`when`) may happen instead, at its catalogue `probability` per
//   step (default 0.01, DEFAULT_EXCEPTION_PROBABILITY).
// - Guards are answered by their condition's `probability` (default 0.5), drawn anew for every
//   evaluation. A service finishes after its invoking state's duration, or fails at its
//   `failureProbability`, taking onError.
// - Cost is each role's costPerHour for the minutes its states are active; a handoff is a move
//   from a state with a role to one with another role; non-value-added share is the minutes in
//   `valueAdded: false` states over all minutes (role and valueAdded inherit from ancestors).
// - A case is stuck when nothing can move it on, when an event it received is dropped (nobody
//   handles it, or every guard said no), when XState stops it (a failure nobody handles, an
//   endless `always` loop), or past the step or time horizon. Measures other than `stuck` and
//   `finals` are over the cases that finished.

import { createContext } from '../analysis/context';
import { invalidMachine } from '../analysis/rules/invalidMachine';
import type { Crack } from '../analysis/types';
import { buildStateTree } from '../model/tree';
import type { ProcessFile } from '../model/types';
import type { Engine, GuardOracle } from './engine';
import { CaseRunner } from './monteCarloCase';
import { ProcessModel } from './monteCarloModel';
import type { StuckKind } from './monteCarloStuck';
import { HashOracle } from './oracle';
import { mulberry32 } from './random';
import { Stepper } from './stepper';
import { XStateEngine } from './xstateEngine';

export type EngineKind = 'fast' | 'xstate';

export interface SimulateOptions {
  runs: number;
  seed: number;
  /** 'fast' (default): the compiled stepper; 'xstate': XState's own transition function. */
  engine?: EngineKind;
  /** Steps (events, timers, services) a case may take before it counts as stuck (default 1,000). */
  maxSteps?: number;
  /** Minutes a case may run before it counts as stuck (default 525,600: a year). */
  maxMinutes?: number;
  /**
   * Steps over all cases before the run stops early (default 1,000,000): cases that all run to the
   * step horizon would otherwise take minutes. The result then says so in `bounded`.
   */
  maxTotalSteps?: number;
  /** Called now and then with the cases done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface SimulationResult {
  runs: number;
  seed: number;
  cycleTime: { mean: number; p50: number; p90: number; p99: number };
  cost: { mean: number; byRole: Record<string, number> };
  handoffs: { mean: number };
  nonValueAddedShare: number;
  finals: Record<string, number>;
  stuck: { share: number; examples: { reason: string; path: string[] }[] };
  /** Only when the run stopped before `runs` cases at the work limit: what it covered. */
  bounded?: string;
}

export const DEFAULT_MAX_STEPS = 1_000;
export const DEFAULT_MAX_MINUTES = 525_600;
export const DEFAULT_MAX_TOTAL_STEPS = 1_000_000;
const CASE_OVERHEAD_STEPS = 4;
/** Distinct stuck reasons reported, the most frequent first. */
const MAX_EXAMPLES = 8;
/** Configurations kept at each end of an example path. */
const PATH_ENDS = 12;

/** The machine cannot be run at all: XState rejects it. */
export class SimulationError extends Error {}

/**
 * What the analyser reports as invalid-machine, in its order: only that rule runs (an error is
 * never waived, so `analyse(process)` gives the same cracks of that rule).
 */
export function invalidMachineCracks(
  process: ProcessFile,
  tree = buildStateTree(process.machine),
): Crack[] {
  return invalidMachine(createContext(process, tree));
}

/**
 * Builds the engine for a process; throws SimulationError when XState rejects the machine. Should
 * the stepper not compile a machine XState accepts, XState itself runs it (same figures, slower).
 */
export function createEngine(
  process: ProcessFile,
  kind: EngineKind,
  oracle: GuardOracle,
  tree = buildStateTree(process.machine),
): Engine {
  let xstate: XStateEngine;
  try {
    xstate = new XStateEngine(process, tree, oracle);
  } catch (error) {
    throw new SimulationError(
      `XState rejects this machine: ${error instanceof Error ? error.message.split('\n').join(' ') : String(error)}`,
    );
  }
  if (kind === 'xstate') return xstate;
  try {
    return new Stepper(process, tree, oracle);
  } catch {
    return xstate;
  }
}

export function simulate(process: ProcessFile, options: SimulateOptions): SimulationResult {
  const requested = Math.max(0, Math.floor(options.runs));
  const budget = options.maxTotalSteps ?? DEFAULT_MAX_TOTAL_STEPS;
  let runs = requested;
  let totalSteps = 0;
  let bounded: string | undefined;
  const tree = buildStateTree(process.machine);
  // A broken machine has no figures: say where it is broken, as `plumb check` does.
  const broken = invalidMachineCracks(process, tree);
  if (broken.length > 0) throw new SimulationError(broken.map((c) => c.message).join('; '));
  const oracle = new HashOracle(process);
  const engine = createEngine(process, options.engine ?? 'fast', oracle, tree);
  const model = new ProcessModel(process, tree);
  const random = mulberry32(options.seed);
  const runner = new CaseRunner(
    model,
    engine,
    oracle,
    random,
    options.maxSteps ?? DEFAULT_MAX_STEPS,
    options.maxMinutes ?? DEFAULT_MAX_MINUTES,
  );

  const cycleTimes: number[] = [];
  const roleCost = new Float64Array(model.roles.length);
  let handoffs = 0;
  let totalMinutes = 0;
  let nonValueAddedMinutes = 0;
  const finals = new Map<string, number>();
  const stuck = new Map<string, { kind: StuckKind; count: number; path: string[] }>();
  let stuckCount = 0;
  const every = Math.max(1, Math.floor(requested / 100));

  for (let i = 0; i < runs; i++) {
    const outcome = runner.run();
    // A case costs about as much as four steps before it takes any: count that too, so that
    // cases that take no step still end a huge run in seconds.
    totalSteps += runner.steps + CASE_OVERHEAD_STEPS;
    if (totalSteps >= budget && i + 1 < requested) {
      runs = i + 1;
      bounded = `stopped after ${runs.toLocaleString('en')} of ${requested.toLocaleString('en')} cases: they took ${totalSteps.toLocaleString('en')} steps, the limit for one run`;
    }
    if (outcome.final !== undefined) {
      finals.set(outcome.final, (finals.get(outcome.final) ?? 0) + 1);
      cycleTimes.push(outcome.minutes);
      handoffs += outcome.handoffs;
      totalMinutes += runner.totalMinutes;
      nonValueAddedMinutes += runner.nonValueAddedMinutes;
      for (let r = 0; r < roleCost.length; r++)
        roleCost[r] += (runner.roleMinutes[r] * model.costPerHour[r]) / 60;
    } else if (outcome.stuck) {
      stuckCount++;
      const known = stuck.get(outcome.stuck.reason);
      if (known) known.count++;
      else
        stuck.set(outcome.stuck.reason, {
          kind: outcome.stuck.kind,
          count: 1,
          path: shorten(outcome.path),
        });
    }
    if (options.onProgress && ((i + 1) % every === 0 || i + 1 === runs))
      options.onProgress(i + 1, bounded ? runs : requested);
  }

  const finished = cycleTimes.length;
  const per = (sum: number) => (finished ? sum / finished : 0);
  cycleTimes.sort((a, b) => a - b);
  const byRole: Record<string, number> = {};
  let costSum = 0;
  model.roles.forEach((role, r) => {
    byRole[role] = money(per(roleCost[r]));
    costSum += roleCost[r];
  });
  const finalShares: Record<string, number> = {};
  for (const [path, count] of [...finals].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])))
    finalShares[path] = share(runs ? count / runs : 0);
  const examples = [...stuck]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, MAX_EXAMPLES)
    .map(([reason, { count, path }]) => ({
      reason: `${reason} (${percent(count / runs)} of cases)`,
      path,
    }));
  return {
    runs,
    seed: options.seed,
    cycleTime: {
      mean: minutes(per(cycleTimes.reduce((a, b) => a + b, 0))),
      p50: minutes(percentile(cycleTimes, 0.5)),
      p90: minutes(percentile(cycleTimes, 0.9)),
      p99: minutes(percentile(cycleTimes, 0.99)),
    },
    cost: { mean: money(per(costSum)), byRole },
    handoffs: { mean: Math.round(per(handoffs) * 1000) / 1000 },
    nonValueAddedShare: share(totalMinutes ? nonValueAddedMinutes / totalMinutes : 0),
    finals: finalShares,
    stuck: { share: share(runs ? stuckCount / runs : 0), examples },
    ...(bounded ? { bounded } : {}),
  };
}

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const minutes = (value: number) => Math.round(value * 100) / 100;
const money = (value: number) => Math.round(value * 100) / 100;
const share = (value: number) => Math.round(value * 10_000) / 10_000;

function percent(value: number): string {
  const p = value * 100;
  return `${p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toFixed(2)}%`;
}

/** A long path keeps its first and last configurations, with how many were left out between. */
function shorten(path: string[]): string[] {
  if (path.length <= PATH_ENDS * 2 + 1) return path;
  return [
    ...path.slice(0, PATH_ENDS),
    `… ${path.length - PATH_ENDS * 2} more …`,
    ...path.slice(-PATH_ENDS),
  ];
}
