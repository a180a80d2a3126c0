// The interactive simulator the editor and the CLI share: one case stepped by a person, on the
// real XState actor and a virtual clock. Every step is kept, so a step back replays all but the last.

import { exceptionInScope, roleOf } from '../model/scope';
import { descriptorMatches, type StateNode } from '../model/tree';
import type { ProcessFile } from '../model/types';
import { type CaseEvent, ProcessCase, type TimelineEntry } from './case';

export type SessionStep =
  | { kind: 'send'; event: CaseEvent; answers?: Record<string, boolean> }
  | { kind: 'wait'; ms: number }
  | { kind: 'assume'; answers: Record<string, boolean> };

export interface AvailableEvent {
  type: string;
  description?: string;
  exception: boolean;
  /** Questions (guards) the transitions for this event depend on, with the answer known so far. */
  questions: { guard: string; question: string; answer?: boolean }[];
}

export interface SessionView {
  /** Active leaf state paths. */
  states: string[];
  status: 'active' | 'done' | 'error' | 'stopped';
  /** Milliseconds on the case's clock. */
  time: number;
  /** The role owning the case now, if any. */
  role?: string;
  /** Events the current configuration handles (exceptions left out). */
  events: AvailableEvent[];
  /** Exceptions that can happen here (their `when`), handled or not. */
  exceptions: AvailableEvent[];
  /** When the next `after` timer or service falls due, in ms from now. */
  nextTimerIn?: number;
  timeline: TimelineEntry[];
  canStepBack: boolean;
  /** Why the case stopped, when XState stopped it (an endless loop, a failure nobody handles). */
  error?: string;
  /** When the last advance stopped early: a timer that keeps restarting itself. */
  notice?: string;
}

export class SimulatorSession {
  private run: ProcessCase;
  private readonly steps: SessionStep[] = [];

  constructor(
    readonly process: ProcessFile,
    private readonly assumptions: Record<string, boolean> = {},
  ) {
    this.run = new ProcessCase(process, { assume: assumptions });
  }

  /**
   * Sends an event, with answers to its questions (they hold from then on, as an `assume` step
   * does); an event nobody handles is recorded as dropped.
   */
  send(event: CaseEvent | string, answers: Record<string, boolean> = {}): TimelineEntry {
    const evt = typeof event === 'string' ? { type: event } : event;
    const step: SessionStep = { kind: 'send', event: evt, answers };
    this.steps.push(step);
    return this.apply(step)[0];
  }

  /** Moves the virtual clock on, firing `after` timers and settling services that fall due. */
  advance(ms: number): TimelineEntry[] {
    const step: SessionStep = { kind: 'wait', ms };
    this.steps.push(step);
    return this.apply(step);
  }

  /** Moves the clock to the next timer, if any. */
  advanceToNextTimer(): TimelineEntry[] {
    const due = this.run.clock.nextDue();
    return due === undefined ? [] : this.advance(due - this.run.clock.now());
  }

  /** Changes guard answers from here on. */
  assume(answers: Record<string, boolean>): void {
    const step: SessionStep = { kind: 'assume', answers };
    this.steps.push(step);
    this.apply(step);
  }

  /** Undoes the last step; false when there is nothing to undo. */
  back(): boolean {
    if (this.steps.length === 0) return false;
    this.steps.pop();
    this.run.stop();
    this.run = new ProcessCase(this.process, { assume: this.assumptions });
    for (const step of this.steps) this.apply(step);
    return true;
  }

  /** Starts the case over. */
  restart(): void {
    this.steps.length = 0;
    this.run.stop();
    this.run = new ProcessCase(this.process, { assume: this.assumptions });
  }

  history(): readonly SessionStep[] {
    return this.steps;
  }

  private apply(step: SessionStep): TimelineEntry[] {
    if (step.kind === 'send') {
      if (step.answers && Object.keys(step.answers).length) this.run.assume(step.answers);
      return [this.run.send(step.event)];
    }
    if (step.kind === 'wait') return this.run.wait(step.ms);
    this.run.assume(step.answers);
    return [];
  }

  /** Everything the simulator panel shows. */
  view(): SessionView {
    const states = this.run.leaves();
    const leaves = states
      .map((path) => this.run.tree.byPath.get(path))
      .filter((n): n is StateNode => !!n);
    const active = new Set<StateNode>();
    for (const leaf of leaves) for (let n: StateNode | null = leaf; n; n = n.parent) active.add(n);
    const catalogue = this.process.events ?? {};
    const status = this.run.status();
    const events: AvailableEvent[] = [];
    const exceptions: AvailableEvent[] = [];
    if (status === 'active') {
      const descriptors = new Set<string>();
      for (const node of active) for (const d of node.onEvents) descriptors.add(d);
      const names = new Set<string>();
      for (const d of descriptors) if (!d.includes('*')) names.add(d);
      for (const name of Object.keys(catalogue))
        if ([...descriptors].some((d) => d.includes('*') && descriptorMatches(d, name)))
          names.add(name);
      for (const name of names) {
        if (name.startsWith('xstate.') || catalogue[name]?.exception) continue;
        events.push(this.describe(name, active));
      }
      for (const [name, def] of Object.entries(catalogue)) {
        if (!def.exception) continue;
        if (leaves.some((leaf) => exceptionInScope(this.run.tree, leaf, def.when)))
          exceptions.push(this.describe(name, active));
      }
    }
    const due = this.run.clock.nextDue();
    const role = leaves.map(roleOf).find((r) => r !== undefined);
    const view: SessionView = {
      states,
      status,
      time: this.run.clock.now(),
      events,
      exceptions,
      timeline: [...this.run.timeline],
      canStepBack: this.steps.length > 0,
    };
    if (role) view.role = role;
    const failure = this.run.failure();
    if (status === 'error' && failure !== undefined)
      view.error = failure instanceof Error ? failure.message.split('\n')[0] : String(failure);
    if (this.run.clockStopped) view.notice = this.run.clockStopped;
    if (due !== undefined && status === 'active') view.nextTimerIn = due - this.run.clock.now();
    return view;
  }

  private describe(name: string, active: Set<StateNode>): AvailableEvent {
    const def = this.process.events?.[name];
    const guards = new Set<string>();
    for (const node of active)
      for (const t of node.transitions)
        if (t.kind === 'on' && t.event !== undefined && t.guard && descriptorMatches(t.event, name))
          guards.add(t.guard);
    const questions = [...guards].map((guard) => {
      const q: AvailableEvent['questions'][number] = {
        guard,
        question: this.process.conditions?.[guard]?.question ?? guard,
      };
      const known = this.run.answerOf(guard);
      if (known !== undefined) q.answer = known;
      return q;
    });
    const out: AvailableEvent = { type: name, exception: def?.exception === true, questions };
    if (def?.description) out.description = def.description;
    return out;
  }
}
