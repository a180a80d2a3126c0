// A finished walk in the simulator, saved as a scenario: the steps the person took (events,
// waits, answers to questions) and what held at the end as the expectation. Pure: no React.

import type { ProcessFile, Scenario, ScenarioExpect, ScenarioStep } from '../../core/model/types';
import { commonPath } from '../../core/simulation/scenario';
import type { SessionStep, SessionView } from '../../core/simulation/session';
import { slug } from './format';

/**
 * The scenario steps for the session's steps. An event sent with answers becomes an `assume`
 * step and then the event (the session applies the answers just before sending, and they hold
 * from then on, as an `assume` step does). Waits in a row are added up, answers in a row merged.
 */
export function scenarioSteps(history: readonly SessionStep[]): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  const assume = (answers: Record<string, boolean>) => {
    if (Object.keys(answers).length === 0) return;
    const last = steps[steps.length - 1];
    if (last && 'assume' in last) last.assume = { ...last.assume, ...answers };
    else steps.push({ assume: { ...answers } });
  };
  for (const step of history) {
    if (step.kind === 'assume') assume(step.answers);
    else if (step.kind === 'wait') {
      const last = steps[steps.length - 1];
      if (last && 'wait' in last) last.wait += step.ms;
      else steps.push({ wait: step.ms });
    } else {
      assume(step.answers ?? {});
      const { type, ...data } = step.event;
      steps.push(Object.keys(data).length ? { event: type, data } : { event: type });
    }
  }
  return steps;
}

/**
 * What the walk ended with: the state the case is in (its leaf, or in parallel regions the
 * nearest state holding them all), `done: true` when it finished, and `handled: true` when no
 * event was dropped on the way.
 */
export function expectationOf(view: SessionView): ScenarioExpect {
  const expect: ScenarioExpect = {};
  const state = commonPath(view.states);
  if (state !== '') expect.state = state;
  if (view.status === 'done') expect.done = true;
  else if (state === '') expect.done = false;
  if (view.timeline.length > 0 && view.timeline.every((entry) => entry.handled))
    expect.handled = true;
  return expect;
}

export interface ScenarioDraft {
  id: string;
  title: string;
  description?: string;
  /** The answers the session started with, if any. */
  assume?: Record<string, boolean>;
}

/** The scenario for a walk: the steps taken and the expectation of where it ended. */
export function scenarioFromSession(
  history: readonly SessionStep[],
  view: SessionView,
  draft: ScenarioDraft,
): Scenario {
  const scenario: Scenario = {
    id: draft.id.trim(),
    title: draft.title.trim(),
    steps: scenarioSteps(history),
  };
  if (draft.description?.trim()) scenario.description = draft.description.trim();
  if (draft.assume && Object.keys(draft.assume).length) scenario.assume = { ...draft.assume };
  scenario.expect = expectationOf(view);
  return scenario;
}

/** Why an id cannot be used for a new scenario of this process, or undefined when it can. */
export function scenarioIdProblem(id: string, process: ProcessFile): string | undefined {
  const trimmed = id.trim();
  if (trimmed === '') return 'Give the scenario an id';
  if ((process.scenarios ?? []).some((s) => s.id === trimmed))
    return `A scenario "${trimmed}" exists already`;
  return undefined;
}

/** Why a walk cannot be saved yet, or undefined when it can. */
export function walkProblem(
  history: readonly SessionStep[],
  view: SessionView,
): string | undefined {
  if (history.length === 0) return 'Take a step first';
  if (view.status === 'error') return 'The case failed: a scenario of it could not pass';
  return undefined;
}

/**
 * An id to start from: the last exception sent ("voicemail-full"), else the last event, else
 * "walk"; with "-2", "-3"... when the process has it already.
 */
export function suggestScenarioId(history: readonly SessionStep[], process: ProcessFile): string {
  const sent = history.flatMap((s) => (s.kind === 'send' ? [s.event.type] : []));
  const exceptions = sent.filter((type) => process.events?.[type]?.exception);
  const base = slug(exceptions.at(-1) ?? sent.at(-1) ?? '') || 'walk';
  const taken = new Set((process.scenarios ?? []).map((s) => s.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A title to start from: the events in order ("CALL_IN, ANSWERED, then VOICEMAIL_FULL"). */
export function suggestScenarioTitle(history: readonly SessionStep[]): string {
  const sent = history.flatMap((s) => (s.kind === 'send' ? [s.event.type] : []));
  if (sent.length === 0) return 'A simulated walk';
  if (sent.length === 1) return `Simulated: ${sent[0]}`;
  return `Simulated: ${sent.slice(0, -1).join(', ')}, then ${sent.at(-1)}`;
}
