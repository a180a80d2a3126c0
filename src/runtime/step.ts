// One step of a case on the real XState machine: restore the persisted snapshot, take the event
// with XState's pure `transition`, and say what the outside world must do about it. Nothing runs
// here: timers (`xstate.raise` with a delay, `xstate.cancel`), services (`xstate.spawnChild`,
// `xstate.stopChild`) and named actions come back as effects, which the runtime stores in the same
// transaction as the snapshot and carries out after the commit.

import {
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventObject,
  fromPromise,
  initialTransition,
  setup,
  transition,
} from 'xstate';
import { invokesOf, type StateTree } from '../core/model/tree';
import type { ProcessFile } from '../core/model/types';
import { delayMs, withLoopGuard } from '../core/simulation/machine';
import { allPaths, leafPaths, type StateValue } from '../core/simulation/paths';

export type CaseStatus = 'active' | 'done' | 'error';

/** What a guard is asked with: the event, the case's data and ids. */
export interface GuardArgs {
  caseId: string;
  processId: string;
  event: EventObject & Record<string, unknown>;
  data: unknown;
  context: unknown;
}

export type GuardFn = (args: GuardArgs, params: unknown) => boolean;

export interface TimerEffect {
  id: string;
  event: EventObject;
  delayMs: number;
}

export interface ServiceEffect {
  invokeId: string;
  src: string;
  input: unknown;
}

export interface ActionEffect {
  name: string;
  params: unknown;
}

export interface StepResult {
  handled: boolean;
  /** The persisted snapshot (`getPersistedSnapshot`), JSON-safe. */
  snapshot: unknown;
  value: StateValue;
  paths: string[];
  status: CaseStatus;
  /** When each state the case is in (leaves and their ancestors) was entered. */
  entered: Record<string, number>;
  timers: TimerEffect[];
  cancels: string[];
  services: ServiceEffect[];
  stops: string[];
  actions: ActionEffect[];
}

/** The machine could not take the event at all (XState threw): nothing is stored. */
export class StepError extends Error {}

/** The case the guards are answering for: steps are synchronous, one at a time. */
let current: { caseId: string; data: unknown } | undefined;

export class CaseEngine {
  readonly machine: AnyStateMachine;
  private readonly invokes = new Map<string, { src: string; input: unknown }>();

  constructor(
    readonly process: ProcessFile,
    tree: StateTree,
    guardHandlers: Record<string, GuardFn>,
    onGuardError: (name: string, error: unknown) => void,
  ) {
    const guards: Record<
      string,
      (args: { event: EventObject; context: unknown }, params: unknown) => boolean
    > = {};
    for (const name of Object.keys(process.conditions ?? {})) {
      const handler = guardHandlers[name];
      guards[name] = (args, params) => {
        const event = args.event as EventObject & Record<string, unknown>;
        const data = current?.data;
        if (handler) {
          try {
            return Boolean(
              handler(
                {
                  caseId: current?.caseId ?? '',
                  processId: process.id,
                  event,
                  data,
                  context: args.context,
                },
                params,
              ),
            );
          } catch (error) {
            onGuardError(name, error);
            return false;
          }
        }
        return answerFromCase(name, event, data);
      };
    }
    // Actions and services never run inside XState: the pure transition hands them back.
    const actions: Record<string, () => void> = {};
    for (const name of Object.keys(process.actions ?? {})) actions[name] = () => {};
    const actors: Record<string, ReturnType<typeof fromPromise>> = {};
    for (const name of Object.keys(process.services ?? {}))
      actors[name] = fromPromise<unknown>(() => new Promise<unknown>(() => {}));
    const delays: Record<string, number> = {};
    for (const [name, def] of Object.entries(process.delays ?? {})) delays[name] = delayMs(def);
    // biome-ignore lint/suspicious/noExplicitAny: the implementations are keyed by the file's own names
    const built = setup({ guards, actions, actors, delays } as any).createMachine(
      // biome-ignore lint/suspicious/noExplicitAny: the process's machine config, as XState takes it
      process.machine as any,
    );
    this.machine = withLoopGuard(built);
    for (const node of tree.nodes)
      invokesOf(node.config).forEach((invoke, i) => {
        this.invokes.set(invoke.id ?? `${i}.${node.id}`, { src: invoke.src, input: invoke.input });
      });
  }

  /** A new case in its initial state. */
  start(caseId: string, data: unknown, now: number): StepResult {
    return this.run(caseId, data, () => {
      const [snapshot, actions] = initialTransition(this.machine);
      return this.settle(snapshot, actions, true, {}, now);
    });
  }

