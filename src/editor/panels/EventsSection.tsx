// The event catalogue of the process panel: each event's name (renaming it renames every
// transition and scenario step that uses it), description, exception flag and, for an exception,
// where it can happen (state paths and roles).

import type { EventDef, ProcessFile } from '../../core/model/types';
import type { Edit } from '../state/types';
import { ConfirmButton, Field, Section, TextField } from './fields';
import { formatList, parseList, statePaths } from './format';
import { addEvent, deleteEvent, eventUses, renameEvent, setEvent, uniqueKey } from './processEdits';
import { tryEdit } from './tryEdit';

export function EventsSection({ process, edit }: { process: ProcessFile; edit: Edit }) {
  const events = Object.entries(process.events ?? {});
  const paths = statePaths(process);
  const add = () => edit(addEvent(uniqueKey(process.events, 'EVENT', '_')), 'Add event');
  return (
    <Section
      title={`Events (${events.length})`}
      actions={
        <button type="button" className="pn-button pn-small" data-testid="event-add" onClick={add}>
          + Event
        </button>
      }
    >
      {events.length === 0 && (
        <p className="pn-empty">No events yet. Drawing a transition adds its event here.</p>
      )}
      <datalist id="pn-state-paths">
        {paths.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <ul className="pn-cards" data-testid="events-list">
        {events.map(([name, def]) => (
          <EventCard key={name} name={name} def={def} process={process} paths={paths} edit={edit} />
        ))}
      </ul>
    </Section>
  );
}

function EventCard(props: {
  name: string;
  def: EventDef;
  process: ProcessFile;
  paths: string[];
  edit: Edit;
}) {
  const { name, def, process, paths, edit } = props;
  const uses = eventUses(process, name);
  const roles = Object.keys(process.roles ?? {});
  const scopeRoles = def.when?.roles ?? [];
  const setScope = (change: { states?: string[]; roles?: string[] }) =>
    tryEdit(
      process,
      edit,
      setEvent(name, {
        when: {
          states: change.states ?? def.when?.states ?? [],
          roles: change.roles ?? scopeRoles,
        },
      }),
      'Change exception scope',
    );
  return (
    <li className="pn-card" data-testid={`event-${name}`}>
      <details>
        <summary className="pn-card-summary">
          <span className={def.exception ? 'pn-exception' : undefined}>{name}</span>
          {def.exception && <span className="pn-badge pn-badge-error">exception</span>}
          <span className="pn-muted">
            {uses === 0 ? 'unused' : `${uses} transition${uses === 1 ? '' : 's'}`}
          </span>
        </summary>
        <div className="pn-card-body">
          <Field label="Name">
            {(id) => (
              <TextField
                id={id}
                value={name}
                testId={`event-name-${name}`}
                onCommit={(text) => tryEdit(process, edit, renameEvent(name, text), 'Rename event')}
              />
            )}
          </Field>
          <Field label="Description">
            {(id) => (
              <TextField
                id={id}
                value={def.description ?? ''}
                testId={`event-description-${name}`}
                onCommit={(text) =>
                  tryEdit(process, edit, setEvent(name, { description: text }), 'Change event')
                }
              />
            )}
          </Field>
          <label className="pn-check">
            <input
              type="checkbox"
              checked={def.exception === true}
              data-testid={`event-exception-${name}`}
              onChange={(e) =>
                edit(setEvent(name, { exception: e.target.checked }), 'Change exception flag')
              }
            />
            Exception (something that goes wrong)
          </label>
          {def.exception && (
            <>
              <Field
                label="Can happen in states"
                hint="Comma-separated state paths; a compound state covers its children. Empty: every state."
              >
                {(id) => (
                  <TextField
                    id={id}
                    value={formatList(def.when?.states)}
                    placeholder="every non-final state"
                    list="pn-state-paths"
                    testId={`event-states-${name}`}
                    validate={(text) => {
                      const unknown = parseList(text).filter((p) => !paths.includes(p));
                      return unknown.length
                        ? `no state ${unknown.map((p) => `"${p}"`).join(', ')}`
                        : undefined;
                    }}
                    onCommit={(text) => setScope({ states: parseList(text) })}
                  />
                )}
              </Field>
              <Field label="Add a state to the scope">
                {(id) => (
                  <select
                    id={id}
                    className="pn-input"
                    data-testid={`event-add-state-${name}`}
                    value=""
                    onChange={(e) => {
                      const path = e.target.value;
                      if (path) setScope({ states: [...(def.when?.states ?? []), path] });
                    }}
                  >
                    <option value="">choose a state…</option>
                    {paths
                      .filter((p) => !(def.when?.states ?? []).includes(p))
                      .map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                  </select>
                )}
              </Field>
              {roles.length > 0 && (
                <fieldset className="pn-fieldset">
                  <legend className="pn-label">Can happen to roles</legend>
                  {roles.map((role) => (
                    <label className="pn-check pn-inline" key={role}>
                      <input
                        type="checkbox"
                        checked={scopeRoles.includes(role)}
                        data-testid={`event-role-${name}-${role}`}
                        onChange={(e) =>
                          setScope({
                            roles: e.target.checked
                              ? [...scopeRoles, role]
                              : scopeRoles.filter((r) => r !== role),
                          })
                        }
                      />
                      {process.roles?.[role]?.title || role}
                    </label>
                  ))}
                </fieldset>
              )}
            </>
          )}
          <div className="pn-actions">
            <ConfirmButton
              label="Delete event"
              confirmLabel={`Also delete its ${uses} transition${uses === 1 ? '' : 's'}?`}
              ask={uses > 0}
              testId={`event-delete-${name}`}
              onConfirm={() => edit(deleteEvent(name, uses > 0), 'Delete event')}
            />
          </div>
        </div>
      </details>
    </li>
  );
}
