// The exception sweep: every reachable configuration, explored over events, timers, services and
// both guard answers, times every exception in scope: where the case goes, or that it is dropped.
// An engine steps the machine (the compiled stepper, or XState's pure `transition()`), saving each
// configuration so that every event and exception is tried from it.

import { exceptionScope } from '../model/scope';
import {
  buildStateTree,
  descriptorMatches,
  invokesOf,
  type StateNode,
  type StateTree,
} from '../model/tree';
import type { ProcessFile } from '../model/types';
import type { CaseStatus, EngineEvent, EngineState, GuardOracle, StepResult } from './engine';
import { stepBudget } from './machine';
import { createEngine, type EngineKind, invalidMachineCracks } from './monteCarlo';
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

/** Events worth trying in one state: handled events, its timers, its services settling. */
function eventsOf(node: StateNode, catalogue: string[]): string[] {
  const names = new Set<string>();
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
  return [...names];
}

/**
 * The events worth trying in each configuration, in a fixed order (it decides which
 * configurations the bound keeps): the events of each active state, from each leaf up to the
 * root, each event once. The events of a state are worked out once.
 */
class CandidateEvents {
  private readonly ofNode: (string[] | undefined)[];
  /** The pass that last met each state, and each event. */
  private readonly nodeMark: Int32Array;
  private readonly eventMark = new Map<string, number>();
  private pass = 0;

  constructor(
    private readonly tree: StateTree,
    private readonly catalogue: string[],
  ) {
    this.ofNode = new Array(tree.nodes.length);
    this.nodeMark = new Int32Array(tree.nodes.length);
  }

  of(leaves: readonly number[]): string[] {
    const pass = ++this.pass;
    const out: string[] = [];
    for (const index of leaves)
      for (let n: StateNode | null = this.tree.nodes[index]; n; n = n.parent) {
        if (this.nodeMark[n.index] === pass) continue;
        this.nodeMark[n.index] = pass;
        this.ofNode[n.index] ??= eventsOf(n, this.catalogue);
        for (const name of this.ofNode[n.index] as string[]) {
          if (this.eventMark.get(name) === pass) continue;
          this.eventMark.set(name, pass);
          out.push(name);
        }
      }
    return out;
  }
}

