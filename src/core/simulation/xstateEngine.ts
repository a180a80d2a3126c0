// The execution truth as a Monte Carlo engine: XState's pure `initialTransition` / `transition`,
// with `getTransitionData` to tell whether an event was handled. Timers and services come back as
// XState's own actions (`xstate.raise` with a delay, `xstate.cancel`, `xstate.spawnChild`,
// `xstate.stopChild`).

import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
  initialTransition,
  transition,
} from 'xstate';
import type { StateTree } from '../model/tree';
import type { ProcessFile } from '../model/types';
import type {
  CaseStatus,
  Effect,
  Engine,
  EngineEvent,
  EngineState,
  GuardOracle,
  StepResult,
} from './engine';
import { createProcessMachine, MAX_MICROSTEPS } from './machine';
import { leafPaths, type StateValue } from './paths';

interface Action {
  type: string;
  params?: { event?: EventObject; id?: string; delay?: unknown; sendId?: string } | null;
}

export class XStateEngine implements Engine {
  readonly kind = 'xstate' as const;
  readonly machine: AnyStateMachine;
  private snapshot!: AnyMachineSnapshot;
  private readonly indexOfPath: Map<string, number>;
  private leafCache: number[] | null = null;

  constructor(
    process: ProcessFile,
    tree: StateTree,
    private readonly oracle: GuardOracle,
    maxMicrosteps = MAX_MICROSTEPS,
  ) {
    this.machine = createProcessMachine(process, (name, params) => oracle.answer(name, params));
    (this.machine.options as { maxIterations?: number }).maxIterations = maxMicrosteps;
    // XState's pure functions build a throwaway actor first, which computes the initial snapshot
    // (asking the initial guards) before the real pass: every pass starts the count again, so
    // that the nth evaluation of a guard in the real pass gets the nth answer.
    const machine = this.machine as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['getInitialSnapshot', 'transition']) {
      const original = machine[method];
      machine[method] = (...args: unknown[]) => {
        oracle.reset();
        return original(...args);
      };
    }
    this.indexOfPath = new Map(tree.nodes.map((node) => [node.path, node.index]));
  }

  start(): StepResult {
    this.oracle.reset();
    const [snapshot, actions] = initialTransition(this.machine);
    return this.settle(snapshot, actions as Action[], true);
  }

  send(event: EngineEvent): StepResult {
    this.oracle.reset();
    const handled = this.machine.getTransitionData(this.snapshot, event as never).length > 0;
    this.oracle.reset();
    const [snapshot, actions] = transition(this.machine, this.snapshot, event as never);
    return this.settle(snapshot, actions as Action[], handled);
  }

  leaves(): readonly number[] {
    if (!this.leafCache) {
      this.leafCache = leafPaths(this.snapshot.value as StateValue)
        .map((path) => this.indexOfPath.get(path))
        .filter((index): index is number => index !== undefined)
        .sort((a, b) => a - b);
    }
    return this.leafCache;
  }

  save(): EngineState {
    return { engine: 'xstate', snapshot: this.snapshot } as EngineState;
  }

  restore(state: EngineState): void {
    this.snapshot = (state as unknown as { snapshot: AnyMachineSnapshot }).snapshot;
    this.leafCache = null;
  }

  activeIds(): string[] {
    return (this.snapshot as unknown as { _nodes: { id: string }[] })._nodes.map((n) => n.id);
  }

  private settle(snapshot: AnyMachineSnapshot, actions: Action[], handled: boolean): StepResult {
    this.snapshot = snapshot;
    this.leafCache = null;
    const effects: Effect[] = [];
    for (const action of actions) {
      const params = action.params;
      if (action.type === 'xstate.raise') {
        if (params && typeof params.delay === 'number' && params.event)
          effects.push({
            kind: 'timer',
            id: String(params.id ?? params.event.type),
            event: params.event.type,
            delayMs: params.delay,
          });
      } else if (action.type === 'xstate.cancel') {
        if (params?.sendId !== undefined) effects.push({ kind: 'cancel', id: params.sendId });
      } else if (action.type === 'xstate.spawnChild') {
        if (params?.id !== undefined) effects.push({ kind: 'spawn', id: String(params.id) });
      } else if (action.type === 'xstate.stopChild') {
        if (params?.id !== undefined) effects.push({ kind: 'stop', id: String(params.id) });
      }
    }
    const status = snapshot.status as CaseStatus | 'stopped';
    const out: StepResult = {
      handled,
      status: status === 'stopped' ? 'error' : status,
      effects,
    };
    if (out.status === 'error') out.error = snapshot.error;
    return out;
  }
}
