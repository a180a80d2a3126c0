// Why a Monte Carlo case is stuck, in words an analyst reads, with the figure explored.

export type StuckKind = 'no-way-on' | 'dropped' | 'error' | 'step-horizon' | 'time-horizon';

export interface Stuck {
  kind: StuckKind;
  reason: string;
}

const en = (value: number) => value.toLocaleString('en');

export function isLoop(error: unknown): boolean {
  return /infinite loop/i.test(error instanceof Error ? error.message : String(error));
}

export function noWayOn(label: string): Stuck {
  return {
    kind: 'no-way-on',
    reason: `no way on from ${label}: no event it handles, no timer, no service running`,
  };
}

export function dropped(type: string, exception: boolean, label: string): Stuck {
  return {
    kind: 'dropped',
    reason: exception
      ? `${type} happened in ${label} and nobody handles it: the case was dropped`
      : `${type} happened in ${label} and nobody took it: every transition for it is guarded and all the answers were no`,
  };
}

/** What XState threw, or the error it stopped the case with. */
export function thrown(error: unknown, label: string): Stuck {
  if (isLoop(error))
    return {
      kind: 'error',
      reason: `an endless loop of eventless (always) transitions from ${label}: more microsteps in one step than the limit`,
    };
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'error',
    reason: `XState stopped the case in ${label}: ${message.split('\n').join(' ')}`,
  };
}

export function serviceFailed(src: string, label: string): Stuck {
  return {
    kind: 'error',
    reason: `the service "${src}" failed in ${label} and nobody handles the failure (no onError)`,
  };
}

export function stepHorizon(maxSteps: number, minutes: number, label: string): Stuck {
  return {
    kind: 'step-horizon',
    reason: `over the step horizon: ${en(maxSteps)} steps without finishing (${en(Math.round(minutes * 100) / 100)} minutes on the clock; last in ${label})`,
  };
}

export function timeHorizon(maxMinutes: number, steps: number, label: string): Stuck {
  return {
    kind: 'time-horizon',
    reason: `over the time horizon: ${en(maxMinutes)} minutes without finishing (${en(steps)} steps; last in ${label})`,
  };
}
