// The bar along the top: file actions, undo and redo, adding states, layout, modes, export and
// approval, the check's verdict.

import { useState } from 'react';
import type { FileReport } from '../../core/check';
import type { ProcessFile } from '../../core/model/types';
import type { EditorFile } from '../files/useEditorFile';
import { addState, type NewStateType, uniqueStateKey } from '../state/edits';
import { freeSpot } from '../state/freeSpot';
import { joinStatePath } from '../state/refs';
import type { Edit, Selection } from '../state/types';
import { ApproveButton } from './ApproveButton';
import { ExportMenu } from './ExportMenu';

export type Mode = 'edit' | 'simulate' | 'live';

interface Props {
  file: EditorFile;
  process?: ProcessFile;
  report?: FileReport;
  checking: boolean;
  mode: Mode;
  onMode(mode: Mode): void;
  onAutoLayout(): void;
  onHelp(): void;
  onProcess(): void;
  onStatus(text: string, error?: boolean): void;
  edit: Edit;
  selection: Selection;
  onSelect(selection: Selection): void;
  /** A state was added from the toolbar: the app opens its name for typing. */
  onAdded?(path: string): void;
}

const KINDS: { type: NewStateType; label: string }[] = [
  { type: 'atomic', label: 'State' },
  { type: 'compound', label: 'Compound' },
  { type: 'parallel', label: 'Parallel' },
  { type: 'final', label: 'Final' },
  { type: 'history', label: 'History' },
];

/** The one selected state, when exactly one is selected; else the machine itself (''). */
export function selectedState(selection: Selection): string {
  return selection.kind === 'states' && selection.paths.length === 1 ? selection.paths[0] : '';
}

export function Toolbar(props: Props) {
  const { file, process, report, checking, mode, edit, selection, onSelect } = props;
  const errors = report?.cracks.filter((c) => c.severity === 'error').length ?? 0;
  const warnings = report?.cracks.filter((c) => c.severity === 'warning').length ?? 0;
  const editing = mode === 'edit' && process !== undefined;
  const [addOpen, setAddOpen] = useState(false);

  const add = (type: NewStateType) => {
    if (!process) return;
    // A history state belongs inside a compound state: the selected one.
    const parent = type === 'history' ? selectedState(selection) : '';
    const key = uniqueStateKey(
      process,
      parent,
      type === 'final' ? 'done' : type === 'history' ? 'history' : 'new state',
    );
    edit(addState(parent, key, freeSpot(process, parent), type), `Add ${type} state`);
    const path = joinStatePath(parent, key);
    onSelect({ kind: 'states', paths: [path] });
    props.onAdded?.(path);
    setAddOpen(false);
  };

  return (
    <header className="toolbar" data-testid="toolbar">
      <strong className="brand">Plumb</strong>
      <span className="title" data-testid="file-title">
        {process?.title ?? file.path ?? ''}
        {process?.stage && <em className={`stage ${process.stage}`}>{process.stage}</em>}
        {file.dirty && (
          <span className="dirty" title="Unsaved changes" data-testid="dirty">
            ●
          </span>
        )}
      </span>
      <button
        type="button"
        data-testid="save"
        disabled={!process}
        onClick={(e) => void file.save(e.shiftKey)}
        title="Save (Ctrl+S)"
      >
        Save
      </button>
      <button
        type="button"
        data-testid="undo"
        disabled={!file.state?.undoLabel}
        onClick={() => file.history?.undo()}
        title={file.state?.undoLabel ? `Undo ${file.state.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
      >
        ↶
      </button>
      <button
        type="button"
        data-testid="redo"
        disabled={!file.state?.redoLabel}
        onClick={() => file.history?.redo()}
        title={
          file.state?.redoLabel ? `Redo ${file.state.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'
        }
      >
        ↷
      </button>
      <span className="sep" />
      <span className="menu split">
        <button
          type="button"
          disabled={!editing}
          data-testid="add-atomic"
          onClick={() => add('atomic')}
          title="Add a state (A)"
        >
          + State
        </button>
        <button
          type="button"
          disabled={!editing}
          data-testid="add-menu"
          aria-expanded={addOpen}
          onClick={() => setAddOpen(!addOpen)}
          title="Add a state of another kind"
        >
          ▾
        </button>
        {addOpen && editing && (
          <span className="menu-list">
            {KINDS.map(({ type, label }) => (
              <button
                key={type}
                type="button"
                data-testid={`add-${type === 'atomic' ? 'atomic-kind' : type}`}
                onClick={() => add(type)}
              >
                {label}
                {type === 'history' ? ' (inside the selected state)' : ''}
              </button>
            ))}
          </span>
        )}
      </span>
      <button
        type="button"
        disabled={!editing}
        onClick={props.onAutoLayout}
        data-testid="auto-layout"
        title="Auto-layout (L)"
      >
        Layout
      </button>
      <button
        type="button"
        disabled={!process}
        onClick={props.onProcess}
        data-testid="process-settings"
        title="Roles, events, conditions (P)"
      >
        Process
      </button>
      <span className="sep" />
      <button
        type="button"
        className={mode === 'simulate' ? 'on' : ''}
        disabled={!process}
        data-testid="simulate"
        onClick={() => props.onMode(mode === 'simulate' ? 'edit' : 'simulate')}
        title="Simulate mode (M)"
      >
        {mode === 'simulate' ? 'Stop simulating' : 'Simulate'}
      </button>
      <button
        type="button"
        className={mode === 'live' ? 'on' : ''}
        disabled={!process}
        data-testid="live"
        onClick={() => props.onMode(mode === 'live' ? 'edit' : 'live')}
        title="Live mode: the cases of a running runtime on the canvas"
      >
        Live
      </button>
      {process && <ExportMenu process={process} onStatus={props.onStatus} />}
      <ApproveButton
        path={file.path}
        report={report}
        dirty={file.dirty}
        onStatus={props.onStatus}
      />
      <span className="spacer" />
      <span className={`verdict ${report ? (errors ? 'bad' : 'good') : ''}`} data-testid="verdict">
        {checking && !report
          ? 'checking…'
          : report
            ? errors
              ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
              : warnings
                ? `ok, ${warnings} warning${warnings === 1 ? '' : 's'}`
                : 'ok'
            : ''}
      </span>
      <button
        type="button"
        onClick={props.onHelp}
        title="Keyboard shortcuts (?)"
        data-testid="help"
      >
        ?
      </button>
    </header>
  );
}
