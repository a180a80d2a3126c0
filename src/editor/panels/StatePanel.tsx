// The state panel: the selected state's name, kind, owner, duration, value-added and waits flags,
// notes and description; its outgoing transitions (a click selects one); a button to add a child.

import { buildStateTree, type StateKind, type Transition } from '../../core/model/tree';
import type { ProcessFile, StateMeta } from '../../core/model/types';
import {
  addState,
  type NewStateType,
  renameState,
  setStateMeta,
  setStateType,
  uniqueStateKey,
} from '../state/edits';
import { joinStatePath, splitStatePath, stateAt, transitionRefOf } from '../state/refs';
import type { Edit, Selection } from '../state/types';
import { DurationField } from './DurationField';
import { Field, Section, TextArea, TextField } from './fields';
import { afterInWords } from './format';
import { setHistoryDepth, setStateDescription } from './stateEdits';
import { editProblem, tryEdit } from './tryEdit';
import './panels.css';

export interface StatePanelProps {
  process: ProcessFile;
  path: string;
  edit: Edit;
  onSelect(selection: Selection): void;
}

const KINDS: StateKind[] = ['atomic', 'compound', 'parallel', 'final', 'history'];

/** How an outgoing transition reads in the list: "CALL_IN → ringing [inBusinessHours]". */
export function transitionSummary(process: ProcessFile, t: Transition): string {
  const trigger =
    t.kind === 'on'
      ? (t.event ?? '')
      : t.kind === 'after'
        ? afterInWords(process, t.event ?? '')
        : t.kind === 'always'
          ? 'always'
          : t.kind === 'onDone'
            ? 'done'
            : t.kind === 'invoke.onDone'
              ? `${t.event ?? 'service'} done`
              : `${t.event ?? 'service'} failed`;
  const targets = t.targets.map((n) => n.path).join(', ');
  const unresolved = t.unresolved.map((u) => `${u.target}?`).join(', ');
  const to = targets || unresolved || '(stays)';
  return `${trigger} → ${to}${t.guard ? ` [${t.guard}]` : ''}`;
}

/** Fresh fields for each state: what was typed for one never shows for another. */
export function StatePanel(props: StatePanelProps) {
  return <StateFields key={props.path} {...props} />;
}

