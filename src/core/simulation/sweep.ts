// The exception sweep: every reachable configuration, explored over events, timers, services and
// both guard answers, times every exception in scope: where the case goes, or that it is dropped.
// XState's pure `transition()` steps the machine; nothing is executed.

import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  initialTransition,
  transition,
} from 'xstate';
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
import { createProcessMachine, RunawayStepError, stepBudget } from './machine';
import { leafPaths, type StateValue } from './paths';

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
}

interface Explorer {
  machine: AnyStateMachine;
  tree: StateTree;
  answers: Map<string, boolean>;
  budget: ReturnType<typeof stepBudget>;
}

/** Leaf paths of a snapshot, or an empty list when it has finished. */
function leavesOf(snapshot: AnyMachineSnapshot): string[] {
  return leafPaths(snapshot.value as StateValue);
}

function activeNodes(tree: StateTree, leaves: string[]): Set<StateNode> {
  const active = new Set<StateNode>();
  for (const path of leaves)
    for (let n = tree.byPath.get(path) ?? null; n; n = n.parent) active.add(n);
  return active;
}

/** Events worth trying in a configuration: handled events, due timers, services settling. */
function candidateEvents(
  explorer: Explorer,
  active: Set<StateNode>,
  catalogue: string[],
): { type: string }[] {
  const { machine } = explorer;
  const names = new Set<string>();
  const out: { type: string }[] = [];
  for (const node of active) {
    for (const d of node.onEvents) {
      if (!d.includes('*')) names.add(d);
      else for (const name of catalogue) if (descriptorMatches(d, name)) names.add(name);
    }
    const stateNode = node.parent ? machine.getStateNodeById(node.id) : machine.root;
    for (const delayed of stateNode.after) out.push({ type: delayed.eventType });
    invokesOf(node.config).forEach((_invoke, i) => {
      const id = stateNode.invoke[i]?.id;
      if (id === undefined) return;
      out.push({ type: `xstate.done.actor.${id}` });
      out.push({ type: `xstate.error.actor.${id}` });
    });
  }
  for (const name of names) out.push({ type: name });
  return out;
}

/**
 * Guard answers worth trying for an event here: all no, all yes, and each guard alone yes. The
 * guards are those of the active states' transitions (events, timers, services) and of every
 * `always` transition, whose answers decide where the case settles after the event.
 */
function answerSets(active: Set<StateNode>, alwaysGuards: Set<string>): Map<string, boolean>[] {
  const guards = new Set(alwaysGuards);
  for (const node of active) for (const t of node.transitions) if (t.guard) guards.add(t.guard);
  const sets = [
    new Map<string, boolean>(),
    new Map([...guards].map((g) => [g, true] as [string, boolean])),
  ];
  if (guards.size > 1) for (const g of guards) sets.push(new Map([[g, true]]));
  return sets;
}

