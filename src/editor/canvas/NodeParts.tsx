// The pieces every state node shares: its name (or the inline rename input), the role chip, the
// crack badge with its hover list, the initial marker and the connection handles.

import './badges.css';
import { Handle, Position } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { useCanvasActions } from './CanvasActions';
import type { StateData } from './flowTypes';

export function StateName({ data }: { data: StateData }) {
  if (data.renaming) return <RenameInput path={data.path} value={data.key} />;
  return (
    <span className="plumb-state-name" title={`${data.key} (double-click to rename)`}>
      {data.key}
    </span>
  );
}

function RenameInput({ path, value }: { path: string; value: string }) {
  const actions = useCanvasActions();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string>();
  const closed = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const commit = (onError: 'stay' | 'cancel') => {
    if (closed.current) return;
    // Closed before committing: committing moves the focus, and the blur must not commit again.
    closed.current = true;
    const problem = actions.commitRename(path, text);
    if (problem === undefined) return;
    if (onError === 'cancel') actions.cancelRename();
    else {
      closed.current = false;
      setError(problem);
    }
  };
  return (
    <input
      ref={input}
      className={`plumb-rename nodrag nopan${error ? ' has-error' : ''}`}
      data-testid={`rename-${path}`}
      aria-label="State name"
      aria-invalid={error !== undefined}
      title={error ?? 'Enter to rename, Escape to cancel'}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        setError(undefined);
      }}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') commit('stay');
        else if (event.key === 'Escape') {
          closed.current = true;
          actions.cancelRename();
        }
      }}
      onBlur={() => commit('cancel')}
      onDoubleClick={(event) => event.stopPropagation()}
    />
  );
}

export function RoleChip({ data }: { data: StateData }) {
  if (!data.role) return null;
  return (
    <span
      className={`plumb-role-chip${data.roleInherited ? ' is-inherited' : ''}`}
      title={data.roleInherited ? `Role ${data.roleTitle} (from the enclosing state)` : undefined}
    >
      {data.roleTitle}
    </span>
  );
}

export const CrackBadge = memo(function CrackBadge({ data }: { data: StateData }) {
  if (data.errors === 0 && data.warnings === 0) return null;
  const summary = [
    data.errors > 0 ? `${data.errors} error${data.errors === 1 ? '' : 's'}` : '',
    data.warnings > 0 ? `${data.warnings} warning${data.warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <span
      className={`plumb-crack-badge ${data.errors > 0 ? 'has-errors' : 'has-warnings'} nodrag`}
      data-testid={`crack-badge-${data.path}`}
      title={data.crackMessages.join('\n')}
    >
      {data.errors > 0 && <span className="plumb-crack-count is-error">{data.errors}</span>}
      {data.warnings > 0 && <span className="plumb-crack-count is-warning">{data.warnings}</span>}
      <span className="plumb-crack-popover" role="tooltip">
        <strong>{summary}</strong>
        <ul>
          {data.crackMessages.map((message, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same message may come twice
            <li key={i} className={message.startsWith('Error') ? 'is-error' : 'is-warning'}>
              {message.replace(/^(Error|Warning): /, '')}
            </li>
          ))}
        </ul>
      </span>
    </span>
  );
});

/** A filled dot with an arrow into the state: the case starts here. */
export function InitialMarker() {
  return (
    <span className="plumb-initial" title="Initial state">
      <span className="plumb-initial-dot" />
      <span className="plumb-initial-arrow" />
    </span>
  );
}

export function Extras({ data }: { data: StateData }) {
  return (
    <>
      {data.count !== undefined && (
        <span className="plumb-count" title="Cases here now">
          {data.count}
        </span>
      )}
      {data.internal.length > 0 && (
        <span className="plumb-internal" title="Transitions that stay in this state">
          ↺ {data.internal.join(' · ')}
        </span>
      )}
    </>
  );
}

/**
 * Drag from the dot on the right to start a transition; drop anywhere on a state (the target
 * handle covers the whole state while a connection is being drawn).
 */
export function StateHandles() {
  return (
    <>
      <Handle type="target" position={Position.Left} className="plumb-target-handle" />
      <Handle
        type="source"
        position={Position.Right}
        className="plumb-source-handle"
        title="Drag to another state to add a transition"
      />
    </>
  );
}

/** Classes every state node shares. */
export function stateClasses(data: StateData, selected: boolean): string {
  let cls = `plumb-state plumb-${data.variant}`;
  if (selected) cls += ' is-selected';
  if (data.active) cls += ' is-active';
  if (data.containsActive) cls += ' contains-active';
  if (data.role) cls += ' has-role';
  if (data.errors > 0) cls += ' has-errors';
  else if (data.warnings > 0) cls += ' has-warnings';
  return cls;
}

export function stateTitle(data: StateData): string | undefined {
  const parts = [data.description, data.role ? `Role: ${data.roleTitle}` : undefined].filter(
    Boolean,
  );
  return parts.length > 0 ? parts.join('\n') : undefined;
}
