// "Save as scenario": the walk so far as a new scenario of the process, with an id (unique among
// the process's scenarios) and a title the person types, and the expectation of where it ended.

import { type FormEvent, useState } from 'react';
import type { ProcessFile, Scenario } from '../../core/model/types';
import type { SessionStep, SessionView } from '../../core/simulation/session';
import {
  expectationOf,
  scenarioFromSession,
  scenarioIdProblem,
  scenarioSteps,
  suggestScenarioId,
  suggestScenarioTitle,
  walkProblem,
} from './scenarioFromSession';

export interface SaveScenarioFormProps {
  process: ProcessFile;
  history: readonly SessionStep[];
  view: SessionView;
  onSave(scenario: Scenario): void;
}

/** The expectation in words: "ends in voicemail", "finished in resolved, every event handled". */
export function describeExpectation(view: SessionView): string {
  const expect = expectationOf(view);
  const parts: string[] = [];
  if (expect.done === true) parts.push(expect.state ? `finished in ${expect.state}` : 'finished');
  else if (expect.state) parts.push(`ends in ${expect.state}`);
  else parts.push('still open');
  if (expect.handled) parts.push('every event handled');
  return parts.join(', ');
}

export function SaveScenarioForm({ process, history, view, onSave }: SaveScenarioFormProps) {
  const [open, setOpen] = useState(false);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [saved, setSaved] = useState<string | undefined>();
  const blocked = walkProblem(history, view);

  if (!open)
    return (
      <div className="sim-save">
        <button
          type="button"
          className="sim-button"
          data-testid="sim-save-scenario"
          disabled={blocked !== undefined}
          title={blocked ?? 'Save the steps taken as a new scenario'}
          onClick={() => {
            setId(suggestScenarioId(history, process));
            setTitle(suggestScenarioTitle(history));
            setSaved(undefined);
            setOpen(true);
          }}
        >
          Save as scenario…
        </button>
        {saved && (
          <span className="sim-saved" data-testid="sim-saved">
            Saved as “{saved}”
          </span>
        )}
      </div>
    );

  const idProblem = scenarioIdProblem(id, process);
  const titleProblem = title.trim() === '' ? 'Give the scenario a title' : undefined;
  const problem = blocked ?? idProblem ?? titleProblem;
  const stepCount = scenarioSteps(history).length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    const scenario = scenarioFromSession(history, view, { id, title });
    onSave(scenario);
    setSaved(scenario.id);
    setOpen(false);
  };

  return (
    <form className="sim-save-form" onSubmit={submit} aria-label="Save as scenario">
      <label className="sim-field">
        <span className="sim-muted">Id</span>
        <input
          data-testid="sim-scenario-id"
          value={id}
          onChange={(e) => setId(e.target.value)}
          aria-invalid={idProblem !== undefined}
          spellCheck={false}
        />
      </label>
      <label className="sim-field">
        <span className="sim-muted">Title</span>
        <input
          data-testid="sim-scenario-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={titleProblem !== undefined}
        />
      </label>
      <p className="sim-muted">
        {stepCount} step{stepCount === 1 ? '' : 's'}; expects: {describeExpectation(view)}
      </p>
      {problem && (
        <p className="sim-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="sim-row">
        <button
          type="submit"
          className="sim-button sim-button-primary"
          data-testid="sim-save-scenario-confirm"
          disabled={problem !== undefined}
        >
          Save
        </button>
        <button type="button" className="sim-link" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