function sameLeaves(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
  const tree = buildStateTree(process.machine);
  const blocking = invalidMachineCracks(process, tree)[0];
  if (blocking) return empty(`the sweep cannot run this machine: ${blocking.message}`);

  const oracle = new AnswerOracle();
  let engine: ReturnType<typeof createEngine>;
  try {
    engine = createEngine(process, options.engine ?? 'fast', oracle, tree);
  } catch (error) {
    return empty(
      `the machine cannot start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const candidates = new CandidateEvents(tree, Object.keys(process.events ?? {}));
  // One event object per event type: engines only read them.
  const events = new Map<string, EngineEvent>();

  let steps = 0;
  let problem: string | undefined;
  /** Where the last step went, when it was handled: its status and leaves. */
  let status: CaseStatus = 'active';
  let leaves: readonly number[] = [];
  /** One step from a saved configuration; false when nobody handles the event (or it throws). */
  const step = (
    from: EngineState | undefined,
    event: string | undefined,
    answers: Map<string, boolean>,
  ): boolean => {
    steps++;
    oracle.answers = answers;
    oracle.asked.clear();
    try {
      let result: StepResult;
      if (from === undefined) result = engine.start();
      else {
        const type = event as string;
        let object = events.get(type);
        if (!object) {
          object = { type };
          events.set(type, object);
        }
        engine.restore(from);
        result = engine.send(object);
        if (!result.handled) return false;
      }
      status = result.status;
      leaves = engine.leaves();
      return true;
    } catch (error) {
      problem = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return false;
    }
  };

  // The configurations seen, by a hash of their leaves (then compared leaf by leaf). In the order
  // first seen, they are the queue.
  const seen = new Map<number, Configuration | Configuration[]>();
  const queue: Configuration[] = [];
  let bounded = false;
  /** Keeps the engine's current case when it is a configuration not seen yet (call right after a step). */
  const visit = (handled: boolean) => {
    if (!handled || status !== 'active') return;
    let hash = leaves.length;
    for (const leaf of leaves) hash = Math.imul(hash ^ leaf, 0x9e3779b1) ^ (hash >>> 15);
    const found = seen.get(hash);
    if (found) {
      if (Array.isArray(found)) {
        for (const other of found) if (sameLeaves(other.leaves, leaves)) return;
      } else if (sameLeaves(found.leaves, leaves)) return;
    }
    if (queue.length >= maxConfigurations) {
      bounded = true;
      return;
    }
    // The engine never changes a leaves list it gave out: keep it as it is.
    const configuration: Configuration = { state: engine.save(), leaves, cells: {} };
    if (!found) seen.set(hash, configuration);
    else if (Array.isArray(found)) found.push(configuration);
    else seen.set(hash, [found, configuration]);
    queue.push(configuration);
  };
  /**
   * Tries a step with every guard answered no, then with each guard that step asked answered yes
   * alone, then with all of them yes: both answers of every question the step depends on. Says
   * where the all-no step went (`noLeaves`, undefined when dropped), and whether the all-yes step
   * went elsewhere (`dependsOnAnswers`).
   */
  const one = new Map<string, boolean>();
  const all = new Map<string, boolean>();
  let noLeaves: readonly number[] | undefined;
  let dependsOnAnswers = false;
  const branch = (from: EngineState | undefined, event: string | undefined): void => {
    const no = step(from, event, NO);
    const noStatus = status;
    noLeaves = no ? leaves : undefined;
    dependsOnAnswers = false;
    visit(no);
    if (oracle.asked.size === 0) return;
    const asked = [...oracle.asked];
    let yes = no;
    for (const guard of asked) {
      one.clear();
      one.set(guard, true);
      const next = step(from, event, one);
      if (asked.length === 1) yes = next;
      visit(next);
    }
    if (asked.length > 1) {
      all.clear();
      for (const guard of asked) all.set(guard, true);
      yes = step(from, event, all);
      visit(yes);
    }
    // The last step is the all-yes one: `status` and `leaves` are where it went.
    dependsOnAnswers =
      yes !== no ||
      (no && (status !== noStatus || !sameLeaves(leaves, noLeaves as readonly number[])));
  };
  // Per exception, whether it can happen in each state (its `when`).
  const scopes = exceptionNames.map((name) => {
    const when = process.events?.[name]?.when;
    const covers = exceptionScope(tree, when);
    return tree.nodes.map((node) => node.kind !== 'final' && covers(node));
  });

  branch(undefined, undefined);
  let dropped = 0;
  for (let head = 0; head < queue.length; head++) {
    const configuration = queue[head];
    const { state, cells } = configuration;
    const here = configuration.leaves;
    for (const event of candidates.of(here)) branch(state, event);
    for (let e = 0; e < exceptionNames.length; e++) {
      const name = exceptionNames[e];
      const scope = scopes[e];
      if (!here.some((leaf) => scope[leaf])) {
        cells[name] = { outcome: 'out-of-scope' };
        continue;
      }
      branch(state, name);
      // Dropped when the answers are "no", even if a "yes" would have caught it (a guard gap).
      if (!noLeaves) {
        cells[name] = { outcome: 'dropped' };
        dropped++;
        continue;
      }
      const cell: SweepCell = { outcome: 'handled', to: noLeaves.map((i) => tree.nodes[i].path) };
      if (dependsOnAnswers) cell.dependsOnAnswers = true;
      cells[name] = cell;
    }
  }

  // Sorted by their states joined (each row's joined once).
  const rows: SweepRow[] = queue
    .map(({ leaves, cells }) => {
      const states = leaves.map((i) => tree.nodes[i].path);
      return { key: states.join(), row: { states, cells } };
    })
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ row }) => row);
  const result: SweepResult = {
    exceptions: exceptionNames,
    rows,
    explored: queue.length,
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
