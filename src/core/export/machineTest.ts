// The Vitest file of an approved machine (`machines/<id>/machine.test.ts`): every scenario, run on the
// real XState actor of the exported `./machine` module, must go through the states the check saw.
//
// The expectations are recorded here by running each scenario as `plumb check` runs it (the real
// actor on a virtual clock, guards answered from `assume`, services settled after their state's
// duration): the active states at the start and after every step, whether each event was handled,
// and whether the case finished. The generated file imports only `vitest`, `xstate` and
// `./machine`, so it runs wherever the machine folder is. Every text from the process file reaches
// it as a JSON-quoted string literal or inside a doc comment with `*/` broken up.

import { buildStateTree, invokesOf } from '../model/tree';
import type { ProcessFile, Scenario, ScenarioStep } from '../model/types';
import { ProcessCase } from '../simulation/case';
import { docComment, tsKey, tsString } from './xstateTs';

/** The active states after one step, and, for an event, whether the machine handled it. */
export interface RecordedStep {
  do: ScenarioStep;
  state: string[];
  handled?: boolean;
}

/** What one scenario did on the machine when it was approved. */
export interface RecordedScenario {
  id: string;
  title: string;
  assume: Record<string, boolean>;
  start: string[];
  steps: RecordedStep[];
  status: string;
}

/** Runs a scenario step by step as the scenario runner does, recording the states after each step. */
export function recordScenario(process: ProcessFile, scenario: Scenario): RecordedScenario {
  const run = new ProcessCase(process, { assume: scenario.assume });
  const start = run.leaves();
  const steps: RecordedStep[] = [];
  for (const step of scenario.steps) {
    if (run.status() === 'error') break;
    if ('event' in step) {
      const entry = run.send({ ...(step.data ?? {}), type: step.event });
      steps.push({ do: step, state: run.leaves(), handled: entry.handled });
    } else {
      if ('wait' in step) run.wait(step.wait);
      else run.assume(step.assume);
      steps.push({ do: step, state: run.leaves() });
    }
  }
  const status = run.status();
  run.stop();
  return {
    id: scenario.id,
    title: scenario.title ?? scenario.id,
    assume: { ...(scenario.assume ?? {}) },
    start,
    steps,
    status,
  };
}

/** Milliseconds a service takes in scenarios, by the state path that invokes it (as ProcessCase). */
function serviceDurations(process: ProcessFile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const node of buildStateTree(process.machine).nodes) {
    if (invokesOf(node.config).length === 0) continue;
    const duration = node.config.meta?.duration;
    out[node.path] =
      typeof duration === 'number'
        ? duration * 60_000
        : duration && typeof duration === 'object'
          ? duration.mode * 60_000
          : 0;
  }
  return out;
}

/** A JSON value as a one-line TypeScript expression. */
function inline(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value as object).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([key, item]) => `${tsKey(key)}: ${inline(item)}`).join(', ')} }`;
}

function scenarioLiteral(recorded: RecordedScenario): string {
  const steps = recorded.steps.map((step) => `      ${inline(step)},\n`).join('');
  return [
    '  {\n',
    `    id: ${tsString(recorded.id)},\n`,
    `    title: ${tsString(recorded.title)},\n`,
    `    assume: ${inline(recorded.assume)},\n`,
    `    start: ${inline(recorded.start)},\n`,
    steps ? `    steps: [\n${steps}    ],\n` : '    steps: [],\n',
    `    status: ${tsString(recorded.status)},\n`,
    '  },\n',
  ].join('');
}

// The runner: the same in every generated file.
const RUNNER = `type Step =
  | { event: string; data?: Record<string, unknown> }
  | { wait: number }
  | { assume: Record<string, boolean> };

/** The active leaf states after a step, as state paths; for an event, whether it was handled. */
interface After {
  do: Step;
  state: string[];
  handled?: boolean;
}

interface Scenario {
  id: string;
  title: string;
  /** Guard answers by condition name (no when unanswered); a service assumed false fails. */
  assume: Record<string, boolean>;
  /** What the check saw when the machine was approved. */
  start: string[];
  steps: After[];
  status: string;
}

