// The case's clock: jump to the next timer (an `after` or a service falling due), or let a number
// of minutes pass.

import { type FormEvent, useState } from 'react';
import { formatDue } from './format';

export interface ClockControlsProps {
  /** Milliseconds until the next timer, if there is one. */
  nextTimerIn?: number;
  active: boolean;
  onNextTimer(): void;
  onAdvance(ms: number): void;
}

export function ClockControls({ nextTimerIn, active, onNextTimer, onAdvance }: ClockControlsProps) {
  const [minutes, setMinutes] = useState('');
  const value = Number(minutes);
  const valid = minutes.trim() !== '' && Number.isFinite(value) && value > 0;
  const hasTimer = active && nextTimerIn !== undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid || !active) return;
    onAdvance(Math.round(value * 60_000));
  };
  return (
    <section className="sim-section sim-clock" aria-label="Clock">
      <button
        type="button"
        className="sim-button"
        data-testid="sim-next-timer"
        disabled={!hasTimer}
        title={hasTimer ? 'Move the clock to the next timer' : 'No timer is running'}
        onClick={onNextTimer}
      >
        Next timer
        <span className="sim-button-note">{hasTimer ? formatDue(nextTimerIn) : 'none'}</span>
      </button>
      <form className="sim-advance" onSubmit={submit}>
        <input
          type="number"
          min="0"
          step="any"
          inputMode="decimal"
          placeholder="min"
          aria-label="Minutes to let pass"
          data-testid="sim-advance-minutes"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button
          type="submit"
          className="sim-button"
          data-testid="sim-advance"
          disabled={!valid || !active}
        >
          Advance
        </button>
      </form>
    </section>
  );
}
