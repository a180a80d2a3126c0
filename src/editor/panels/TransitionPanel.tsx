// The transition panel: what starts the selected transition (an event of the catalogue, or the
// delay of an `after`), where it goes, the condition it asks, the actions it runs, its
// description; and Delete.

import { refName } from '../../core/model/tree';
import type { ProcessFile } from '../../core/model/types';
import { deleteTransition, type TransitionChange, updateTransition } from '../state/edits';
import { stateAt, transitionAt } from '../state/refs';
import type { Edit, Selection, TransitionRef } from '../state/types';
import { transitionId } from '../state/types';
import { Field, Section, TextArea, TextField } from './fields';
import { afterInWords, delayMs, formatList, parseList, readNumber, statePaths } from './format';
import { setCondition } from './processEdits';
import { setTransitionProbability } from './stateEdits';
import { resolveTargetPath } from './targets';
import { editProblem, tryEdit } from './tryEdit';
import './panels.css';

export interface TransitionPanelProps {
  process: ProcessFile;
  transition: TransitionRef;
  edit: Edit;
  onSelect(selection: Selection): void;
}

const SLOT_WORDS: Record<TransitionRef['slot'], string> = {
  on: 'on an event',
  after: 'after a delay',
  always: 'always (as soon as it can)',
  onDone: 'when the state is done',
  'invoke.onDone': 'when the service finishes',
  'invoke.onError': 'when the service fails',
};

/** Fresh fields for each transition: what was typed for one never shows for another. */
export function TransitionPanel(props: TransitionPanelProps) {
  return <TransitionFields key={transitionId(props.transition)} {...props} />;
}

