// Live mode's side panel: which runtime, how many cases, the oldest wait, the drops in red; the
// cases of the selected state, and the timeline of the case picked.

import { useEffect, useState } from 'react';
import { type CaseHistory, fetchCase, fetchCasesIn, type LiveCase, type LiveView } from './liveApi';
import './live.css';

interface Props {
  processId: string;
  runtimeUrl: string;
  onRuntimeUrl(url: string): void;
  view?: LiveView;
  error?: string;
  /** The state selected on the canvas, if any. */
  state?: string;
  onClose(): void;
}

/** XState's internal event names as a person reads them. */
export function eventWords(type: string): string {
  if (type === 'xstate.init') return 'started';
  const timer = /^xstate\.after\.([^.]+)\./.exec(type);
  if (timer) return `timer ${timer[1]}`;
  return type;
}

function ago(iso: string): string {
  const minutes = Math.max(0, (Date.now() - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

export function LivePanel({
  processId,
  runtimeUrl,
  onRuntimeUrl,
  view,
  error,
  state,
  onClose,
}: Props) {
  const [url, setUrl] = useState(runtimeUrl);
  const [cases, setCases] = useState<LiveCase[]>();
  const [picked, setPicked] = useState<CaseHistory>();
  const [problem, setProblem] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: each new live view refreshes the list
  useEffect(() => {
    setCases(undefined);
    setPicked(undefined);
    if (!state) return;
    fetchCasesIn(runtimeUrl, processId, state).then(setCases, (e: Error) => setProblem(e.message));
  }, [runtimeUrl, processId, state, view?.at]);

  const oldest = view
    ? Object.entries(view.states).sort((a, b) => (a[1].oldestSince < b[1].oldestSince ? -1 : 1))[0]
    : undefined;

  return (
    <div className="live-panel" data-testid="live-panel">
      <div className="live-head">
        <h2>Live</h2>
        <button type="button" aria-label="Close live mode" onClick={onClose}>
          ×
        </button>
      </div>
      <form
        className="live-url"
        onSubmit={(event) => {
          event.preventDefault();
          onRuntimeUrl(url.trim());
        }}
      >
        <label>
          Runtime
          <input value={url} onChange={(e) => setUrl(e.target.value)} data-testid="live-url" />
        </label>
        <button type="submit">Connect</button>
      </form>
      {error && <p className="live-error">{error}</p>}
      {view && (
        <>
          <p className="live-summary" data-testid="live-summary">
            <strong>{view.active}</strong> active · {view.done} done
            {view.error ? ` · ${view.error} failed` : ''}
          </p>
          {oldest && (
            <p data-testid="live-oldest">
              Oldest wait: <strong>{oldest[0]}</strong> for {ago(oldest[1].oldestSince)} (case{' '}
              {oldest[1].oldestCaseId.slice(0, 8)})
            </p>
          )}
          <h3>Drops</h3>
          {view.drops.length === 0 ? (
            <p className="live-none">No event dropped.</p>
          ) : (
            <ul className="live-drops" data-testid="live-drops">
              {view.drops.map((drop) => (
                <li key={`${drop.caseId}-${drop.at}-${drop.event}`}>
                  dropped: nobody handles {drop.event} in {drop.state.join(', ')}{' '}
                  <span className="live-when">{ago(drop.at)} ago</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>{state ? `Cases in ${state}` : 'Cases'}</h3>
      {!state && <p className="live-none">Click a state to list its cases.</p>}
      {problem && <p className="live-error">{problem}</p>}
      {cases && cases.length === 0 && <p className="live-none">No case here now.</p>}
      {cases && cases.length > 0 && (
        <ul className="live-cases" data-testid="live-cases">
          {cases.map((c) => (
            <li key={c.caseId}>
              <button
                type="button"
                data-testid={`live-case-${c.caseId}`}
                onClick={() =>
                  fetchCase(runtimeUrl, c.caseId).then(setPicked, (e: Error) =>
                    setProblem(e.message),
                  )
                }
              >
                {c.caseId.slice(0, 8)}
              </button>{' '}
              {c.since ? `here for ${ago(c.since)}` : c.paths.join(', ')}
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <div data-testid="live-timeline">
          <h3>Case {picked.caseId}</h3>
          <ol className="live-history">
            {picked.history.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only
              <li key={index} className={entry.handled ? '' : 'dropped'}>
                <span className="live-when">{new Date(entry.at).toLocaleString()}</span>{' '}
                {eventWords(entry.event)}:{' '}
                {entry.handled
                  ? `${entry.from.join(', ')} → ${entry.to.join(', ')}`
                  : `dropped in ${entry.from.join(', ')}`}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
