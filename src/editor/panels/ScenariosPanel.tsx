// The scenarios panel: the process's scenarios, each run through the real machine by the core's
// runScenario, one or all, with pass (✓) or fail (✗) and the reason. Results of a run made before
// the last edit are marked as old.

import { useState } from 'react';
import type { ScenarioSummary } from '../../core/check';
import type { ProcessFile, Scenario } from '../../core/model/types';
import { runScenario, type ScenarioResult } from '../../core/simulation/scenario';
import type { Edit } from '../state/types';
import { ConfirmButton } from './fields';
import { deleteScenario } from './processEdits';
import './panels.css';
import './lists.css';

export interface ScenariosPanelProps {
  process: ProcessFile;
  /** Lets the panel delete scenarios; without it, there is no Delete button. */
  edit?: Edit;
  /** Told after a scenario ran. */
  onRun?(id: string, result: ScenarioResult): void;
  /** The live check's results, shown until a scenario is run here. */
  checked?: readonly ScenarioSummary[];
}

interface Ran {
  result: ScenarioResult;
  /** The process it ran on: another one means the result is out of date. */
  process: ProcessFile;
}

function stepsInWords(scenario: Scenario): string {
  return scenario.steps
    .map((step) =>
      'event' in step ? step.event : 'wait' in step ? `wait ${step.wait} ms` : 'assume…',
    )
    .join(' → ');
}

export function ScenariosPanel({ process, edit, onRun, checked }: ScenariosPanelProps) {
  const [results, setResults] = useState<Record<string, Ran>>({});
  const scenarios = process.scenarios ?? [];

  const run = (list: Scenario[]) => {
    const next: Record<string, Ran> = { ...results };
    for (const scenario of list) {
      const result = runScenario(process, scenario);
      next[scenario.id] = { result, process };
      onRun?.(scenario.id, result);
    }
    setResults(next);
  };

  const ran = scenarios.filter((s) => results[s.id]?.process === process);
  const failed = ran.filter((s) => !results[s.id].result.passed).length;

  return (
    <div className="pn-panel pn-scenarios" data-testid="scenarios-panel">
      <header className="pn-problems-head">
        <button
          type="button"
          className="pn-button"
          data-testid="scenario-run-all"
          disabled={scenarios.length === 0}
          onClick={() => run(scenarios)}
        >
          ▶ Run all
        </button>
        {ran.length > 0 && (
          <span className={failed ? 'pn-sev-error' : 'pn-ok'} data-testid="scenario-summary">
            {failed ? `${failed} of ${ran.length} failed` : `${ran.length} passed`}
          </span>
        )}
      </header>
      {scenarios.length === 0 ? (
        <p className="pn-empty">
          No scenarios yet. Walk a case in simulate mode and save it as a scenario.
        </p>
      ) : (
        <ul className="pn-problem-list">
          {scenarios.map((scenario) => {
            const ranHere = results[scenario.id];
            const fromCheck = checked?.find((c) => c.id === scenario.id);
            const entry =
              ranHere ?? (fromCheck ? { result: fromCheck as ScenarioResult, process } : undefined);
            const stale = ranHere !== undefined && ranHere.process !== process;
            return (
              <li key={scenario.id} className="pn-scenario" data-testid={`scenario-${scenario.id}`}>
                <div className="pn-scenario-head">
                  <button
                    type="button"
                    className="pn-button pn-small"
                    data-testid={`scenario-run-${scenario.id}`}
                    title={`Run "${scenario.title ?? scenario.id}"`}
                    onClick={() => run([scenario])}
                  >
                    ▶ Run
                  </button>
                  <span className="pn-scenario-title" title={stepsInWords(scenario)}>
                    {scenario.title ?? scenario.id}
                  </span>
                  {edit && (
                    <ConfirmButton
                      label="×"
                      confirmLabel="Delete?"
                      ask
                      title={`Delete scenario ${scenario.id}`}
                      testId={`scenario-delete-${scenario.id}`}
                      onConfirm={() => edit(deleteScenario(scenario.id), 'Delete scenario')}
                    />
                  )}
                </div>
                {entry && (
                  <p
                    className={`pn-result ${entry.result.passed ? 'pn-ok' : 'pn-sev-error'}${stale ? ' pn-stale' : ''}`}
                    data-testid={`scenario-result-${scenario.id}`}
                    data-passed={entry.result.passed}
                  >
                    {entry.result.passed ? '✓ passed' : `✗ ${entry.result.message ?? 'failed'}`}
                    {entry.result.passed && entry.result.state && (
                      <span className="pn-muted"> · ends in {entry.result.state}</span>
                    )}
                    {stale && <span className="pn-muted"> (before the last edit: run again)</span>}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
