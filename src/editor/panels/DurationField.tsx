// A state's duration in minutes: a fixed number, or a range (min, mode, max) for a triangular
// distribution. Commits the whole duration at once, checked first.

import { useState } from 'react';
import type { Duration } from '../../core/model/types';
import { FieldError, TextField } from './fields';
import { durationError, readNumber } from './format';

export interface DurationFieldProps {
  value: Duration | undefined;
  /** undefined clears the duration; returns an error to show, or nothing. */
  onCommit(duration: Duration | undefined): unknown;
  testId?: string;
}

export function DurationField({ value, onCommit, testId = 'state-duration' }: DurationFieldProps) {
  const isRange = typeof value === 'object';
  const [rangeWanted, setRangeWanted] = useState(isRange);
  const [error, setError] = useState<string>();
  const range = rangeWanted || isRange;
  const fixed = typeof value === 'number' ? value : undefined;
  const tri =
    typeof value === 'object' ? value : { min: fixed ?? 0, mode: fixed ?? 0, max: fixed ?? 0 };

  const commit = (next: Duration | undefined) => {
    const problem = next === undefined ? undefined : durationError(next);
    if (problem) return problem;
    const result = onCommit(next);
    const failed = typeof result === 'string' && result !== '' ? result : undefined;
    setError(failed);
    return failed;
  };
  const part = (field: 'min' | 'mode' | 'max') => (
    <TextField
      value={isRange ? String(tri[field]) : ''}
      placeholder={field}
      inputMode="decimal"
      ariaLabel={`Duration ${field} (minutes)`}
      testId={`${testId}-${field}`}
      className="pn-input-small"
      validate={(text) =>
        text.trim() === '' ? `${field} is needed` : readNumber(text, { min: 0 }).error
      }
      onCommit={(text) => commit({ ...tri, [field]: readNumber(text).value ?? 0 })}
    />
  );

  return (
    <div className="pn-duration">
      <select
        className="pn-input"
        aria-label="Duration kind"
        data-testid={`${testId}-kind`}
        value={range ? 'range' : 'fixed'}
        onChange={(e) => {
          const wantRange = e.target.value === 'range';
          setRangeWanted(wantRange);
          // A fixed number becomes the range's mode; a range becomes its mode.
          if (wantRange && typeof value === 'number')
            commit({ min: value, mode: value, max: value });
          else if (!wantRange && typeof value === 'object') commit(value.mode);
        }}
      >
        <option value="fixed">fixed number of minutes</option>
        <option value="range">range: min, most likely, max</option>
      </select>
      <div className="pn-row">
        {range ? (
          <>
            {part('min')}
            {part('mode')}
            {part('max')}
          </>
        ) : (
          <TextField
            value={fixed === undefined ? '' : String(fixed)}
            placeholder="minutes"
            inputMode="decimal"
            ariaLabel="Duration (minutes)"
            testId={testId}
            validate={(text) => readNumber(text, { min: 0 }).error}
            onCommit={(text) => commit(readNumber(text, { min: 0 }).value)}
          />
        )}
        <span className="pn-muted">min</span>
      </div>
      {error && <FieldError message={error} />}
    </div>
  );
}
