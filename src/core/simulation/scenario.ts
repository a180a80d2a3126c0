// Scenarios: a story run through the real machine, its expectations checked.

import type { ProcessFile, Scenario } from '../model/types';
import { ProcessCase, type TimelineEntry } from './case';
import { isInPath } from './paths';

export interface ScenarioResult {
  id: string;
  title?: string;
  passed: boolean;
  /** Where the case ended: its active state paths joined by ", ". */
  state: string;
  /** Every active leaf state path, when the case ended in parallel regions. */
  states?: string[];
  /** Why it failed: each expectation that did not hold, and each step nobody handled. */
  message?: string;
  failures: string[];
  dropped: { step: number; event: string; state: string }[];
  timeline: TimelineEntry[];
}

function runScenarioUnsafe(process: ProcessFile, scenario: Scenario): ScenarioResult {
  const failures: string[] = [];
  const dropped: ScenarioResult['dropped'] = [];
  const run = new ProcessCase(process, { assume: scenario.assume });
  scenario.steps.forEach((step, index) => {
    if (run.status() === 'error') return;
    if ('event' in step) {
      const entry = run.send({ ...(step.data ?? {}), type: step.event });
      if (!entry.handled)
        dropped.push({ step: index, event: step.event, state: entry.from.join(', ') });
    } else if ('wait' in step) {
      run.wait(step.wait);
      if (run.clockStopped)
        failures.push(`step ${index + 1} (wait ${step.wait} ms): ${run.clockStopped}`);
    } else if ('assume' in step) run.assume(step.assume);
  });
  const leaves = run.leaves();
  // One state path: the leaf, or in parallel regions the nearest state holding them all.
  const state = commonPath(leaves);
  const where = leaves.join(', ');
  const expect = scenario.expect ?? {};
  if (run.status() === 'error') failures.push(`the machine failed: ${String(run.failure())}`);
  for (const path of [expect.state, ...(expect.notIn ?? [])])
    if (path !== undefined && !run.tree.byPath.has(path))
      failures.push(`the expectation names "${path}", which is not a state of this machine`);
  if (expect.state !== undefined && !isInPath(leaves, expect.state))
    failures.push(`expected the case to end in "${expect.state}", but it is in "${where}"`);
  if (expect.done === true && run.status() !== 'done')
    failures.push(`expected the case to be finished, but it is still in "${where}"`);
  if (expect.done === false && run.status() === 'done')
    failures.push(`expected the case to be still open, but it finished in "${where}"`);
  for (const path of expect.notIn ?? [])
    if (run.visited.has(path))
      failures.push(`expected the case never to enter "${path}", but it did`);
  if (expect.handled === true)
    for (const d of dropped)
      failures.push(
        `step ${d.step + 1} (${d.event}) was not handled: nobody handles ${d.event} in "${d.state}"`,
      );
  run.stop();
  const passed = failures.length === 0;
  const result: ScenarioResult = {
    id: scenario.id,
    passed,
    state,
    ...(leaves.length > 1 ? { states: leaves } : {}),
    failures,
    dropped,
    timeline: run.timeline,
  };
  if (scenario.title) result.title = scenario.title;
  if (!passed) {
    const droppedNote =
      expect.handled === true || dropped.length === 0
        ? ''
        : `; dropped on the way: ${dropped.map((d) => `step ${d.step + 1} ${d.event} in "${d.state}"`).join(', ')}`;
    const unanswered = run.unanswered.size
      ? `; unanswered questions taken as no: ${[...run.unanswered].join(', ')}`
      : '';
    result.message = `${failures.join('; ')}${droppedNote}${unanswered}`;
  }
  return result;
}

/** Runs one scenario; whatever goes wrong inside the machine fails the scenario, never the caller. */
export function runScenario(process: ProcessFile, scenario: Scenario): ScenarioResult {
  try {
    return runScenarioUnsafe(process, scenario);
  } catch (error) {
    const message = `the case could not be run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return {
      id: scenario.id,
      title: scenario.title,
      passed: false,
      state: '',
      message,
      failures: [message],
      dropped: [],
      timeline: [],
    };
  }
}

/** The deepest state path that holds every one of these paths ('' for the whole machine). */
export function commonPath(paths: readonly string[]): string {
  if (paths.length <= 1) return paths[0] ?? '';
  let common = paths[0].split('.');
  for (const path of paths.slice(1)) {
    const parts = path.split('.');
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join('.');
}

export function runScenarios(process: ProcessFile): ScenarioResult[] {
  return (process.scenarios ?? []).map((scenario) => runScenario(process, scenario));
}
