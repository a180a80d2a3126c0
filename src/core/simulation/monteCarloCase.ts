// One Monte Carlo case on an engine: a virtual clock in minutes, durations drawn per state, the
// next move chosen by weight (or an exception, a timer, a service), every minute booked to the
// active states' roles. Ends finished, or stuck with the reason and the path the case took.

import type { Effect, Engine, StepResult } from './engine';
import type { ChoiceEvent, ConfigInfo, LeafChoice, ProcessModel } from './monteCarloModel';
import {
  dropped,
  isLoop,
  noWayOn,
  type Stuck,
  serviceFailed,
  stepHorizon,
  thrown,
  timeHorizon,
} from './monteCarloStuck';
import type { HashOracle } from './oracle';
import { drawDuration } from './random';

export interface CaseOutcome {
  /** The final state paths joined by ", " when the case finished. */
  final?: string;
  stuck?: Stuck;
  /** The case's clock when it ended, in minutes. */
  minutes: number;
  handoffs: number;
  /** The configurations the case went through, as labels. */
  path: string[];
}

interface Timer {
  id: string;
  event: string;
  due: number;
}

interface Service {
  id: string;
  due: number;
  ok: boolean;
  node: number;
  src: string;
}

type Move =
  | { kind: 'event'; type: string; exception: boolean; actors: number[]; time: number }
  | { kind: 'timer'; timer: Timer; time: number }
  | { kind: 'service'; service: Service; time: number };

const MINUTE_MS = 60_000;

export class CaseRunner {
  /** Minutes per role index in the last case; its total and non-value-added minutes. */
  readonly roleMinutes: Float64Array;
  totalMinutes = 0;
  nonValueAddedMinutes = 0;
  /** Steps the last case took. */
  steps = 0;
  private readonly readyAt: Float64Array;
  private readonly timers = new Map<string, Timer>();
  private services: Service[] = [];
  private readonly spawned: string[] = [];
  /**
   * Endless `always` loops met so far, by configuration and event: such a loop runs to the
   * microstep limit every time (a guarded loop that reached the limit once has a guard that all
   * but always says yes), so it is run once, not once per case.
   */
  private readonly loops = new Map<string, { stuck: Stuck; path: string }>();
  private now = 0;

  constructor(
    private readonly model: ProcessModel,
    private readonly engine: Engine,
    private readonly oracle: HashOracle,
    private readonly random: () => number,
    private readonly maxSteps: number,
    private readonly maxMinutes: number,
  ) {
    this.roleMinutes = new Float64Array(model.roles.length);
    this.readyAt = new Float64Array(model.tree.nodes.length);
  }

  run(): CaseOutcome {
    this.roleMinutes.fill(0);
    this.totalMinutes = 0;
    this.nonValueAddedMinutes = 0;
    this.timers.clear();
    this.services = [];
    this.now = 0;
    let handoffs = 0;
    const path: string[] = [];
    this.steps = 0;
    const end = (fields: { final?: string; stuck?: Stuck }): CaseOutcome => ({
      ...fields,
      minutes: this.now,
      handoffs,
      path,
    });
    this.seedStep();
    const startLoop = this.loops.get('');
    if (startLoop) {
      path.push(startLoop.path);
      return end({ stuck: startLoop.stuck });
    }
    let result = this.engine.start();
    let leaves = this.engine.leaves();
    let info = this.model.config(leaves);
    path.push(info.label);
    if (result.status === 'error') {
      const stuck = thrown(result.error, info.label);
      if (isLoop(result.error)) this.loops.set('', { stuck, path: info.label });
      return end({ stuck });
    }
    this.apply(result.effects);
    this.draw(leaves, [], []);
    for (let steps = 0; ; steps++, this.steps = steps) {
      if (result.status === 'done') return end({ final: info.label });
      if (steps >= this.maxSteps)
        return end({ stuck: stepHorizon(this.maxSteps, this.now, info.label) });
      const move = this.choose(info);
      if (!move) return end({ stuck: noWayOn(info.label) });
      if (move.time > this.maxMinutes) {
        this.book(leaves, this.maxMinutes - this.now);
        this.now = this.maxMinutes;
        return end({ stuck: timeHorizon(this.maxMinutes, steps, info.label) });
      }
      this.book(leaves, move.time - this.now);
      this.now = move.time;
      this.seedStep();
      const loopKey = `${info.label}\u0000${eventOf(move)}`;
      const knownLoop = this.loops.get(loopKey);
      if (knownLoop) return end({ stuck: knownLoop.stuck });
      try {
        result = this.send(move);
      } catch (error) {
        const stuck = thrown(error, info.label);
        if (isLoop(error)) this.loops.set(loopKey, { stuck, path: info.label });
        return end({ stuck });
      }
      if (move.kind === 'event' && !result.handled)
        return end({ stuck: dropped(move.type, move.exception, info.label) });
      if (result.status === 'error')
        return end({
          stuck:
            move.kind === 'service'
              ? serviceFailed(move.service.src, info.label)
              : thrown(result.error, info.label),
        });
      this.apply(result.effects);
      const before = leaves;
      leaves = this.engine.leaves();
      if (leaves !== before) {
        info = this.model.config(leaves);
        if (info.label !== path[path.length - 1]) path.push(info.label);
        handoffs += this.handoffs(before, leaves);
      }
      this.draw(leaves, before, this.actors(move, before));
    }
  }

