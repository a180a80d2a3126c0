// The full check of one process file: read it, analyse it, run its scenarios (`plumb check`).

import { analyse } from './analysis/analyse';
import { crack } from './analysis/context';
import type { Crack, WaivedCrack } from './analysis/types';
import { parseProcess } from './model/parse';
import type { Problem, ProcessFile } from './model/types';
import { confirmParallelExceptions } from './simulation/confirmExceptions';
import { runScenarios, type ScenarioResult } from './simulation/scenario';

export interface ScenarioSummary {
  id: string;
  title?: string;
  passed: boolean;
  state: string;
  /** Every active leaf state path, when the case ended in parallel regions. */
  states?: string[];
  message?: string;
}

export interface FileReport {
  file: string;
  id?: string;
  stage?: string;
  ok: boolean;
  /** Problems that keep the file from being read at all (bad JSON, not a process file). */
  problems?: Problem[];
  cracks: Crack[];
  waived: WaivedCrack[];
  scenarios: ScenarioSummary[];
  notes: string[];
}

/** Checks a parsed process: cracks, waivers, scenarios. */
export function checkProcess(process: ProcessFile, file = ''): FileReport {
  const analysis = analyse(process, { xstate: true });
  // A broken machine cannot run, and XState never returns from an unguarded "always" loop.
  const broken = analysis.cracks.some(
    (c) => c.rule === 'invalid-machine' || c.rule === 'always-loop',
  );
  const results: ScenarioResult[] = broken ? [] : runScenarios(process);
  const cracks = broken
    ? [...analysis.cracks]
    : confirmParallelExceptions(process, analysis.cracks);
  for (const result of results) {
    if (result.passed) continue;
    cracks.push(
      crack('scenario-failed', {
        state: result.state || undefined,
        message: `Scenario "${result.title ?? result.id}" fails: ${result.message}`,
        hint: 'Follow the scenario step by step in the simulator; handle the step that was dropped, or fix the expectation if the process is right.',
      }),
    );
  }
  const notes = [...analysis.notes];
  if (broken && (process.scenarios ?? []).length > 0)
    notes.push('scenarios not run: the machine is broken or loops forever (see the errors above)');
  return {
    file,
    id: process.id,
    stage: process.stage,
    ok: !cracks.some((c) => c.severity === 'error'),
    cracks,
    waived: analysis.waived,
    scenarios: results.map(({ id, title, passed, state, states, message }) => {
      const summary: ScenarioSummary = { id, passed, state };
      if (states) summary.states = states;
      if (title) summary.title = title;
      if (message) summary.message = message;
      return summary;
    }),
    notes,
  };
}

/** Checks the text of a process file. */
export function checkText(text: string, file = ''): FileReport {
  const parsed = parseProcess(text);
  if (!parsed.process)
    return {
      file,
      ok: false,
      problems: parsed.problems,
      cracks: [],
      waived: [],
      scenarios: [],
      notes: [],
    };
  return checkProcess(parsed.process, file);
}
