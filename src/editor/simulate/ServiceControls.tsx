// The automations running in the case's states (invoked services): whether each succeeds or fails
// is the simulating person's choice, as a condition's answer is; the clock then settles it.

import './services.css';

import { useMemo } from 'react';
import { buildStateTree, invokesOf, type StateNode } from '../../core/model/tree';
import type { ProcessFile } from '../../core/model/types';
import type { SessionStep } from '../../core/simulation/session';

interface Props {
  process: ProcessFile;
  /** The active leaf state paths. */
  states: readonly string[];
  steps: readonly SessionStep[];
  active: boolean;
  onAnswer(service: string, succeeds: boolean): void;
}

/** The services invoked by the active states and the states around them, in tree order. */
export function runningServices(process: ProcessFile, states: readonly string[]): string[] {
  const tree = buildStateTree(process.machine);
  const found = new Set<string>();
  for (const path of states) {
    let node: StateNode | null | undefined = tree.byPath.get(path);
    while (node) {
      for (const invoke of invokesOf(node.config))
        if (invoke && typeof invoke.src === 'string') found.add(invoke.src);
      node = node.parent;
    }
  }
  return [...found];
}

/** The answer given last for a service, if any. */
function answerOf(steps: readonly SessionStep[], service: string): boolean | undefined {
  let answer: boolean | undefined;
  for (const step of steps)
    if ((step.kind === 'assume' || step.kind === 'send') && step.answers && service in step.answers)
      answer = step.answers[service];
  return answer;
}

export function ServiceControls({ process, states, steps, active, onAnswer }: Props) {
  const services = useMemo(() => runningServices(process, states), [process, states]);
  if (services.length === 0 || !active) return null;
  return (
    <section className="sim-section" aria-label="Services" data-testid="sim-services">
      <h3 className="sim-heading">Automations running</h3>
      {services.map((service) => {
        const answer = answerOf(steps, service) ?? true;
        const description = process.services?.[service]?.description;
        return (
          <div key={service} className="sim-row sim-service" title={description}>
            <span className="sim-service-name">{service}</span>
            <button
              type="button"
              className={`sim-button${answer ? ' is-on' : ''}`}
              data-testid={`sim-service-${service}-succeeds`}
              aria-pressed={answer}
              onClick={() => onAnswer(service, true)}
            >
              succeeds
            </button>
            <button
              type="button"
              className={`sim-button${answer ? '' : ' is-on exception'}`}
              data-testid={`sim-service-${service}-fails`}
              aria-pressed={!answer}
              onClick={() => onAnswer(service, false)}
            >
              fails
            </button>
          </div>
        );
      })}
      <p className="sim-note">
        It settles when the clock reaches the state's duration: Next timer.
      </p>
    </section>
  );
}
