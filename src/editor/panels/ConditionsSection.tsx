// The conditions of the process panel: every guard name with the question it answers and the
// chance of "yes" in Monte Carlo runs.

import type { ProcessFile } from '../../core/model/types';
import type { Edit } from '../state/types';
import { ConfirmButton, Section, TextField } from './fields';
import { readNumber } from './format';
import {
  addCondition,
  conditionUses,
  deleteCondition,
  renameCondition,
  setCondition,
  uniqueKey,
} from './processEdits';
import { tryEdit } from './tryEdit';

export function ConditionsSection({ process, edit }: { process: ProcessFile; edit: Edit }) {
  const conditions = Object.entries(process.conditions ?? {});
  const add = () =>
    edit(
      addCondition(uniqueKey(process.conditions, 'condition'), { question: '' }),
      'Add condition',
    );
  return (
    <Section
      title="Conditions"
      actions={
        <button
          type="button"
          className="pn-button pn-small"
          data-testid="condition-add"
          onClick={add}
        >
          + Condition
        </button>
      }
    >
      {conditions.length === 0 && (
        <p className="pn-empty">No conditions. A guarded transition asks a condition's question.</p>
      )}
      <ul className="pn-cards" data-testid="conditions-list">
        {conditions.map(([name, def]) => {
          const uses = conditionUses(process, name);
          return (
            <li className="pn-card pn-card-grid" key={name} data-testid={`condition-${name}`}>
              <div className="pn-grid-name">
                <TextField
                  value={name}
                  ariaLabel={`Name of condition ${name}`}
                  testId={`condition-name-${name}`}
                  onCommit={(text) =>
                    tryEdit(process, edit, renameCondition(name, text), 'Rename condition')
                  }
                />
              </div>
              <div className="pn-grid-prob">
                <TextField
                  value={def.probability === undefined ? '' : String(def.probability)}
                  placeholder="p(yes)"
                  inputMode="decimal"
                  ariaLabel={`Probability that ${name} is true`}
                  testId={`condition-probability-${name}`}
                  validate={(text) => readNumber(text, { min: 0, max: 1 }).error}
                  onCommit={(text) => {
                    const value = readNumber(text, { min: 0, max: 1 }).value;
                    return tryEdit(
                      process,
                      edit,
                      setCondition(name, { probability: value ?? null }),
                      'Change condition probability',
                    );
                  }}
                />
              </div>
              <div className="pn-grid-delete">
                <ConfirmButton
                  label="×"
                  confirmLabel="Delete?"
                  ask={false}
                  title={
                    uses > 0
                      ? `Guards ${uses} transition${uses === 1 ? '' : 's'}: remove it from them first`
                      : `Delete condition ${name}`
                  }
                  testId={`condition-delete-${name}`}
                  onConfirm={() => {
                    if (uses === 0) edit(deleteCondition(name), 'Delete condition');
                  }}
                />
              </div>
              <div className="pn-grid-question">
                <TextField
                  value={def.question ?? ''}
                  placeholder="The question it answers, e.g. Is it within business hours?"
                  ariaLabel={`Question of condition ${name}`}
                  testId={`condition-question-${name}`}
                  onCommit={(text) =>
                    tryEdit(
                      process,
                      edit,
                      setCondition(name, { question: text }),
                      'Change question',
                    )
                  }
                />
              </div>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
