// The roles table of the process panel: key, title and cost per hour of each role; add, rename
// (the states it owns follow) and delete (they lose their owner).

import type { ProcessFile } from '../../core/model/types';
import type { Edit } from '../state/types';
import { ConfirmButton, Section, TextField } from './fields';
import { readNumber } from './format';
import { addRole, deleteRole, renameRole, setRole, uniqueKey } from './processEdits';
import { tryEdit } from './tryEdit';

/** How many states a role owns. */
export function roleUses(process: ProcessFile, role: string): number {
  let count = 0;
  const queue = [process.machine];
  for (let i = 0; i < queue.length; i++) {
    const state = queue[i];
    if (state.meta?.role === role) count++;
    queue.push(...Object.values(state.states ?? {}));
  }
  return count;
}

export function RolesSection({ process, edit }: { process: ProcessFile; edit: Edit }) {
  const roles = Object.entries(process.roles ?? {});
  const add = () => {
    const key = uniqueKey(process.roles, 'role');
    edit(addRole(key, { title: '' }), 'Add role');
  };
  return (
    <Section
      title="Roles"
      actions={
        <button type="button" className="pn-button pn-small" data-testid="role-add" onClick={add}>
          + Role
        </button>
      }
    >
      {roles.length === 0 ? (
        <p className="pn-empty">No roles yet. A role owns states and has a cost per hour.</p>
      ) : (
        <table className="pn-table" data-testid="roles-table">
          <thead>
            <tr>
              <th>Key</th>
              <th>Title</th>
              <th className="pn-num">Cost/h</th>
              <th aria-label="Delete" />
            </tr>
          </thead>
          <tbody>
            {roles.map(([key, role]) => {
              const uses = roleUses(process, key);
              return (
                <tr key={key} data-testid={`role-${key}`}>
                  <td>
                    <TextField
                      value={key}
                      ariaLabel={`Key of role ${key}`}
                      testId={`role-key-${key}`}
                      onCommit={(text) =>
                        tryEdit(process, edit, renameRole(key, text.trim()), 'Rename role')
                      }
                    />
                  </td>
                  <td>
                    <TextField
                      value={role.title ?? ''}
                      ariaLabel={`Title of role ${key}`}
                      testId={`role-title-${key}`}
                      onCommit={(text) =>
                        tryEdit(process, edit, setRole(key, { title: text.trim() }), 'Change role')
                      }
                    />
                  </td>
                  <td className="pn-num">
                    <TextField
                      value={role.costPerHour === undefined ? '' : String(role.costPerHour)}
                      ariaLabel={`Cost per hour of role ${key}`}
                      testId={`role-cost-${key}`}
                      inputMode="decimal"
                      validate={(text) => readNumber(text, { min: 0 }).error}
                      onCommit={(text) => {
                        const cost = readNumber(text, { min: 0 }).value;
                        return tryEdit(
                          process,
                          edit,
                          setRole(key, { costPerHour: cost }),
                          'Change role cost',
                        );
                      }}
                    />
                  </td>
                  <td>
                    <ConfirmButton
                      label="×"
                      confirmLabel={`Delete? ${uses} state${uses === 1 ? '' : 's'} lose their owner`}
                      ask={uses > 0}
                      title={`Delete role ${key}`}
                      testId={`role-delete-${key}`}
                      onConfirm={() => edit(deleteRole(key), 'Delete role')}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
