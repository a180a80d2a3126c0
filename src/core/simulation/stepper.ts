// The fast stepper: XState v5's macrostep and microstep algorithm (xstate/src/stateUtils.ts) on a
// compiled machine, without snapshots, actors or action objects. It keeps the active state nodes
// in XState's own insertion order, because that order decides which parallel region is asked
// first, and so which guard answers what. `test/simulation/stepper.property.test.ts` shows it
// agrees with XState at every step on generated machines.

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
import { MAX_MICROSTEPS } from './machine';
import {
  type CNode,
  type CompiledMachine,
  type CTransition,
  candidatesOf,
  compileMachine,
} from './stepperCompile';
import {
  computeEntrySet,
  computeExitSet,
  isDescendant,
  isInFinalState,
  properAncestors,
  removeConflictingTransitions,
} from './stepperSets';

type Value = string | { [key: string]: Value };
type History = Record<string, CNode[]>;

interface SavedCase extends EngineState {
  nodes: CNode[];
  history: History;
  children: string[];
  status: CaseStatus;
  error: unknown;
  value: Value;
  leaves: number[];
}

export class Stepper implements Engine {
  readonly kind = 'fast' as const;
  private readonly machine: CompiledMachine;
  private readonly implemented: Set<string>;
  private nodes = new Set<CNode>();
  private history: History = {};
  private children: string[] = [];
  private status: CaseStatus = 'active';
  private error: unknown;
  private queue: string[] = [];
  private effects: Effect[] = [];
  private changed = false;
  private value: Value | null = null;
  private leafCache: number[] | null = null;

  constructor(
    process: ProcessFile,
    tree: StateTree,
    private readonly oracle: GuardOracle,
    private readonly maxMicrosteps = MAX_MICROSTEPS,
  ) {
    this.machine = compileMachine(process, tree);
    this.implemented = new Set(Object.keys(process.conditions ?? {}));
  }

  start(): StepResult {
    const root = this.machine.root;
    this.nodes = new Set([root]);
    this.history = {};
    this.children = [];
    this.status = 'active';
    this.error = undefined;
    this.queue = [];
    this.effects = [];
    this.touch();
    this.oracle.reset();
    try {
      const targets = [...initialStateNodes(root)];
      this.microstep([{ source: root, target: targets, reenter: true, eventType: '' }], true);
      this.loop(true);
    } catch (error) {
      this.nodes = new Set([root]);
      this.touch();
      this.status = 'error';
      this.error = error;
    }
    return this.result(true);
  }

  send(event: EngineEvent): StepResult {
    this.effects = [];
    this.queue = [];
    this.oracle.reset();
    const transitions = this.select(event.type);
    if (event.type.startsWith('xstate.error.actor') && transitions.length === 0) {
      this.stopChildren();
      this.status = 'error';
      this.error = event.error;
      return this.result(false);
    }
    this.microstep(transitions, false);
    this.loop(true);
    return this.result(transitions.length > 0);
  }

  /** The leaves of the snapshot value (a node outside the value, which xstate can leave behind, is not one). */
  leaves(): readonly number[] {
    if (!this.leafCache) {
      const out: number[] = [];
      const adj = adjacency(this.nodes);
      for (const kid of adj.get(this.machine.root) ?? []) leafIndices(kid, adj, out);
      this.leafCache = out.sort((a, b) => a - b);
    }
    return this.leafCache;
  }

  activeIds(): string[] {
    return [...this.nodes].map((node) => node.id);
  }

  save(): EngineState {
    // History is replaced, never changed in place; the node set and children are copied.
    const saved: SavedCase = {
      engine: 'fast',
      nodes: [...this.nodes],
      history: this.history,
      children: [...this.children],
      status: this.status,
      error: this.error,
      value: this.value ?? snapshotValue(this.machine.root, adjacency(this.nodes)),
      leaves: [...this.leaves()],
    };
    return saved;
  }

  restore(state: EngineState): void {
    const saved = state as SavedCase;
    this.nodes = new Set(saved.nodes);
    this.history = saved.history;
    this.children = [...saved.children];
    this.status = saved.status;
    this.error = saved.error;
    this.queue = [];
    this.effects = [];
    // The value and leaves follow from the nodes: keep them rather than work them out again.
    this.value = saved.value;
    this.leafCache = saved.leaves;
  }

