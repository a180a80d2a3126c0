// The key to the canvas: each role with its colour, and what the shapes and lines mean.

import './badges.css';
import './legend.css';
import { type CSSProperties, memo, useMemo, useState } from 'react';
import { roleOf } from '../../core/model/scope';
import { buildStateTree } from '../../core/model/tree';
import type { ProcessFile } from '../../core/model/types';
import { ClockIcon } from './icons';
import { roleColours } from './labels';

/** The roles in colour order: declared ones, then any a state names without declaring it. */
export function legendRoles(process: ProcessFile): { key: string; title: string; color: string }[] {
  const used: string[] = [];
  for (const node of buildStateTree(process.machine).nodes) {
    const role = node.parent ? roleOf(node) : undefined;
    if (role !== undefined) used.push(role);
  }
  return [...roleColours(process, used)].map(([key, color]) => ({
    key,
    title: process.roles?.[key] ? (process.roles[key].title ?? key) : `${key} (not declared)`,
    color,
  }));
}

export const Legend = memo(function Legend({ process }: { process: ProcessFile }) {
  const roles = useMemo(() => legendRoles(process), [process]);
  const [open, setOpen] = useState(false);
  return (
    <div className="plumb-legend" data-testid="legend">
      <button
        type="button"
        className="plumb-legend-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Legend {open ? '▾' : '▸'}
      </button>
      <div className="plumb-legend-body">
        {roles.length > 0 ? (
          <ul className="plumb-legend-roles" aria-label="Roles">
            {roles.map((role) => (
              <li key={role.key} style={{ '--role-color': role.color } as CSSProperties}>
                <span className="plumb-legend-swatch" />
                {role.title}
              </li>
            ))}
          </ul>
        ) : (
          <p className="plumb-legend-empty">No roles yet</p>
        )}
        {open && (
          <ul className="plumb-legend-key" aria-label="Symbols">
            <li>
              <span className="plumb-legend-line" /> event
            </li>
            <li>
              <span className="plumb-legend-line is-exception" /> exception
            </li>
            <li>
              <span className="plumb-legend-line is-always" /> always (at once)
            </li>
            <li>
              <span className="plumb-legend-glyph">
                <ClockIcon />
              </span>{' '}
              timer (after)
            </li>
            <li>
              <span className="plumb-legend-glyph plumb-legend-initial" /> initial state
            </li>
            <li>
              <span className="plumb-legend-glyph plumb-legend-final" /> final state
            </li>
            <li>
              <span className="plumb-legend-glyph plumb-legend-history">H</span> history
            </li>
            <li>
              <span className="plumb-crack-count is-error">1</span>
              <span className="plumb-crack-count is-warning">1</span> errors, warnings
            </li>
          </ul>
        )}
      </div>
    </div>
  );
});