type StateValue = string | { [key: string]: StateValue };

/** The active leaf state paths of a snapshot value. */
function leafPaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? \`\${prefix}.\${value}\` : value];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? \`\${prefix}.\${key}\` : key;
    if (typeof child === 'object' && Object.keys(child).length === 0) out.push(path);
    else out.push(...leafPaths(child, path));
  }
  return out;
}

type StateNode = typeof machine.root;

/** The state path of the state whose invoke has this id. */
function invokingState(id: string, node: StateNode = machine.root): string | undefined {
  if (node.invoke.some((invoke) => invoke.id === id)) return node.path.join('.');
  for (const child of Object.values(node.states)) {
    const found = invokingState(id, child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Timers one wait may fire: a timer that keeps restarting itself fails the test. */
const MAX_TIMERS_PER_WAIT = 10_000;

/** XState's SimulatedClock, moved on one due time at a time so that chained timers start on time. */
class ScenarioClock {
  private readonly clock = new SimulatedClock();
  private readonly due = new Map<number, number>();

  now(): number {
    return this.clock.now();
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const id: number = this.clock.setTimeout(() => {
      this.due.delete(id);
      fn();
    }, timeout);
    this.due.set(id, this.clock.now() + timeout);
    return id;
  }

  clearTimeout(id: number): void {
    this.due.delete(id);
    this.clock.clearTimeout(id);
  }

  /** Moves time on by \`ms\`, firing every timer that falls due while the case is active. */
  wait(ms: number, active: () => boolean): void {
    const end = this.now() + ms;
    for (let fired = 0; active(); fired++) {
      if (fired >= MAX_TIMERS_PER_WAIT)
        throw new Error(\`more than \${MAX_TIMERS_PER_WAIT} timers in one wait: a timer that keeps restarting itself\`);
      const next = Math.min(...this.due.values());
      if (next > end) break;
      this.clock.set(Math.max(next, this.now()));
    }
    if (active() && this.now() < end) this.clock.set(end);
  }
}

type ServiceEvent = { type: 'plumb.service.done' } | { type: 'plumb.service.error' };

/** A service that finishes after its state's duration, or fails when the scenario assumes it false. */
function service(
  name: string,
  clock: ScenarioClock,
  answers: Record<string, boolean>,
): ActorLogic<Snapshot<undefined>, ServiceEvent> {
  return {
    transition: (snapshot, event) => {
      if (snapshot.status !== 'active') return snapshot;
      if (event.type === 'plumb.service.done')
        return { status: 'done', output: undefined, error: undefined };
      if (event.type === 'plumb.service.error')
        return { status: 'error', output: undefined, error: new Error(\`the service "\${name}" failed\`) };
      return snapshot;
    },
    getInitialSnapshot: () => ({ status: 'active', output: undefined, error: undefined }),
    start: (_snapshot, { self }) => {
      const parent = self._parent;
      const ms = serviceMs[invokingState(self.id) ?? ''] ?? 0;
      clock.setTimeout(() => {
        // The state that invoked it was left: the service was stopped.
        if (parent && parent.getSnapshot().children[self.id] !== self) return;
        self.send({ type: answers[name] !== false ? 'plumb.service.done' : 'plumb.service.error' });
      }, ms);
    },
    getPersistedSnapshot: (snapshot) => snapshot,
  };
}

/** Runs a scenario on the exported machine: the states at the start and after each step. */
function run(scenario: Pick<Scenario, 'assume' | 'steps'>): Pick<Scenario, 'start' | 'steps' | 'status'> {
  const answers: Record<string, boolean> = { ...scenario.assume };
  const clock = new ScenarioClock();
  const implementations = {
    guards: Object.fromEntries(Object.keys(guards).map((name) => [name, () => answers[name] === true])),
    actors: Object.fromEntries(Object.keys(actors).map((name) => [name, service(name, clock, answers)])),
  } as unknown as Parameters<typeof machine.provide>[0];
  // Loosely typed: a machine whose catalogue is empty takes no events at all (\`never\`).
  const tested = machine.provide(implementations) as unknown as AnyStateMachine;
  let failure: unknown;
  const actor = createActor(tested, { clock });
  actor.subscribe({
    error: (error) => {
      failure = error;
    },
  });
  actor.start();
  const active = () => failure === undefined && actor.getSnapshot().status === 'active';
  const leaves = () => leafPaths(actor.getSnapshot().value as StateValue);
  const start = leaves();
  const steps: After[] = [];
  for (const step of scenario.steps.map((after) => after.do)) {
    if (failure !== undefined) break;
    if ('event' in step) {
      const event = { ...step.data, type: step.event };
      const handled = active() && tested.getTransitionData(actor.getSnapshot(), event).length > 0;
      if (handled) actor.send(event);
      steps.push({ do: step, state: leaves(), handled });
    } else {
      if ('wait' in step) clock.wait(step.wait, active);
      else Object.assign(answers, step.assume);
      steps.push({ do: step, state: leaves() });
    }
  }
  const status = failure === undefined ? actor.getSnapshot().status : 'error';
  actor.stop();
  return { start, steps, status };
}
`;

