// The exception sweep: every reachable configuration, explored over events, timers, services and
// both guard answers, times every exception in scope: where the case goes, or that it is dropped.
// An engine steps the machine (the compiled stepper, or XState's pure `transition()`), saving each
// configuration so that every event and exception is tried from it.

import { analyse } from '../analysis/analyse';
import { exceptionInScope } from '../model/scope';
import {
  buildStateTree,
  descriptorMatches,
  invokesOf,
  type StateNode,
  type StateTree,
} from '../model/tree';
import type { ProcessFile } from '../model/types';
import type { EngineState, GuardOracle } from './engine';
import { stepBudget } from './machine';
import { createEngine, type EngineKind } from './monteCarlo';
import { afterEventType } from './stepperCompile';

export type SweepCell =
  | { outcome: 'out-of-scope' }
  | { outcome: 'dropped' }
  | { outcome: 'handled'; to: string[]; dependsOnAnswers?: boolean }
  | { outcome: 'error'; message: string };

export interface SweepRow {
  /** The configuration: its active leaf state paths. */
  states: string[];
  cells: Record<string, SweepCell>;
}

export interface SweepResult {
  exceptions: string[];
  rows: SweepRow[];
  /** Configurations explored. */
  explored: number;
  /** Transitions tried while exploring. */
  steps: number;
  /** True when the bound stopped the exploration before every configuration was seen. */
  bounded: boolean;
  dropped: number;
  message?: string;
}

export interface SweepOptions {
  /** The most configurations to explore (default 5,000). */
  maxConfigurations?: number;
  /** The compiled stepper (default) or XState's own pure transition(). */
  engine?: EngineKind;
}

/** Guard answers set by the sweep; an unanswered guard says no. Counts calls to stop runaway steps. */
class AnswerOracle implements GuardOracle {
  answers = new Map<string, boolean>();
  /** The guards asked during the current step: only their answers can change its outcome. */
  readonly asked = new Set<string>();
  readonly budget = stepBudget();

  reset(): void {
    this.budget.reset();
  }

  answer(name: string): boolean {
    this.budget.tick();
    this.asked.add(name);
    return this.answers.get(name) ?? false;
  }
}

const NO = new Map<string, boolean>();

interface Configuration {
  state: EngineState;
  leaves: readonly number[];
  cells: Record<string, SweepCell>;
}

/** Events worth trying in a configuration: handled events, its timers, its services settling. */
function candidateEvents(active: Set<StateNode>, catalogue: string[]): string[] {
  const names = new Set<string>();
  for (const node of active) {
    for (const d of node.onEvents) {
      if (!d.includes('*')) names.add(d);
      else for (const name of catalogue) if (descriptorMatches(d, name)) names.add(name);
    }
    for (const t of node.transitions)
      if (t.kind === 'after' && t.order === 0 && t.event !== undefined)
        names.add(afterEventType(t.event, node.id));
    invokesOf(node.config).forEach((invoke, i) => {
      if (!invoke || typeof invoke !== 'object') return;
      const id = typeof invoke.id === 'string' ? invoke.id : `${i}.${node.id}`;
      names.add(`xstate.done.actor.${id}`);
      names.add(`xstate.error.actor.${id}`);
    });
  }
  return [...names];
}

function activeNodes(tree: StateTree, leaves: readonly number[]): Set<StateNode> {
  const active = new Set<StateNode>();
  for (const index of leaves)
    for (let n: StateNode | null = tree.nodes[index]; n; n = n.parent) active.add(n);
  return active;
}