  /** The case at `persisted` takes `event`. */
  step(
    caseId: string,
    data: unknown,
    persisted: unknown,
    entered: Record<string, number>,
    event: EventObject,
    now: number,
  ): StepResult {
    return this.run(caseId, data, () => {
      const actor = createActor(this.machine, {
        // biome-ignore lint/suspicious/noExplicitAny: a snapshot this machine persisted
        snapshot: persisted as any,
      });
      const restored = actor.getSnapshot() as AnyMachineSnapshot;
      if (restored.status !== 'active')
        return this.settle(restored, [], false, entered, now, persisted);
      const handled = this.machine.getTransitionData(restored, event as never).length > 0;
      if (!handled) return this.settle(restored, [], false, entered, now, persisted);
      // XState's `transition` builds a throwaway actor for its scope, which computes the machine's
      // initial state first (a third of a step's time); the actor that restored the snapshot
      // serves as that scope, inert as well: its actions are collected, never run.
      const actions: unknown[] = [];
      const scope: AnyActorScope = {
        self: actor,
        id: '',
        sessionId: '',
        logger: () => {},
        defer: () => {},
        emit: () => {},
        stopChild: () => {},
        system: actor.system,
        actionExecutor: (action) => {
          actions.push(action);
        },
      };
      let next: AnyMachineSnapshot;
      try {
        next = this.machine.transition(restored, event as never, scope);
      } catch {
        // Whatever the shortcut cannot take (an actor system of its own), the plain way takes.
        const [plain, plainActions] = transition(this.machine, restored, event as never);
        return this.settle(plain, plainActions, true, entered, now);
      }
      return this.settle(next, actions, true, entered, now);
    });
  }

  private run(caseId: string, data: unknown, fn: () => StepResult): StepResult {
    current = { caseId, data };
    try {
      return fn();
    } catch (error) {
      throw new StepError(error instanceof Error ? error.message.split('\n')[0] : String(error));
    } finally {
      current = undefined;
    }
  }

  private settle(
    snapshot: AnyMachineSnapshot,
    actions: unknown[],
    handled: boolean,
    before: Record<string, number>,
    now: number,
    unchanged?: unknown,
  ): StepResult {
    const value = snapshot.value as StateValue;
    const paths = leafPaths(value);
    const entered: Record<string, number> = {};
    for (const path of allPaths(paths)) entered[path] = before[path] ?? now;
    const out: StepResult = {
      handled,
      snapshot: unchanged ?? this.machine.getPersistedSnapshot(snapshot),
      value,
      paths,
      status:
        snapshot.status === 'done' ? 'done' : snapshot.status === 'active' ? 'active' : 'error',
      entered,
      timers: [],
      cancels: [],
      services: [],
      stops: [],
      actions: [],
    };
    for (const action of actions as {
      type: string;
      params?: Record<string, unknown> | null;
    }[]) {
      const params = action.params ?? undefined;
      if (action.type === 'xstate.raise') {
        const event = params?.event as EventObject | undefined;
        if (params && typeof params.delay === 'number' && event)
          out.timers.push({
            id: String(params.id ?? event.type),
            event: { type: event.type },
            delayMs: params.delay,
          });
      } else if (action.type === 'xstate.cancel') {
        if (params?.sendId !== undefined) out.cancels.push(String(params.sendId));
      } else if (action.type === 'xstate.spawnChild') {
        const id = params?.id === undefined ? undefined : String(params.id);
        const invoke = id === undefined ? undefined : this.invokes.get(id);
        if (id !== undefined && invoke)
          out.services.push({ invokeId: id, src: invoke.src, input: invoke.input ?? null });
      } else if (action.type === 'xstate.stopChild') {
        if (params?.id !== undefined) out.stops.push(String(params.id));
      } else if (!action.type.startsWith('xstate.')) {
        out.actions.push({ name: action.type, params: params ?? null });
      }
    }
    return out;
  }
}

/**
 * A guard without a handler answers from the case: the event's field of the guard's name when it
 * is true or false, else the case data's, else no (the answer of the approved machine's stub).
 */
export function answerFromCase(
  name: string,
  event: Record<string, unknown> | undefined,
  data: unknown,
): boolean {
  const fromEvent = event?.[name];
  if (typeof fromEvent === 'boolean') return fromEvent;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const fromData = (data as Record<string, unknown>)[name];
    if (typeof fromData === 'boolean') return fromData;
  }
  return false;
}
