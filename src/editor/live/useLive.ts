// Polls a running runtime for the live view of one process while Live mode is on.

import { useEffect, useState } from 'react';
import { fetchLive, type LiveView } from './liveApi';

export function useLive(
  base: string | undefined,
  processId: string | undefined,
  intervalMs = 1000,
): { view?: LiveView; error?: string } {
  const [state, setState] = useState<{ view?: LiveView; error?: string }>({});
  useEffect(() => {
    if (!base || !processId) {
      setState({});
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const view = await fetchLive(base, processId);
        if (!stopped) setState({ view });
      } catch (error) {
        if (!stopped) setState((s) => ({ view: s.view, error: (error as Error).message }));
      }
      if (!stopped) timer = setTimeout(poll, intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [base, processId, intervalMs]);
  return state;
}

/** Cases per state path, for the canvas's count badges. */
export function countsOf(view: LiveView | undefined): Record<string, number> | undefined {
  if (!view) return undefined;
  return Object.fromEntries(Object.entries(view.states).map(([path, s]) => [path, s.count]));
}