function step(
  explorer: Explorer,
  snapshot: AnyMachineSnapshot,
  event: { type: string },
  answers: Map<string, boolean>,
) {
  explorer.answers = answers;
  explorer.budget.reset();
  if (explorer.machine.getTransitionData(snapshot, event as never).length === 0) return undefined;
  return transition(explorer.machine, snapshot, event as never)[0] as AnyMachineSnapshot;
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
  const blocking = analyse(process).cracks.find(
    (c) => c.rule === 'invalid-machine' || c.rule === 'always-loop',
  );
  if (blocking) return empty(`the sweep cannot run this machine: ${blocking.message}`);

  const explorer: Explorer = {
    machine: undefined as unknown as AnyStateMachine,
    tree: buildStateTree(process.machine),
    answers: new Map(),
    budget: stepBudget(),
  };
  explorer.machine = createProcessMachine(
    process,
    (name) => explorer.answers.get(name) ?? false,
    explorer.budget.tick,
  );
  const catalogue = Object.keys(process.events ?? {});

  const alwaysGuards = new Set<string>();
  for (const node of explorer.tree.nodes)
    for (const t of node.transitions) if (t.kind === 'always' && t.guard) alwaysGuards.add(t.guard);
  const starts: AnyMachineSnapshot[] = [];
  try {
    for (const answers of answerSets(new Set(), alwaysGuards)) {
      explorer.answers = answers;
      explorer.budget.reset();
      starts.push(initialTransition(explorer.machine)[0] as AnyMachineSnapshot);
    }
  } catch (error) {
    return empty(
      `the machine cannot start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const seen = new Map<string, AnyMachineSnapshot>();
  const queue: AnyMachineSnapshot[] = [];
  const keyOf = (s: AnyMachineSnapshot) => `${s.status}:${JSON.stringify(s.value)}`;
  for (const start of starts) {
    if (seen.has(keyOf(start))) continue;
    seen.set(keyOf(start), start);
    queue.push(start);
  }
  let steps = 0;
  let bounded = false;
  let runaway: string | undefined;
  for (let head = 0; head < queue.length; head++) {
    const snapshot = queue[head];
    if (snapshot.status !== 'active') continue;
    const active = activeNodes(explorer.tree, leavesOf(snapshot));
    const events = candidateEvents(explorer, active, catalogue);
    for (const name of exceptionNames) events.push({ type: name });
    for (const event of events) {
      for (const answers of answerSets(active, alwaysGuards)) {
        steps++;
        let next: AnyMachineSnapshot | undefined;
        try {
          next = step(explorer, snapshot, event, answers);
        } catch (error) {
          if (error instanceof RunawayStepError) runaway = error.message;
          continue;
        }
        if (!next) continue;
        const key = keyOf(next);
        if (seen.has(key)) continue;
        if (seen.size >= maxConfigurations) {
          bounded = true;
          continue;
        }
        seen.set(key, next);
        queue.push(next);
      }
    }
  }

  const rows: SweepRow[] = [];
  let dropped = 0;
  for (const snapshot of seen.values()) {
    if (snapshot.status !== 'active') continue;
    const states = leavesOf(snapshot);
    const leaves = states
      .map((p) => explorer.tree.byPath.get(p))
      .filter((n): n is StateNode => !!n);
    const cells: Record<string, SweepCell> = {};
    for (const name of exceptionNames) {
      const def = process.events?.[name];
      if (!leaves.some((leaf) => exceptionInScope(explorer.tree, leaf, def?.when))) {
        cells[name] = { outcome: 'out-of-scope' };
        continue;
      }
      cells[name] = outcome(explorer, snapshot, name);
      if (cells[name].outcome === 'dropped') dropped++;
    }
    rows.push({ states, cells });
  }
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
  if (runaway) messages.push(runaway);
  if (messages.length) result.message = messages.join('; ');
  return result;
}

function outcome(explorer: Explorer, snapshot: AnyMachineSnapshot, exception: string): SweepCell {
  try {
    const no = step(explorer, snapshot, { type: exception }, new Map());
    const yes = step(
      explorer,
      snapshot,
      { type: exception },
      new Map([...allGuards(explorer)].map((g) => [g, true])),
    );
    // Dropped when the answers are "no", even if a "yes" would have caught it (a guard gap).
    if (!no) return { outcome: 'dropped' };
    const cell: SweepCell = { outcome: 'handled', to: leavesOf(no) };
    if (!yes || JSON.stringify(yes.value) !== JSON.stringify(no.value))
      cell.dependsOnAnswers = true;
    return cell;
  } catch (error) {
    return { outcome: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

const guardCache = new WeakMap<StateTree, Set<string>>();
function allGuards(explorer: Explorer): Set<string> {
  let guards = guardCache.get(explorer.tree);
  if (!guards) {
    guards = new Set();
    for (const node of explorer.tree.nodes)
      for (const t of node.transitions) if (t.guard) guards.add(t.guard);
    guardCache.set(explorer.tree, guards);
  }
  return guards;
}
