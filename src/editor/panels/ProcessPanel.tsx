// The process panel: what the whole process is (title, stage, description) and what its states
// share: roles with their cost, the event catalogue, conditions and delays.

import type { ProcessFile } from '../../core/model/types';
import type { Edit } from '../state/types';
import { ConditionsSection } from './ConditionsSection';
import { DelaysSection } from './DelaysSection';
import { EventsSection } from './EventsSection';
import { Field, Section, TextArea, TextField } from './fields';
import { setDescription, setStage, setTitle } from './processEdits';
import { RolesSection } from './RolesSection';
import './panels.css';

export interface ProcessPanelProps {
  process: ProcessFile;
  edit: Edit;
}

const STAGES = ['as-is', 'to-be'];

export function ProcessPanel({ process, edit }: ProcessPanelProps) {
  const stage = process.stage ?? '';
  const freeStage = stage !== '' && !STAGES.includes(stage);
  return (
    <div className="pn-panel" data-testid="process-panel">
      <h2 className="pn-title">Process</h2>
      <Section title="About">
        <Field label="Title">
          {(id) => (
            <TextField
              value={process.title ?? ''}
              placeholder={process.id}
              testId="process-title"
              ariaLabel="Title"
              id={id}
              onCommit={(text) => edit(setTitle(text), 'Change title')}
            />
          )}
        </Field>
        <Field label="Stage">
          {(id) => (
            <div className="pn-row">
              <select
                id={id}
                className="pn-input"
                data-testid="process-stage"
                value={freeStage ? '(other)' : stage}
                onChange={(e) => {
                  const value = e.target.value;
                  if (value === '(other)') edit(setStage('draft'), 'Change stage');
                  else edit(setStage(value), 'Change stage');
                }}
              >
                <option value="">(none)</option>
                <option value="as-is">as-is</option>
                <option value="to-be">to-be</option>
                <option value="(other)">other…</option>
              </select>
              {freeStage && (
                <TextField
                  value={stage}
                  ariaLabel="Stage name"
                  testId="process-stage-text"
                  onCommit={(text) => edit(setStage(text), 'Change stage')}
                />
              )}
            </div>
          )}
        </Field>
        <Field label="Description">
          {(id) => (
            <TextArea
              id={id}
              value={process.description ?? ''}
              ariaLabel="Description"
              testId="process-description"
              placeholder="What the process is for, where it starts and ends"
              onCommit={(text) => edit(setDescription(text), 'Change description')}
            />
          )}
        </Field>
      </Section>
      <RolesSection process={process} edit={edit} />
      <EventsSection process={process} edit={edit} />
      <ConditionsSection process={process} edit={edit} />
      <DelaysSection process={process} edit={edit} />
    </div>
  );
}
