// The problems panel: every crack of the process, errors first, each with its rule, state and
// message, and the hint when opened. A click on a crack picks it (the App selects and centres its
// state). Schema problems of a file that will not save come first; waived warnings last, folded.

import { useState } from 'react';
import { type Crack, RULE_IDS, type WaivedCrack } from '../../core/analysis/types';
import type { Problem } from '../../core/model/types';
import './panels.css';
import './lists.css';

export interface ProblemsPanelProps {
  cracks: Crack[];
  waived?: WaivedCrack[];
  /** Schema errors, each with the JSON path it concerns. */
  problems?: Problem[];
  onPick(crack: Crack): void;
  /** Picking a schema problem (optional). */
  onPickProblem?(problem: Problem): void;
}

/** Errors first, then warnings; within each, the rules' order, then the state path. */
export function sortCracks(cracks: readonly Crack[]): Crack[] {
  const rank = (c: Crack) => (c.severity === 'error' ? 0 : 1);
  return [...cracks].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule) ||
      (a.state ?? '').localeCompare(b.state ?? ''),
  );
}

export function crackTestId(crack: Crack): string {
  return `problem-${crack.rule}-${crack.state ?? ''}`;
}

/** Each item with a React key from its content, made unique by a count where it repeats. */
function keyed<T>(items: readonly T[], keyOf: (item: T) => string): [string, T][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return [n === 1 ? base : `${base}#${n}`, item];
  });
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function ProblemsPanel({
  cracks,
  waived = [],
  problems = [],
  onPick,
  onPickProblem,
}: ProblemsPanelProps) {
  const sorted = sortCracks(cracks);
  const errors = cracks.filter((c) => c.severity === 'error').length;
  const warnings = cracks.length - errors;
  return (
    <div className="pn-panel pn-problems" data-testid="problems-panel">
      <header className="pn-problems-head">
        {cracks.length === 0 && problems.length === 0 ? (
          <span className="pn-ok" data-testid="problems-none">
            ✓ No cracks
          </span>
        ) : (
          <span data-testid="problems-summary">
            {problems.length > 0 && (
              <span className="pn-sev-error">{count(problems.length, 'file problem')} · </span>
            )}
            <span className={errors ? 'pn-sev-error' : undefined}>{count(errors, 'error')}</span>
            {' · '}
            <span className={warnings ? 'pn-sev-warning' : undefined}>
              {count(warnings, 'warning')}
            </span>
          </span>
        )}
        {waived.length > 0 && <span className="pn-muted"> · {waived.length} waived</span>}
      </header>
      <ul className="pn-problem-list">
        {keyed(problems, (p) => `${p.path}|${p.message}`).map(([key, problem], i) => (
          <li key={key}>
            <button
              type="button"
              className="pn-problem pn-sev-row-error"
              data-testid={`schema-problem-${i}`}
              onClick={() => onPickProblem?.(problem)}
            >
              <span className="pn-icon pn-sev-error" role="img" aria-label="error">
                ✖
              </span>
              <span className="pn-rule">{problem.path || 'file'}</span>
              <span className="pn-message">
                {problem.message}
                {problem.line !== undefined && (
                  <span className="pn-muted">
                    {' '}
                    (line {problem.line}
                    {problem.column !== undefined ? `:${problem.column}` : ''})
                  </span>
                )}
              </span>
            </button>
          </li>
        ))}
        {keyed(sorted, (c) => `${crackTestId(c)}|${c.event ?? ''}|${c.message}`).map(
          ([key, crack]) => (
            <CrackRow key={key} crack={crack} onPick={onPick} />
          ),
        )}
      </ul>
      {waived.length > 0 && (
        <details className="pn-waived" data-testid="problems-waived">
          <summary>Waived ({waived.length})</summary>
          <ul className="pn-problem-list">
            {keyed(waived, (c) => `${c.rule}|${c.state ?? ''}|${c.event ?? ''}`).map(
              ([key, crack]) => (
                <li key={key} className="pn-problem pn-muted">
                  <span className="pn-rule">{crack.rule}</span>
                  <span className="pn-path">{crack.state}</span>
                  <span className="pn-message">{crack.reason}</span>
                </li>
              ),
            )}
          </ul>
        </details>
      )}
    </div>
  );
}

function CrackRow({ crack, onPick }: { crack: Crack; onPick(crack: Crack): void }) {
  const [open, setOpen] = useState(false);
  const error = crack.severity === 'error';
  return (
    <li className={`pn-problem-item${open ? ' pn-open' : ''}`}>
      <div className={`pn-problem pn-sev-row-${crack.severity}`}>
        <button
          type="button"
          className="pn-problem-main"
          data-testid={crackTestId(crack)}
          data-severity={crack.severity}
          title={crack.hint}
          onClick={() => onPick(crack)}
        >
          <span
            className={`pn-icon pn-sev-${crack.severity}`}
            role="img"
            aria-label={crack.severity}
          >
            {error ? '✖' : '▲'}
          </span>
          <span className="pn-rule">{crack.rule}</span>
          {crack.state !== undefined && <span className="pn-path">{crack.state}</span>}
          <span className="pn-message">{crack.message}</span>
        </button>
        {crack.hint && (
          <button
            type="button"
            className="pn-expand"
            aria-expanded={open}
            aria-label={open ? 'Hide the hint' : 'Show the hint'}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        )}
      </div>
      {open && <p className="pn-hint pn-problem-hint">{crack.hint}</p>}
    </li>
  );
}