  private seedStep(): void {
    this.oracle.seed = (this.random() * 4294967296) >>> 0;
  }

  private send(move: Move): StepResult {
    if (move.kind === 'event') return this.engine.send({ type: move.type });
    if (move.kind === 'timer') {
      this.timers.delete(move.timer.id);
      return this.engine.send({ type: move.timer.event });
    }
    this.services = this.services.filter((s) => s !== move.service);
    const { id, ok, src } = move.service;
    return this.engine.send(
      ok
        ? { type: `xstate.done.actor.${id}`, output: undefined, actorId: id }
        : { type: `xstate.error.actor.${id}`, error: `the service "${src}" failed`, actorId: id },
    );
  }

  /**
   * The next move. The active leaves take turns by the time their work is done: each draws one of
   * its events by weight, or chooses to wait for its own timer or service (then it steps aside
   * until that fires). A timer or service due before the event comes first. Then each exception
   * in scope may happen instead, at the same moment.
   */
  private choose(info: ConfigInfo): Move | null {
    let move: Move | null = null;
    const order = info.choices
      .filter((choice) => this.readyAt[choice.leaf] !== Number.POSITIVE_INFINITY)
      .sort((a, b) => this.readyAt[a.leaf] - this.readyAt[b.leaf] || a.leaf - b.leaf);
    for (const choice of order) {
      const event = this.pick(choice);
      if (event) {
        const time = Math.max(this.now, this.readyAt[choice.leaf]);
        move = { kind: 'event', type: event.type, exception: false, actors: event.handlers, time };
        break;
      }
      this.readyAt[choice.leaf] = Number.POSITIVE_INFINITY;
    }
    const auto = this.nextAutomatic();
    if (!move || (auto && auto.time < move.time)) move = auto;
    for (const exception of info.exceptions) {
      if (this.random() < exception.probability)
        return {
          kind: 'event',
          type: exception.name,
          exception: true,
          actors: exception.handlers,
          time: move ? move.time : this.now,
        };
    }
    return move;
  }

  /**
   * One leaf's draw: an event by its `meta.probability`, the events without one sharing what is
   * left; when all have one and they sum below 1, the rest is the chance to wait for the leaf's
   * own timer or service (while a service runs, events without a probability wait too).
   */
  private pick(choice: LeafChoice): ChoiceEvent | null {
    const rest = Math.max(0, 1 - choice.explicitWeight);
    let each = 0;
    let wait = 0;
    if (this.ownService(choice.leaf)) wait = rest;
    else if (choice.unweighted > 0) each = rest / choice.unweighted;
    else if (this.ownTimer(choice.leaf)) wait = rest;
    const total = choice.explicitWeight + each * choice.unweighted + wait;
    if (total <= 0) return null;
    let u = this.random() * total;
    let last: ChoiceEvent | null = null;
    for (const event of choice.events) {
      const weight = event.weight ?? each;
      if (weight <= 0) continue;
      if (u < weight) return event;
      u -= weight;
      last = event;
    }
    // What is left is the chance to wait; without one, rounding must not make the case wait.
    return wait > 0 ? null : last;
  }

  private ownTimer(leaf: number): boolean {
    for (const timer of this.timers.values()) {
      const owner = this.model.timerOwner(timer.id);
      if (owner === undefined || this.model.inside(leaf, owner)) return true;
    }
    return false;
  }

  private ownService(leaf: number): boolean {
    return this.services.some((service) => this.model.inside(leaf, service.node));
  }

