// Every step of the case, with its time and the role that had the case; a dropped event in red.
// A click on an entry goes back to just after it; the first row goes back to the start.

import type { ProcessFile } from '../../core/model/types';
import type { TimelineEntry } from '../../core/simulation/case';
import { droppedText, entryText, formatDuration, formatStates } from './format';

export interface TimelineProps {
  process: ProcessFile;
  entries: TimelineEntry[];
  /** Where the case began (shown on the first row). */
  startStates?: string[];
  onBackTo(index: number): void;
}

export function Timeline({ process, entries, startStates, onBackTo }: TimelineProps) {
  const roleTitle = (role: string | undefined) =>
    role ? (process.roles?.[role]?.title ?? role) : undefined;
  const last = entries.length - 1;
  return (
    <ol className="sim-timeline" data-testid="sim-timeline" aria-label="Timeline">
      <li className={last === -1 ? 'sim-entry sim-entry-current' : 'sim-entry'}>
        <button
          type="button"
          className="sim-entry-button"
          data-testid="sim-timeline-start"
          disabled={last === -1}
          title={last === -1 ? undefined : 'Go back to the start'}
          onClick={() => onBackTo(-1)}
        >
          <span className="sim-entry-time">0 s</span>
          <span className="sim-entry-text">
            start{startStates?.length ? ` in ${formatStates(startStates)}` : ''}
          </span>
        </button>
      </li>
      {entries.map((entry, index) => {
        const dropped = droppedText(entry);
        const role = roleTitle(entry.role);
        const current = index === last;
        const classes = ['sim-entry'];
        if (dropped) classes.push('sim-entry-dropped', 'sim-dropped');
        if (current) classes.push('sim-entry-current');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the timeline only grows and shrinks at its end
          <li key={index} className={classes.join(' ')}>
            <button
              type="button"
              className="sim-entry-button"
              data-testid={`sim-timeline-entry-${index}`}
              disabled={current}
              title={current ? undefined : 'Go back to just after this step'}
              onClick={() => onBackTo(index)}
            >
              <span className="sim-entry-time">{formatDuration(entry.at)}</span>
              <span className="sim-entry-text">{dropped ?? entryText(entry)}</span>
              {role && <span className="sim-entry-role">{role}</span>}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
