// Simulate mode's side panel: one case stepped through the real machine. It shows where the case
// is, when and whose it is; the events it can take (exceptions in red, any of them injectable);
// the clock; the timeline with the way back; and saves the walk as a scenario. The canvas lights
// up the active states through onActiveStates.

import { useEffect, useRef } from 'react';
import type { ProcessFile, Scenario } from '../../core/model/types';
import type { SessionView } from '../../core/simulation/session';
import { ClockControls } from './ClockControls';
import { EventButtons } from './EventButtons';
import { formatDuration, formatStates } from './format';
import { SaveScenarioForm } from './SaveScenarioForm';
import { ServiceControls } from './ServiceControls';
import { Timeline } from './Timeline';
import { useSimulation } from './useSimulation';
import './simulate.css';

export interface SimulatePanelProps {
  process: ProcessFile;
  onActiveStates(paths: string[]): void;
  onSaveScenario(scenario: Scenario): void;
  onClose(): void;
}

export function SimulatePanel(props: SimulatePanelProps) {
  const { process, onSaveScenario, onClose } = props;
  const sim = useSimulation(process);
  const { view } = sim;

  // The canvas follows the case; the latest callback is used, whatever its identity.
  const lightUp = useRef(props.onActiveStates);
  lightUp.current = props.onActiveStates;
  useEffect(() => {
    lightUp.current(view?.states ?? []);
  }, [view]);
  useEffect(() => () => lightUp.current([]), []);

  return (
    <aside className="simulate-panel" data-testid="simulate-panel" aria-label="Simulate">
      <header className="sim-header">
        <h2 className="sim-title">Simulate</h2>
        <button
          type="button"
          className="sim-close"
          data-testid="sim-close"
          aria-label="Close simulate mode"
          title="Close simulate mode"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {sim.failure && (
        <p className="sim-problem" role="alert" data-testid="sim-failure">
          {sim.failure}
        </p>
      )}
      {view && (
        <>
          <StatusLine process={process} view={view} />
          {view.status === 'active' && (
            <EventButtons
              key={sim.version}
              process={process}
              events={view.events}
              exceptions={view.exceptions}
              onSend={sim.send}
            />
          )}
          <ServiceControls
            process={process}
            states={view.states}
            steps={sim.session?.history() ?? []}
            active={view.status === 'active'}
            onAnswer={(service, succeeds) => sim.assume({ [service]: succeeds })}
          />
          <ClockControls
            nextTimerIn={view.nextTimerIn}
            active={view.status === 'active'}
            onNextTimer={sim.nextTimer}
            onAdvance={sim.advance}
          />
          <section className="sim-section sim-history" aria-label="History">
            <div className="sim-row sim-history-head">
              <h3 className="sim-heading">Timeline</h3>
              <span className="sim-spacer" />
              <button
                type="button"
                className="sim-button"
                data-testid="sim-back"
                disabled={!view.canStepBack}
                title="Undo the last step"
                onClick={sim.back}
              >
                ← Back
              </button>
              <button
                type="button"
                className="sim-button"
                data-testid="sim-restart"
                disabled={!view.canStepBack}
                title="Start the case over"
                onClick={sim.restart}
              >
                Restart
              </button>
            </div>
            <Timeline
              process={process}
              entries={view.timeline}
              startStates={view.timeline[0]?.from ?? (view.canStepBack ? undefined : view.states)}
              onBackTo={sim.backTo}
            />
          </section>
          {sim.session && (
            <SaveScenarioForm
              process={process}
              history={sim.session.history()}
              view={view}
              onSave={onSaveScenario}
            />
          )}
        </>
      )}
    </aside>
  );
}

function StatusLine({ process, view }: { process: ProcessFile; view: SessionView }) {
  const role = view.role ? (process.roles?.[view.role]?.title ?? view.role) : undefined;
  return (
    <section className="sim-section sim-status" aria-label="Case">
      <div className="sim-states" data-testid="sim-states" title="Active states">
        {view.states.map((path) => (
          <span key={path} className="sim-state">
            {path}
          </span>
        ))}
        {view.states.length === 0 && <span className="sim-muted">{formatStates([])}</span>}
      </div>
      <div className="sim-facts">
        <span data-testid="sim-time" title="Time on the case's clock">
          {formatDuration(view.time)}
        </span>
        {role && (
          <span data-testid="sim-role" title="The role that has the case">
            {role}
          </span>
        )}
        <StatusBadge view={view} />
      </div>
      {view.error && (
        <p className="sim-problem" data-testid="sim-error">
          {view.error}
        </p>
      )}
      {view.notice && (
        <p className="sim-notice" data-testid="sim-notice">
          {view.notice}
        </p>
      )}
    </section>
  );
}

function StatusBadge({ view }: { view: SessionView }) {
  return (
    <span className={`sim-badge sim-badge-${view.status}`} data-testid="sim-status">
      {view.status}
    </span>
  );
}