export function sweep(process: ProcessFile, options: SweepOptions = {}): SweepResult {
  const maxConfigurations = options.maxConfigurations ?? 5000;
  const exceptionNames = Object.entries(process.events ?? {})
    .filter(([, def]) => def.exception)
    .map(([name]) => name);
  const empty = (message: string): SweepResult => ({
    exceptions: exceptionNames,
    rows: [],
    explored: 0,
    steps: 0,
    bounded: false,
    dropped: 0,
    message,
  });
  // A broken machine cannot run; an `always` loop can: XState's own loop limit ends each step
  // that enters it, and the sweep says so.
  const blocking = analyse(process).cracks.find((c) => c.rule === 'invalid-machine');
  if (blocking) return empty(`the sweep cannot run this machine: ${blocking.message}`);

  const tree = buildStateTree(process.machine);
  const oracle = new AnswerOracle();
  let engine: ReturnType<typeof createEngine>;
  try {
    engine = createEngine(process, options.engine ?? 'fast', oracle, tree);
  } catch (error) {
    return empty(
      `the machine cannot start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const catalogue = Object.keys(process.events ?? {});
  const alwaysGuards = new Set<string>();
  for (const node of tree.nodes)
    for (const t of node.transitions) if (t.kind === 'always' && t.guard) alwaysGuards.add(t.guard);

  let steps = 0;
  let problem: string | undefined;
  /** One step from a saved configuration; undefined when nobody handles the event. */
  const step = (
    from: EngineState | undefined,
    event: string | undefined,
    answers: Map<string, boolean>,
  ) => {
    steps++;
    oracle.answers = answers;
    oracle.asked.clear();
    try {
      const result =
        from === undefined
          ? engine.start()
          : (engine.restore(from), engine.send({ type: event as string }));
      if (!result.handled && from !== undefined) return undefined;
      return { status: result.status, leaves: engine.leaves() };
    } catch (error) {
      problem = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return undefined;
    }
  };

  const seen = new Map<string, Configuration>();
  const queue: Configuration[] = [];
  let bounded = false;
  /** Keeps the engine's current case when it is a configuration not seen yet (call right after a step). */
  const visit = (next: ReturnType<typeof step>) => {
    if (!next || next.status !== 'active') return;
    const key = next.leaves.join(',');
    if (seen.has(key)) return;
    if (seen.size >= maxConfigurations) {
      bounded = true;
      return;
    }
    const configuration: Configuration = {
      state: engine.save(),
      leaves: [...next.leaves],
      cells: {},
    };
    seen.set(key, configuration);
    queue.push(configuration);
  };
  /**
   * Tries a step with every guard answered no, then with each guard that step asked answered yes
   * alone, then with all of them yes: both answers of every question the step depends on. Says
   * where the all-no and the all-yes steps went.
   */
  const branch = (from: EngineState | undefined, event: string | undefined) => {
    const no = step(from, event, NO);
    const keyOf = (r: ReturnType<typeof step>) =>
      r ? `${r.status}:${r.leaves.join(',')}` : 'dropped';
    const noKey = keyOf(no);
    const noLeaves = no ? [...no.leaves] : [];
    const asked = [...oracle.asked];
    visit(no);
    let yesKey = noKey;
    for (const guard of asked) {
      const next = step(from, event, new Map([[guard, true]]));
      if (asked.length === 1) yesKey = keyOf(next);
      visit(next);
    }
    if (asked.length > 1) {
      const next = step(from, event, new Map(asked.map((g) => [g, true])));
      yesKey = keyOf(next);
      visit(next);
    }
    return { no, noLeaves, dependsOnAnswers: yesKey !== noKey };
  };
  // Per exception, whether it can happen in each state (its `when`).
  const scopes = exceptionNames.map((name) => {
    const when = process.events?.[name]?.when;
    return tree.nodes.map((node) => exceptionInScope(tree, node, when));
  });

  branch(undefined, undefined);
  let dropped = 0;
  for (let head = 0; head < queue.length; head++) {
    const configuration = queue[head];
    const { state, leaves } = configuration;
    const active = activeNodes(tree, leaves);
    for (const event of candidateEvents(active, catalogue)) branch(state, event);
    exceptionNames.forEach((name, e) => {
      if (!leaves.some((leaf) => scopes[e][leaf])) {
        configuration.cells[name] = { outcome: 'out-of-scope' };
        return;
      }
      const outcome = branch(state, name);
      // Dropped when the answers are "no", even if a "yes" would have caught it (a guard gap).
      if (!outcome.no) {
        configuration.cells[name] = { outcome: 'dropped' };
        dropped++;
        return;
      }
      const to = outcome.noLeaves.map((i) => tree.nodes[i].path);
      const cell: SweepCell = { outcome: 'handled', to };
      if (outcome.dependsOnAnswers) cell.dependsOnAnswers = true;
      configuration.cells[name] = cell;
    });
  }

  const rows: SweepRow[] = [...seen.values()].map(({ leaves, cells }) => ({
    states: leaves.map((i) => tree.nodes[i].path),
    cells,
  }));
  rows.sort((a, b) => a.states.join().localeCompare(b.states.join()));
  const result: SweepResult = {
    exceptions: exceptionNames,
    rows,
    explored: seen.size,
    steps,
    bounded,
    dropped,
  };
  const messages: string[] = [];
  if (bounded)
    messages.push(
      `stopped at ${maxConfigurations} configurations: the machine has more; the matrix shows those explored`,
    );
  if (problem) messages.push(problem);
  if (messages.length) result.message = messages.join('; ');
  return result;
}