  private result(handled: boolean): StepResult {
    const out: StepResult = { handled, status: this.status, effects: this.effects };
    if (this.status === 'error') out.error = this.error;
    return out;
  }

  private touch(): void {
    this.value = null;
    this.leafCache = null;
  }

  /** The eventless and internal-queue part of xstate's macrostep. */
  private loop(selectEventless: boolean): void {
    let iterations = 0;
    while (this.status === 'active') {
      iterations++;
      if (iterations > this.maxMicrosteps)
        throw new Error(
          `Infinite loop detected: the machine has processed more than ${this.maxMicrosteps} microsteps without reaching a stable state.`,
        );
      let enabled = selectEventless ? this.selectEventless() : [];
      const fromEventless = enabled.length > 0;
      if (!fromEventless) {
        const next = this.queue.shift();
        if (next === undefined) break;
        enabled = this.select(next);
      }
      const changed = this.microstep(enabled, false);
      selectEventless = fromEventless ? changed : true;
    }
    if (this.status !== 'active') this.stopChildren();
  }

  private stopChildren(): void {
    for (const id of this.children) this.effects.push({ kind: 'stop', id });
    this.children = [];
  }

  private guardPasses(t: CTransition): boolean {
    const guard = t.guard;
    if (!guard) return true;
    if (!this.implemented.has(guard.name))
      throw new Error(
        `Unable to evaluate guard '${guard.name}' in transition for event '${t.eventType}' in state node '${t.source.id}':\nGuard '${guard.name}' is not implemented.`,
      );
    return this.oracle.answer(guard.name, guard.params);
  }

  private next(node: CNode, eventType: string): CTransition[] | undefined {
    for (const candidate of candidatesOf(node, eventType))
      if (this.guardPasses(candidate)) return [candidate];
    return undefined;
  }

  /** xstate's getTransitionData: transitionNode over the snapshot value. */
  private select(eventType: string): CTransition[] {
    this.value ??= snapshotValue(this.machine.root, adjacency(this.nodes));
    return this.transitionNode(this.machine.root, this.value, eventType) ?? [];
  }

