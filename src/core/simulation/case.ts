// One case run by the real XState actor on a virtual clock: guards answered from assumptions,
// services settled by the clock, every event recorded as handled or dropped.

import {
  type ActorLogic,
  type AnyActorRef,
  type AnyStateMachine,
  createActor,
  getInitialMicrosteps,
} from 'xstate';
import { buildStateTree, descriptorMatches, type StateTree } from '../model/tree';
import type { ProcessFile } from '../model/types';
import { VirtualClock } from './clock';
import { createProcessMachine, stepBudget, withLoopGuard } from './machine';
import { allPaths, leafPaths, type StateValue } from './paths';

export interface CaseEvent {
  type: string;
  [key: string]: unknown;
}

export interface TimelineEntry {
  /** Milliseconds on the case's clock. */
  at: number;
  event: string;
  from: string[];
  to: string[];
  handled: boolean;
  /** The role of the state the case left, when it has one. */
  role?: string;
  /** Why the event was dropped, in words. */
  message?: string;
}

export interface CaseOptions {
  /** Guard answers by condition name; unanswered guards are asked through `ask`, else taken as no. */
  assume?: Record<string, boolean>;
  ask?: (guard: string) => boolean | undefined;
}

/** Milliseconds a service of a state takes in simulation: the mode of the state's duration. */
function serviceMs(tree: StateTree, path: string): number {
  const duration = tree.byPath.get(path)?.config.meta?.duration;
  if (typeof duration === 'number') return duration * 60_000;
  if (duration && typeof duration === 'object') return duration.mode * 60_000;
  return 0;
}

/** Timers one wait may fire: a timer that keeps restarting itself must not hang a scenario. */
export const MAX_TIMERS_PER_WAIT = 10_000;

/** A service's snapshot: active until the clock settles it as done or failed. */
interface ServiceSnapshot {
  status: 'active' | 'done' | 'error';
  output: undefined;
  error: unknown;
  input: unknown;
}

/** The actor logic of a simulated service (XState's generic logic type, narrowed by the casts above). */
type ServiceLogic = ActorLogic<never, never>;

export class ProcessCase {
  /** Set when the last wait stopped at MAX_TIMERS_PER_WAIT, saying why. */
  clockStopped: string | undefined;
  readonly clock = new VirtualClock();
  readonly timeline: TimelineEntry[] = [];
  /** Every state path the case has been in, through every microstep. */
  readonly visited = new Set<string>();
  /** Guards that were asked and had no answer (taken as no). */
  readonly unanswered = new Set<string>();
  readonly machine: AnyStateMachine;
  readonly tree: StateTree;
  private readonly actor: AnyActorRef;
  private answers: Record<string, boolean>;
  private readonly budget = stepBudget();
  private error: unknown;

  constructor(
    readonly process: ProcessFile,
    private readonly options: CaseOptions = {},
  ) {
    this.answers = { ...(options.assume ?? {}) };
    this.tree = buildStateTree(process.machine);
    const base = createProcessMachine(process, (name) => this.answer(name), this.budget.tick);
    const clock = this.clock;
    const actors: Record<string, ServiceLogic> = {};
    for (const name of Object.keys(process.services ?? {})) {
      actors[name] = this.serviceLogic(name, clock);
    }
    this.machine = withLoopGuard(base.provide({ actors }));
    this.actor = createActor(this.machine, {
      clock,
      inspect: (inspection) => {
        // The case's own microsteps (not its services'), from the very first: the initial
        // microsteps happen inside createActor, before this.actor is assigned.
        const own = this.actor === undefined || inspection.actorRef === this.actor;
        if (
          inspection.type === '@xstate.microstep' &&
          own &&
          !(inspection.actorRef as { _parent?: unknown })._parent
        ) {
          for (const path of allPaths(
            leafPaths((inspection.snapshot as unknown as { value: StateValue }).value),
          ))
            this.visited.add(path);
        }
      },
    });
    this.actor.subscribe({ error: (error) => (this.error = error) });
    // The microsteps of the start (an "always" passed through at once) are not inspected: replay them.
    try {
      for (const [snapshot] of getInitialMicrosteps(this.machine))
        for (const path of allPaths(leafPaths(snapshot.value as StateValue)))
          this.visited.add(path);
    } catch {
      // The start itself fails (an endless loop): the actor reports it below.
    }
    this.budget.reset();
    this.actor.start();
    for (const path of allPaths(this.leaves())) this.visited.add(path);
  }

  private serviceLogic(name: string, clock: VirtualClock): ServiceLogic {
    const tree = this.tree;
    const outcome = () => this.answers[name] !== false;
    return {
      config: undefined,
      transition: (snapshot: ServiceSnapshot, event: { type: string }): ServiceSnapshot => {
        if (snapshot.status !== 'active') return snapshot;
        if (event.type === 'plumb.service.done')
          return { ...snapshot, status: 'done', output: undefined };
        if (event.type === 'plumb.service.error')
          return { ...snapshot, status: 'error', error: new Error(`the service "${name}" failed`) };
        return snapshot;
      },
      getInitialSnapshot: (_scope: unknown, input: unknown): ServiceSnapshot => ({
        status: 'active',
        output: undefined,
        error: undefined,
        input,
      }),
      start: (_snapshot: ServiceSnapshot, { self }: { self: AnyActorRef }) => {
        const owner = (self as unknown as { _parent?: AnyActorRef })._parent;
        const statePath = owner ? ProcessCase.invokingState(tree, owner, self.id) : '';
        clock.setTimeout(
          () => self.send({ type: outcome() ? 'plumb.service.done' : 'plumb.service.error' }),
          serviceMs(tree, statePath),
        );
      },
      getPersistedSnapshot: (snapshot: ServiceSnapshot) => snapshot,
    } as unknown as ServiceLogic;
  }