  /** The timer or service due first (ties: timers first, then by id). */
  private nextAutomatic(): Move | null {
    let best: Move | null = null;
    let bestId = '';
    for (const timer of this.timers.values()) {
      if (!best || timer.due < best.time || (timer.due === best.time && timer.id < bestId)) {
        best = { kind: 'timer', timer, time: Math.max(this.now, timer.due) };
        bestId = timer.id;
      }
    }
    for (const service of this.services) {
      if (!best || service.due < best.time) {
        best = { kind: 'service', service, time: Math.max(this.now, service.due) };
        bestId = service.id;
      } else if (service.due === best.time && best.kind === 'service' && service.id < bestId) {
        best = { kind: 'service', service, time: Math.max(this.now, service.due) };
        bestId = service.id;
      }
    }
    return best;
  }

  private apply(effects: Effect[]): void {
    this.spawned.length = 0;
    for (const effect of effects) {
      if (effect.kind === 'timer')
        this.timers.set(effect.id, {
          id: effect.id,
          event: effect.event,
          due: this.now + effect.delayMs / MINUTE_MS,
        });
      else if (effect.kind === 'cancel') this.timers.delete(effect.id);
      else {
        this.services = this.services.filter((s) => s.id !== effect.id);
        const at = this.spawned.indexOf(effect.id);
        if (effect.kind === 'spawn' && at < 0) this.spawned.push(effect.id);
        if (effect.kind === 'stop' && at >= 0) this.spawned.splice(at, 1);
      }
    }
  }

  /** The leaves that did the work of a move: their durations start again. */
  private actors(move: Move, before: readonly number[]): number[] {
    if (move.kind === 'event') return move.actors;
    const owner = move.kind === 'timer' ? this.model.timerOwner(move.timer.id) : move.service.node;
    if (owner === undefined) return [];
    return before.filter((leaf) => this.model.inside(leaf, owner));
  }

  /** Draws durations for leaves just entered or that just acted, then for services just started. */
  private draw(leaves: readonly number[], before: readonly number[], actors: number[]): void {
    const drawnNodes: number[] = [];
    const drawnMinutes: number[] = [];
    for (const leaf of leaves) {
      if (before.includes(leaf) && !actors.includes(leaf)) continue;
      const minutes = drawDuration(this.model.durations[leaf], this.random);
      this.readyAt[leaf] = this.now + minutes;
      drawnNodes.push(leaf);
      drawnMinutes.push(minutes);
    }
    if (this.spawned.length === 0) return;
    for (const id of [...this.spawned].sort()) {
      const owner = this.model.serviceOwner(id, leaves);
      if (!owner) continue;
      const at = drawnNodes.indexOf(owner.node);
      const minutes =
        at >= 0 ? drawnMinutes[at] : drawDuration(this.model.durations[owner.node], this.random);
      const ok = this.random() >= owner.failureProbability;
      this.services.push({ id, due: this.now + minutes, ok, node: owner.node, src: owner.src });
    }
  }

  /** Books `minutes` to every active leaf: its role, and whether it adds value. */
  private book(leaves: readonly number[], minutes: number): void {
    if (minutes <= 0) return;
    const { roleIndex, valueAdded, isFinal } = this.model;
    for (const leaf of leaves) {
      if (isFinal[leaf]) continue;
      const role = roleIndex[leaf];
      if (role >= 0) this.roleMinutes[role] += minutes;
      this.totalMinutes += minutes;
      if (valueAdded[leaf] === 0) this.nonValueAddedMinutes += minutes;
    }
  }

  /** Leaves entered whose role differs from every role of the leaves left (both with a role). */
  private handoffs(before: readonly number[], after: readonly number[]): number {
    const { roleIndex } = this.model;
    const leftRoles: number[] = [];
    for (const leaf of before)
      if (!after.includes(leaf) && roleIndex[leaf] >= 0) leftRoles.push(roleIndex[leaf]);
    if (leftRoles.length === 0) return 0;
    let count = 0;
    for (const leaf of after) {
      const role = roleIndex[leaf];
      if (!before.includes(leaf) && role >= 0 && !leftRoles.includes(role)) count++;
    }
    return count;
  }
}

function eventOf(move: Move): string {
  if (move.kind === 'event') return move.type;
  if (move.kind === 'timer') return move.timer.event;
  return `${move.service.ok ? 'done' : 'error'}:${move.service.id}`;
}