function StateFields({ process, path, edit, onSelect }: StatePanelProps) {
  const tree = buildStateTree(process.machine);
  const node = tree.byPath.get(path);
  const config = stateAt(process.machine, path);
  if (!node || !config)
    return (
      <div className="pn-panel" data-testid="state-panel">
        <p className="pn-empty">The state "{path}" is not in the machine any more.</p>
      </div>
    );
  const meta: StateMeta = config.meta ?? {};
  const roles = Object.entries(process.roles ?? {});
  const { key } = splitStatePath(path);
  const canHoldChildren = node.kind !== 'final' && node.kind !== 'history';
  const setMeta = (patch: Partial<StateMeta>, label: string) =>
    tryEdit(process, edit, setStateMeta(path, patch), label);

  const rename = (text: string) => {
    const newKey = text.trim();
    const problem = editProblem(process, renameState(path, newKey));
    if (problem) return problem;
    const newPath = joinStatePath(splitStatePath(path).parent, newKey);
    edit(renameState(path, newKey), 'Rename state');
    onSelect({ kind: 'states', paths: [newPath] });
    return undefined;
  };

  const addChild = () => {
    const child = uniqueStateKey(process, path);
    const recipe = addState(path, child);
    const problem = editProblem(process, recipe);
    if (problem) return;
    edit(recipe, 'Add child state');
    onSelect({ kind: 'states', paths: [joinStatePath(path, child)] });
  };

  return (
    <div className="pn-panel" data-testid="state-panel">
      <h2 className="pn-title">
        State <span className="pn-muted">{path}</span>
      </h2>
      <Section title="State">
        <Field label="Name">
          {(id) => <TextField id={id} value={key} testId="state-name" onCommit={rename} />}
        </Field>
        <Field label="Kind">
          {(id) => (
            <div className="pn-row">
              <select
                id={id}
                className="pn-input"
                data-testid="state-kind"
                value={node.kind}
                disabled={path === ''}
                onChange={(e) =>
                  tryEdit(
                    process,
                    edit,
                    setStateType(path, e.target.value as NewStateType),
                    'Change state kind',
                  )
                }
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
              {node.kind === 'history' && (
                <select
                  className="pn-input"
                  aria-label="History depth"
                  data-testid="state-history"
                  value={config.history ?? 'shallow'}
                  onChange={(e) =>
                    edit(
                      setHistoryDepth(path, e.target.value as 'shallow' | 'deep'),
                      'Change history depth',
                    )
                  }
                >
                  <option value="shallow">shallow (H)</option>
                  <option value="deep">deep (H*)</option>
                </select>
              )}
            </div>
          )}
        </Field>
      </Section>
      {node.kind !== 'history' && (
        <Section title="Work">
          <Field label="Role">
            {(id) => (
              <select
                id={id}
                className="pn-input"
                data-testid="state-role"
                value={meta.role ?? ''}
                onChange={(e) => setMeta({ role: e.target.value || undefined }, 'Change role')}
              >
                <option value="">(nobody)</option>
                {roles.map(([roleKey, role]) => (
                  <option key={roleKey} value={roleKey}>
                    {role.title || roleKey}
                  </option>
                ))}
                {meta.role && !process.roles?.[meta.role] && (
                  <option value={meta.role}>{meta.role} (not declared)</option>
                )}
              </select>
            )}
          </Field>
          <Field label="Duration">
            {() => (
              <DurationField
                value={meta.duration}
                onCommit={(duration) => setMeta({ duration }, 'Change duration')}
              />
            )}
          </Field>
          <label className="pn-check">
            <input
              type="checkbox"
              data-testid="state-value-added"
              checked={meta.valueAdded === true}
              onChange={(e) =>
                setMeta({ valueAdded: e.target.checked ? true : undefined }, 'Change value-added')
              }
            />
            Value-added (the customer would pay for this step)
          </label>
          <label className="pn-check">
            <input
              type="checkbox"
              data-testid="state-waits"
              checked={meta.waits === true}
              onChange={(e) =>
                setMeta({ waits: e.target.checked ? true : undefined }, 'Change waits')
              }
            />
            Waits on someone outside the process
          </label>
        </Section>
      )}
      <Section title="Notes">
        <Field label="Notes">
          {(id) => (
            <TextArea
              id={id}
              value={typeof meta.notes === 'string' ? meta.notes : ''}
              testId="state-notes"
              placeholder="What the people doing the work said"
              onCommit={(text) => setMeta({ notes: text }, 'Change notes')}
            />
          )}
        </Field>
        <Field label="Description">
          {(id) => (
            <TextArea
              id={id}
              rows={2}
              value={config.description ?? ''}
              testId="state-description"
              onCommit={(text) =>
                tryEdit(process, edit, setStateDescription(path, text), 'Change description')
              }
            />
          )}
        </Field>
      </Section>
      <Section
        title={`Transitions out (${node.transitions.length})`}
        actions={
          canHoldChildren && (
            <button
              type="button"
              className="pn-button pn-small"
              data-testid="state-add-child"
              onClick={addChild}
            >
              + Child state
            </button>
          )
        }
      >
        {node.transitions.length === 0 ? (
          <p className="pn-empty">None. Drag from this state to another to draw one.</p>
        ) : (
          <ul className="pn-links" data-testid="state-transitions">
            {node.transitions.map((t, i) => {
              const ref = transitionRefOf(t);
              const exception = t.kind === 'on' && process.events?.[t.event ?? '']?.exception;
              return (
                <li key={t.jsonPath}>
                  <button
                    type="button"
                    className={`pn-link${exception ? ' pn-exception' : ''}`}
                    data-testid={`state-transition-${i}`}
                    title={t.jsonPath}
                    onClick={() => onSelect({ kind: 'transition', ref })}
                  >
                    {transitionSummary(process, t)}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </div>
  );
}