  /** The state path whose invoke started the child with this id. */
  private static invokingState(tree: StateTree, owner: AnyActorRef, childId: string): string {
    const machine = (owner as unknown as { logic: AnyStateMachine }).logic;
    for (const node of tree.nodes) {
      const stateNode = node.path ? machine.getStateNodeById(node.id) : machine.root;
      if (stateNode.invoke.some((invoke) => invoke.id === childId)) return node.path;
    }
    return '';
  }

  private answer(name: string): boolean {
    if (Object.hasOwn(this.answers, name)) return this.answers[name];
    const asked = this.options.ask?.(name);
    if (asked !== undefined) return asked;
    this.unanswered.add(name);
    return false;
  }

  /** The answer this case has for a guard, if one was given. */
  answerOf(name: string): boolean | undefined {
    return Object.hasOwn(this.answers, name) ? this.answers[name] : undefined;
  }

  /** Changes guard answers from here on. */
  assume(answers: Record<string, boolean>): void {
    Object.assign(this.answers, answers);
  }

  snapshot() {
    return this.actor.getSnapshot();
  }

  /** The active leaf state paths. */
  leaves(): string[] {
    return leafPaths(this.snapshot().value as StateValue);
  }

  status(): 'active' | 'done' | 'error' | 'stopped' {
    return this.error ? 'error' : this.snapshot().status;
  }

  /** Whether the case's current configuration has a transition for this event (guards answered). */
  handles(event: CaseEvent): boolean {
    const snapshot = this.snapshot();
    if (snapshot.status !== 'active') return false;
    return this.machine.getTransitionData(snapshot, event as never).length > 0;
  }

  /** Sends an event; an event nobody handles is recorded as dropped, never silently. */
  send(event: CaseEvent): TimelineEntry {
    const from = this.leaves();
    this.budget.reset();
    const handled = this.handles(event);
    if (handled) this.actor.send(event);
    const to = this.leaves();
    const entry: TimelineEntry = { at: this.clock.now(), event: event.type, from, to, handled };
    const role = this.roleAt(from);
    if (role) entry.role = role;
    if (!handled) {
      entry.message =
        this.snapshot().status === 'done'
          ? `${event.type} arrived after the case was finished (${from.join(', ')})`
          : this.hasTransitionFor(from, event.type)
            ? `${event.type} is dropped in ${from.join(', ')}: every transition for it depends on a question, and the answers were no`
            : `nobody handles ${event.type} in ${from.join(', ')}`;
    }
    this.timeline.push(entry);
    return entry;
  }

  /** Moves the clock on, firing `after` timers and settling services on the way. */
  wait(ms: number): TimelineEntry[] {
    const recorded: TimelineEntry[] = [];
    const end = this.clock.now() + ms;
    this.clockStopped = undefined;
    for (let fired = 0; ; fired++) {
      if (fired >= MAX_TIMERS_PER_WAIT) {
        this.clockStopped = `the clock stopped after ${MAX_TIMERS_PER_WAIT} timers in one wait, at ${this.clock.now()} ms of ${end} ms: a timer that keeps restarting itself`;
        return recorded;
      }
      const due = this.clock.nextDue();
      if (due === undefined || due > end || this.snapshot().status !== 'active') break;
      const from = this.leaves();
      this.budget.reset();
      this.clock.advance(due - this.clock.now(), 1);
      const to = this.leaves();
      if (from.join() !== to.join()) {
        const entry: TimelineEntry = {
          at: this.clock.now(),
          event: 'time passes',
          from,
          to,
          handled: true,
        };
        const role = this.roleAt(from);
        if (role) entry.role = role;
        this.timeline.push(entry);
        recorded.push(entry);
      }
    }
    if (this.clock.now() < end) this.clock.advance(end - this.clock.now(), 0);
    return recorded;
  }

  /** Whether some active state has a transition for the event, whatever its guard answers. */
  private hasTransitionFor(leaves: string[], eventType: string): boolean {
    for (const leaf of leaves)
      for (let node = this.tree.byPath.get(leaf) ?? null; node; node = node.parent)
        for (const descriptor of node.onEvents)
          if (descriptorMatches(descriptor, eventType)) return true;
    return false;
  }

  private roleAt(leaves: string[]): string | undefined {
    for (const leaf of leaves) {
      for (let node = this.tree.byPath.get(leaf); node; node = node.parent ?? undefined) {
        const role = node.config.meta?.role;
        if (typeof role === 'string') return role;
      }
    }
    return undefined;
  }

  /** What went wrong inside XState, if anything. */
  failure(): unknown {
    return this.error;
  }

  stop(): void {
    this.actor.stop();
  }
}
