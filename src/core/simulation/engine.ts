// What Monte Carlo asks of a machine runner. Two runners implement it: XState's own pure
// `transition()` (the execution truth) and the compiled stepper, which must agree with it step by
// step. Both are synchronous and hold one case at a time.

/** Something a step asks the outside world to do: start or cancel a timer, start or stop a service. */
export type Effect =
  | { kind: 'timer'; id: string; event: string; delayMs: number }
  | { kind: 'cancel'; id: string }
  | { kind: 'spawn'; id: string }
  | { kind: 'stop'; id: string };

export type CaseStatus = 'active' | 'done' | 'error';

export interface StepResult {
  /** Whether a transition was selected for the event (XState's `getTransitionData`). */
  handled: boolean;
  status: CaseStatus;
  /** What XState reports as the snapshot's error (a service failure nobody handles). */
  error?: unknown;
  effects: Effect[];
}

/**
 * Guard answers for a run. `reset` starts a new evaluation pass: the answer to the nth evaluation
 * of a guard depends only on the step and n, so two engines that evaluate the same guards in the
 * same order get the same answers.
 */
export interface GuardOracle {
  reset(): void;
  answer(name: string, params: unknown): boolean;
}

/** A saved case: opaque, only for the engine that saved it. */
export type EngineState = { readonly engine: 'fast' | 'xstate' };

export interface EngineEvent {
  type: string;
  [key: string]: unknown;
}

export interface Engine {
  readonly kind: 'fast' | 'xstate';
  /** Starts a new case (forgetting the last one). Never throws: a broken start is status error. */
  start(): StepResult;
  /** Sends one event to the case: a macrostep. Throws what XState throws (an endless `always` loop). */
  send(event: EngineEvent): StepResult;
  /** The active atomic and final states, as indices of the model's state tree, ascending. */
  leaves(): readonly number[];
  /** The ids of the active state nodes, in XState's `_nodes` order (for agreement tests). */
  activeIds(): string[];
  /** The case as it stands, to come back to with `restore` (the sweep branches from it). */
  save(): EngineState;
  restore(state: EngineState): void;
}