/** The Vitest file that pins the behaviour of a process's exported machine to its scenarios. */
export function exportMachineTest(process: ProcessFile): string {
  const recorded = (process.scenarios ?? []).map((scenario) => recordScenario(process, scenario));
  const initial = recordScenario(process, { id: 'start', title: 'start', steps: [] });
  const title = process.title ? `${process.title} (${process.id})` : process.id;
  const name = `${process.id}${process.stage ? `, ${process.stage}` : ''}`;
  const header = [
    `${title}${process.stage ? `, ${process.stage}` : ''}: the scenarios of the approved machine,`,
    'generated by `plumb approve`. Do not edit: change the process file and approve it again.',
    '',
    'Each scenario runs on the real XState actor of ./machine with a simulated clock: guards answer',
    "from the scenario's assumptions (no when unanswered), and each service finishes after its",
    "state's duration, or fails when the scenario assumes its name false. The active states at the",
    'start and after every step, each event handled or dropped, and the end must be what `plumb check`',
    'found at approval: the test fails if the machine changes behaviour.',
  ].join('\n');
  const durations = Object.entries(serviceDurations(process))
    .map(([path, ms]) => `  ${tsKey(path)}: ${ms},\n`)
    .join('');
  return [
    docComment(header),
    '\n',
    "import { describe, expect, it } from 'vitest';\n",
    "import {\n  type ActorLogic,\n  type AnyStateMachine,\n  createActor,\n  SimulatedClock,\n  type Snapshot,\n} from 'xstate';\n",
    "import { actors, guards, machine } from './machine';\n",
    '\n',
    RUNNER,
    '\n',
    docComment('Milliseconds each invoked service takes, by the state path that invokes it.'),
    durations
      ? `const serviceMs: Record<string, number> = {\n${durations}};\n`
      : 'const serviceMs: Record<string, number> = {};\n',
    '\n',
    docComment(
      'Where the machine starts, and the scenarios of the process file as the check ran them.',
    ),
    `const initial = { start: ${inline(initial.start)}, steps: [], status: ${tsString(initial.status)} };\n`,
    '\n',
    recorded.length
      ? `const scenarios: Scenario[] = [\n${recorded.map(scenarioLiteral).join('')}];\n`
      : 'const scenarios: Scenario[] = [];\n',
    '\n',
    `describe(${tsString(`${name}: the approved machine`)}, () => {\n`,
    "  it('starts where it started at approval', () => {\n",
    '    expect(run({ assume: {}, steps: [] })).toEqual(initial);\n',
    '  });\n',
    '\n',
    '  for (const scenario of scenarios)\n',
    `    it(\`\${scenario.id}: \${scenario.title}\`, () => {\n`,
    '      const { start, steps, status } = scenario;\n',
    '      expect(run(scenario)).toEqual({ start, steps, status });\n',
    '    });\n',
    '});\n',
  ].join('');
}
