// The process's machine as XState runs it: `setup()` with every declared guard, action, service and
// delay, answered from outside (simulation never runs guard code).

import { type AnyStateMachine, type createMachine, fromPromise, setup } from 'xstate';
import { parseIsoDuration } from '../model/parse';
import type { DelayDef, ProcessFile } from '../model/types';

export type GuardAnswer = (name: string, params: unknown) => boolean;

/** Milliseconds of a declared delay. */
export function delayMs(def: DelayDef | undefined): number {
  if (typeof def === 'number') return def;
  if (typeof def === 'string') return parseIsoDuration(def) ?? 0;
  if (def && typeof def.ms === 'number') return def.ms;
  if (def && typeof def.duration === 'string') return parseIsoDuration(def.duration) ?? 0;
  return 0;
}

/** Thrown when one step of a case runs more guards and actions than any real step could. */
export class RunawayStepError extends Error {}

/** A tick counter that throws RunawayStepError past `limit` calls until reset: it stops guarded `always` loops. */
export function stepBudget(limit = 100_000) {
  let count = 0;
  return {
    tick: () => {
      if (++count > limit)
        throw new RunawayStepError(
          `one step ran more than ${limit} guards and actions: an "always" loop that never settles`,
        );
    },
    reset: () => {
      count = 0;
    },
  };
}

/**
 * Builds the XState machine of a process. Guards ask `answer`; actions do nothing; services never
 * settle on their own (the simulation settles them with done or error events).
 * Throws what XState throws for a broken config.
 */
export function createProcessMachine(
  process: ProcessFile,
  answer: GuardAnswer = () => false,
  tick: () => void = () => {},
): AnyStateMachine {
  const guards: Record<string, (args: unknown, params: unknown) => boolean> = {};
  for (const name of Object.keys(process.conditions ?? {}))
    guards[name] = (_args, params) => {
      tick();
      return answer(name, params);
    };
  const actions: Record<string, () => void> = {};
  for (const name of Object.keys(process.actions ?? {})) actions[name] = () => tick();
  const actors: Record<string, ReturnType<typeof fromPromise>> = {};
  for (const name of Object.keys(process.services ?? {}))
    actors[name] = fromPromise<unknown>(() => new Promise<unknown>(() => {}));
  const delays: Record<string, number> = {};
  for (const [name, def] of Object.entries(process.delays ?? {})) delays[name] = delayMs(def);
  // XState reads the config and never changes it (checked on the examples and generated
  // machines), so the process's own object serves.
  const config = process.machine as Parameters<typeof createMachine>[0];
  // biome-ignore lint/suspicious/noExplicitAny: the implementations are keyed by the file's own names
  const machine = setup({ guards, actions, actors, delays } as any).createMachine(config as any);
  return withLoopGuard(machine);
}

/** Microsteps one macrostep may take before XState reports an infinite loop instead of hanging. */
export const MAX_MICROSTEPS = 10_000;

/** Turns on XState's own loop detection: past MAX_MICROSTEPS it throws "Infinite loop detected". */
export function withLoopGuard<T extends AnyStateMachine>(machine: T): T {
  (machine.options as { maxIterations?: number }).maxIterations = MAX_MICROSTEPS;
  return machine;
}