  private transitionNode(node: CNode, value: Value, eventType: string): CTransition[] | undefined {
    if (typeof value === 'string') {
      const child = node.states.get(value) as CNode;
      const next = this.next(child, eventType);
      return next?.length ? next : this.next(node, eventType);
    }
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const child = node.states.get(keys[0]) as CNode;
      const next = this.transitionNode(child, value[keys[0]], eventType);
      return next?.length ? next : this.next(node, eventType);
    }
    const all: CTransition[] = [];
    for (const key of keys) {
      const sub = value[key];
      if (!sub) continue;
      const inner = this.transitionNode(node.states.get(key) as CNode, sub, eventType);
      if (inner) all.push(...inner);
    }
    return all.length ? all : this.next(node, eventType);
  }

  private selectEventless(): CTransition[] {
    const enabled = new Set<CTransition>();
    for (const atomic of this.nodes) {
      if (!atomic.atomic || !atomic.alwaysInChain) continue;
      loop: for (const s of [atomic, ...properAncestors(atomic, null)]) {
        if (!s.always) continue;
        for (const t of s.always) {
          if (this.guardPasses(t)) {
            enabled.add(t);
            break loop;
          }
        }
      }
    }
    if (enabled.size === 0) return [];
    return removeConflictingTransitions([...enabled], this.nodes, this.history);
  }

  /** xstate's microstep; returns whether the snapshot changed. */
  private microstep(transitions: CTransition[], isInitial: boolean): boolean {
    if (transitions.length === 0) return false;
    const before = [...this.nodes];
    const historyBefore = this.history;
    this.changed = false;
    const filtered = removeConflictingTransitions(transitions, this.nodes, this.history);
    if (!isInitial) this.exitStates(filtered);
    this.enterStates(filtered);
    let after = [...this.nodes];
    if (this.status === 'done') {
      // xstate sorts the new node list in place here, for the exit actions.
      after = after.sort((a, b) => b.order - a.order);
      for (const node of after)
        for (const timer of node.timers) this.effects.push({ kind: 'cancel', id: timer.id });
    }
    const same =
      historyBefore === this.history &&
      before.length === after.length &&
      before.every((node) => this.nodes.has(node));
    // An unchanged set of nodes keeps the snapshot's old node list, and so its old order.
    this.nodes = new Set(same ? before : after);
    this.touch();
    return !same || this.changed;
  }

  private exitStates(transitions: CTransition[]): void {
    const toExit = computeExitSet(transitions, this.nodes, this.history).sort(
      (a, b) => b.order - a.order,
    );
    let changedHistory: History | undefined;
    for (const exiting of toExit) {
      for (const historyNode of exiting.historyNodes) {
        const deep = historyNode.history === 'deep';
        changedHistory ??= { ...this.history };
        changedHistory[historyNode.id] = [...this.nodes].filter((sn) =>
          deep ? sn.atomic && isDescendant(sn, exiting) : sn.parent === exiting,
        );
      }
    }
    for (const exiting of toExit) {
      for (const timer of exiting.timers) this.effects.push({ kind: 'cancel', id: timer.id });
      for (const id of exiting.invokeIds) {
        this.effects.push({ kind: 'stop', id });
        const at = this.children.indexOf(id);
        if (at >= 0) this.children.splice(at, 1);
        this.changed = true;
      }
      this.nodes.delete(exiting);
    }
    if (changedHistory) this.history = changedHistory;
  }

  private enterStates(transitions: CTransition[]): void {
    const toEnter = new Set<CNode>();
    computeEntrySet(transitions, this.history, toEnter);
    const completed = new Set<CNode>();
    for (const entering of [...toEnter].sort((a, b) => a.order - b.order)) {
      this.nodes.add(entering);
      for (const timer of entering.timers) {
        if (timer.delay === undefined) this.queue.push(timer.event);
        else
          this.effects.push({
            kind: 'timer',
            id: timer.id,
            event: timer.event,
            delayMs: timer.delay,
          });
      }
      for (const id of entering.invokeIds) {
        this.effects.push({ kind: 'spawn', id });
        if (!this.children.includes(id)) this.children.push(id);
        this.changed = true;
      }
      if (entering.type !== 'final') continue;
      const parent = entering.parent;
      let marker = parent?.type === 'parallel' ? parent : parent?.parent;
      if (parent?.type === 'compound') this.queue.push(`xstate.done.state.${parent.id}`);
      while (
        marker?.type === 'parallel' &&
        !completed.has(marker) &&
        isInFinalState(this.nodes, marker)
      ) {
        completed.add(marker);
        this.queue.push(`xstate.done.state.${marker.id}`);
        marker = marker.parent;
      }
      if (marker) continue;
      this.status = 'done';
      this.changed = true;
    }
  }
}

/** xstate's getInitialStateNodes. */
function initialStateNodes(node: CNode): Set<CNode> {
  const set = new Set<CNode>();
  const visit = (n: CNode) => {
    if (set.has(n)) return;
    set.add(n);
    if (n.type === 'compound' && n.initial) visit(n.initial);
    else if (n.type === 'parallel') for (const child of n.children) visit(child);
  };
  visit(node);
  return set;
}

/** Children of each active node, in the order they appear among the active nodes. */
function adjacency(nodes: Set<CNode>): Map<CNode, CNode[]> {
  const adj = new Map<CNode, CNode[]>();
  for (const s of nodes) {
    if (!adj.has(s)) adj.set(s, []);
    if (s.parent) {
      let list = adj.get(s.parent);
      if (!list) {
        list = [];
        adj.set(s.parent, list);
      }
      list.push(s);
    }
  }
  return adj;
}

/** The leaves getValueFromAdj reaches from `base`, as tree indices. */
function leafIndices(base: CNode, adj: Map<CNode, CNode[]>, out: number[]): void {
  const kids = adj.get(base);
  if (!kids || kids.length === 0) out.push(base.treeIndex);
  else if (base.type === 'compound' && kids[0].atomic) out.push(kids[0].treeIndex);
  else for (const kid of kids) leafIndices(kid, adj, out);
}

/** xstate's getValueFromAdj: the snapshot value, with JavaScript's own key order. */
function snapshotValue(base: CNode, adj: Map<CNode, CNode[]>): Value {
  const kids = adj.get(base);
  if (!kids) return {};
  if (base.type === 'compound') {
    const first = kids[0];
    if (!first) return {};
    if (first.atomic) return first.key;
  }
  const value: { [key: string]: Value } = {};
  for (const kid of kids) value[kid.key] = snapshotValue(kid, adj);
  return value;
}