function TransitionFields({ process, transition: ref, edit, onSelect }: TransitionPanelProps) {
  const item = transitionAt(process.machine, ref);
  if (!item || !stateAt(process.machine, ref.source))
    return (
      <div className="pn-panel" data-testid="transition-panel">
        <p className="pn-empty">This transition is not in the machine any more.</p>
      </div>
    );
  const paths = statePaths(process);
  const targets =
    item.target === undefined ? [] : Array.isArray(item.target) ? item.target : [item.target];
  const targetPaths = targets.map((t) => resolveTargetPath(process, ref.source, t));
  const guard = refName(item.guard);
  const condition = guard ? process.conditions?.[guard] : undefined;
  const rawActions =
    item.actions === undefined ? [] : Array.isArray(item.actions) ? item.actions : [item.actions];
  const actionNames = rawActions.map((a) => refName(a) ?? '?');
  const actionsHaveParams = rawActions.some((a) => typeof a !== 'string');
  const guardHasParams = item.guard !== undefined && typeof item.guard !== 'string';
  const exception = ref.slot === 'on' && process.events?.[ref.key ?? '']?.exception === true;

  const change = (what: TransitionChange, label: string) =>
    tryEdit(process, edit, updateTransition(ref, what), label);

  const rekey = (text: string) => {
    const key = text.trim();
    if (!key) return ref.slot === 'on' ? 'an event needs a name' : 'a delay is needed';
    if (ref.slot === 'on' && /\s/.test(key)) return 'an event name cannot hold spaces';
    if (ref.slot === 'after' && delayMs(process, key) === undefined && !process.delays?.[key])
      return 'milliseconds, or the name of a declared delay';
    const problem = editProblem(process, updateTransition(ref, { key }));
    if (problem) return problem;
    let moved: TransitionRef | undefined;
    edit(
      updateTransition(ref, { key }, (next) => {
        moved = next;
      }),
      ref.slot === 'on' ? 'Change event' : 'Change delay',
    );
    if (moved) onSelect({ kind: 'transition', ref: moved });
    return undefined;
  };

  return (
    <div className="pn-panel" data-testid="transition-panel">
      <h2 className="pn-title">
        Transition <span className="pn-muted">from {ref.source || '(machine)'}</span>
      </h2>
      <Section title="Trigger">
        <p className="pn-muted">{SLOT_WORDS[ref.slot]}</p>
        {ref.slot === 'on' && (
          <Field
            label="Event"
            hint={
              exception ? (
                <span className="pn-exception">Exception</span>
              ) : (
                process.events?.[ref.key ?? '']?.description
              )
            }
          >
            {(id) => (
              <>
                <TextField
                  id={id}
                  value={ref.key ?? ''}
                  list="pn-events"
                  testId="transition-event"
                  className={exception ? 'pn-exception' : undefined}
                  onCommit={rekey}
                />
                <datalist id="pn-events">
                  {Object.entries(process.events ?? {}).map(([name, def]) => (
                    <option key={name} value={name}>
                      {def.exception ? `exception: ${def.description ?? ''}` : def.description}
                    </option>
                  ))}
                </datalist>
              </>
            )}
          </Field>
        )}
        {ref.slot === 'after' && (
          <Field label="Delay" hint={afterInWords(process, ref.key ?? '')}>
            {(id) => (
              <>
                <TextField
                  id={id}
                  value={ref.key ?? ''}
                  list="pn-delays"
                  placeholder="ms or a delay name"
                  testId="transition-delay"
                  onCommit={rekey}
                />
                <datalist id="pn-delays">
                  {Object.keys(process.delays ?? {}).map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        )}
      </Section>
      <Section title="Target">
        {targets.length > 1 ? (
          <p className="pn-muted" data-testid="transition-targets">
            {targets.join(', ')} (several targets: edit them in the file)
          </p>
        ) : (
          <select
            className="pn-input"
            aria-label="Target state"
            data-testid="transition-target"
            value={targetPaths[0] ?? (targets[0] !== undefined ? '(unresolved)' : '')}
            onChange={(e) =>
              change({ target: e.target.value === '' ? null : e.target.value }, 'Change target')
            }
          >
            <option value="">(none: stays, runs its actions)</option>
            {targets[0] !== undefined && targetPaths[0] === undefined && (
              <option value="(unresolved)" disabled>
                {targets[0]} (no such state)
              </option>
            )}
            {paths.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        )}
      </Section>
      <Section title="Condition">
        <TextField
          value={guard ?? ''}
          list="pn-conditions"
          placeholder="(no condition)"
          ariaLabel="Condition"
          testId="transition-condition"
          disabled={guardHasParams}
          onCommit={(text) => change({ guard: text.trim() || null }, 'Change condition')}
        />
        <datalist id="pn-conditions">
          {Object.entries(process.conditions ?? {}).map(([name, def]) => (
            <option key={name} value={name}>
              {def.question}
            </option>
          ))}
        </datalist>
        {guard && (
          <Field label="Question it answers">
            {(id) => (
              <TextField
                id={id}
                value={condition?.question ?? ''}
                placeholder="e.g. Is it within business hours?"
                testId="transition-question"
                onCommit={(text) =>
                  tryEdit(process, edit, setCondition(guard, { question: text }), 'Change question')
                }
              />
            )}
          </Field>
        )}
      </Section>
      <Section title="Actions">
        <TextField
          value={formatList(actionNames)}
          list="pn-actions"
          placeholder="comma-separated action names"
          ariaLabel="Actions"
          testId="transition-actions"
          disabled={actionsHaveParams}
          onCommit={(text) => change({ actions: parseList(text) }, 'Change actions')}
        />
        <datalist id="pn-actions">
          {Object.entries(process.actions ?? {}).map(([name, def]) => (
            <option key={name} value={name}>
              {def.description}
            </option>
          ))}
        </datalist>
        {(actionsHaveParams || guardHasParams) && (
          <p className="pn-muted">Parameters are set: edit those in the file.</p>
        )}
      </Section>
      {ref.slot === 'on' && (
        <Section title="Likelihood">
          <Field
            label="Probability among this state's events"
            hint="Weights the choice of event in Monte Carlo runs (0 to 1)."
          >
            {(id) => (
              <TextField
                id={id}
                value={item.meta?.probability === undefined ? '' : String(item.meta.probability)}
                placeholder="equal share"
                inputMode="decimal"
                testId="transition-probability"
                validate={(text) => readNumber(text, { min: 0, max: 1 }).error}
                onCommit={(text) =>
                  tryEdit(
                    process,
                    edit,
                    setTransitionProbability(
                      ref,
                      readNumber(text, { min: 0, max: 1 }).value ?? null,
                    ),
                    'Change probability',
                  )
                }
              />
            )}
          </Field>
        </Section>
      )}
      <Section title="Description">
        <TextArea
          value={item.description ?? ''}
          rows={2}
          ariaLabel="Description"
          testId="transition-description"
          onCommit={(text) => change({ description: text }, 'Change description')}
        />
      </Section>
      <div className="pn-actions">
        <button
          type="button"
          className="pn-button pn-link-button"
          data-testid="transition-source"
          onClick={() => onSelect({ kind: 'states', paths: [ref.source] })}
        >
          Select source state
        </button>
        <button
          type="button"
          className="pn-button pn-danger"
          data-testid="transition-delete"
          onClick={() => {
            if (tryEdit(process, edit, deleteTransition(ref), 'Delete transition')) return;
            onSelect(
              ref.source === '' ? { kind: 'none' } : { kind: 'states', paths: [ref.source] },
            );
          }}
        >
          Delete
        </button>
      </div>
    </div>
  );
}
