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
  removeConflictingTransitions,
  transitionDomain,
} from './stepperSets';

type History = Record<string, CNode[]>;

/**
 * XState's snapshot value, compiled: a node whose value is a string (a compound whose first active
 * child is atomic) has `atom`, any other has `kids`, in the order JavaScript gives the keys of the
 * value object (array-index keys first, ascending, then the others in insertion order).
 */
interface Value {
  node: CNode;
  atom: CNode | null;
  kids: Value[];
}

const NO_KIDS: Value[] = [];
const NO_TRANSITIONS: CTransition[] = [];
/** The effects of a step that has none: shared, never changed. */
const NO_EFFECTS: Effect[] = [];

/**
 * A saved case. The node list and the children list are shared with the stepper, never changed in
 * place: a microstep builds a new list, and the children are copied before a change.
 */
interface SavedCase extends EngineState {
  nodes: readonly CNode[];
  history: History;
  children: string[];
  status: CaseStatus;
  error: unknown;
  value: Value;
  leaves: readonly number[];
}

export class Stepper implements Engine {
  readonly kind = 'fast' as const;
  private readonly machine: CompiledMachine;
  private readonly implemented: Set<string>;
  /**
   * The active nodes in xstate's order (a set: each node once). Never changed in place once a
   * microstep is over (saved cases share it).
   */
  private nodes: readonly CNode[] = [];
  private history: History = {};
  private children: string[] = [];
  /** Whether `children` is this stepper's own (false: shared with a saved case, copy first). */
  private ownChildren = true;
  /** Whether any node has `always` transitions: without, no step looks for eventless ones. */
  private readonly hasAlways: boolean;
  /** Whether the machine has history nodes: without, what a transition enters never changes. */
  private readonly hasHistory: boolean;
  /** Whether a state's key is an array index (JavaScript puts those first among a value's keys). */
  private readonly indexKeys: boolean;
  /** Marks the nodes of the adjacency being built (see `adjacency`). */
  private epoch = 0;
  /** Marks the active nodes during a microstep (see `microstep`). */
  private memberEpoch = 0;
  private status: CaseStatus = 'active';
  private error: unknown;
  private queue: string[] = [];
  private effects: Effect[] = NO_EFFECTS;
  private changed = false;
  private value: Value | null = null;
  private leafCache: readonly number[] | null = null;

  constructor(
    process: ProcessFile,
    tree: StateTree,
    private readonly oracle: GuardOracle,
    private readonly maxMicrosteps = MAX_MICROSTEPS,
  ) {
    this.machine = compileMachine(process, tree);
    this.implemented = new Set(Object.keys(process.conditions ?? {}));
    this.hasAlways = this.machine.nodes.some((node) => node.always !== null);
    this.hasHistory = this.machine.nodes.some((node) => node.type === 'history');
    this.indexKeys = this.machine.nodes.some((node) => node.indexKey);
  }

  start(): StepResult {
    const root = this.machine.root;
    this.nodes = [root];
    this.history = {};
    this.children = [];
    this.ownChildren = true;
    this.status = 'active';
    this.error = undefined;
    if (this.queue.length > 0) this.queue.length = 0;
    this.effects = NO_EFFECTS;
    this.touch();
    this.oracle.reset();
    try {
      const targets = [...initialStateNodes(root)];
      const initial: CTransition = {
        source: root,
        target: targets,
        reenter: true,
        eventType: '',
        historyTarget: targets.some((node) => node.type === 'history'),
        alone: [],
      };
      initial.alone.push(initial);
      this.microstep(initial.alone, true);
      this.loop(true);
    } catch (error) {
      this.nodes = [root];
      this.touch();
      this.status = 'error';
      this.error = error;
    }
    return this.result(true);
  }

  send(event: EngineEvent): StepResult {
    this.effects = NO_EFFECTS;
    if (this.queue.length > 0) this.queue.length = 0;
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
      const epoch = this.adjacency();
      const root = this.machine.root;
      if (root.stamp === epoch)
        for (let i = 0; i < root.kidCount; i++) leafIndices(root.kids[i], epoch, out);
      this.leafCache = sortNumbers(out);
    }
    return this.leafCache;
  }

  activeIds(): string[] {
    return this.nodes.map((node) => node.id);
  }

  save(): EngineState {
    // History is replaced, never changed in place, and so is the node set; the children are
    // copied before they change.
    this.ownChildren = false;
    const saved: SavedCase = {
      engine: 'fast',
      nodes: this.nodes,
      history: this.history,
      children: this.children,
      status: this.status,
      error: this.error,
      value: this.snapshotValue(),
      leaves: this.leaves(),
    };
    return saved;
  }

  restore(state: EngineState): void {
    const saved = state as SavedCase;
    this.nodes = saved.nodes;
    this.history = saved.history;
    this.children = saved.children;
    this.ownChildren = false;
    this.status = saved.status;
    this.error = saved.error;
    if (this.queue.length > 0) this.queue.length = 0;
    this.effects = NO_EFFECTS;
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

  /** Records an effect of the step (the list is allocated only when there is one). */
  private emit(effect: Effect): void {
    if (this.effects === NO_EFFECTS) this.effects = [];
    this.effects.push(effect);
  }

  private stopChildren(): void {
    for (const id of this.children) this.emit({ kind: 'stop', id });
    this.children = [];
    this.ownChildren = true;
  }

  /** The children list, to change in place. */
  private ownedChildren(): string[] {
    if (!this.ownChildren) {
      this.children = [...this.children];
      this.ownChildren = true;
    }
    return this.children;
  }

  /**
   * Builds the children of each active node, in the order they appear among the active nodes, in
   * the nodes' first `kidCount` `kids` (valid while their `stamp` is the epoch returned). A
   * node's parent gets a list even when the parent is not active, as xstate's getAdjList does.
   */
  private adjacency(): number {
    const epoch = ++this.epoch;
    for (const s of this.nodes) {
      if (s.stamp !== epoch) {
        s.stamp = epoch;
        s.kidCount = 0;
      }
      const parent = s.parent;
      if (parent) {
        if (parent.stamp !== epoch) {
          parent.stamp = epoch;
          parent.kidCount = 0;
        }
        parent.kids[parent.kidCount++] = s;
      }
    }
    return epoch;
  }

  private snapshotValue(): Value {
    if (!this.value) this.value = compiledValue(this.machine.root, this.adjacency());
    return this.value;
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
      if (this.guardPasses(candidate)) return candidate.alone;
    return undefined;
  }

  /** xstate's getTransitionData: transitionNode over the snapshot value. */
  private select(eventType: string): CTransition[] {
    // A value worked out already (a restored case's) is walked; otherwise the adjacency is, as
    // getValueFromAdj would build it, unless a key is an array index (then JavaScript reorders).
    if (this.value || this.indexKeys)
      return this.transitionNode(this.snapshotValue(), eventType) ?? NO_TRANSITIONS;
    const epoch = this.adjacency();
    return this.transitionAdjacent(this.machine.root, epoch, eventType) ?? NO_TRANSITIONS;
  }

  /** transitionNode over the value that compiledValue(node, epoch) would give, without building it. */
  private transitionAdjacent(
    node: CNode,
    epoch: number,
    eventType: string,
  ): CTransition[] | undefined {
    const count = node.stamp === epoch ? node.kidCount : 0;
    if (count === 0) return this.next(node, eventType);
    const kids = node.kids;
    if (node.type === 'compound' && kids[0].atomic)
      return this.next(kids[0], eventType) ?? this.next(node, eventType);
    if (count === 1)
      return this.transitionAdjacent(kids[0], epoch, eventType) ?? this.next(node, eventType);
    let all: CTransition[] | undefined;
    for (let i = 0; i < count; i++) {
      const kid = kids[i];
      // A string value that is empty is falsy: xstate skips it.
      if (
        kid.stamp === epoch &&
        kid.kidCount > 0 &&
        kid.type === 'compound' &&
        kid.kids[0].atomic &&
        kid.kids[0].key === ''
      )
        continue;
      const inner = this.transitionAdjacent(kid, epoch, eventType);
      if (inner) {
        all ??= [];
        for (const t of inner) all.push(t);
      }
    }
    return all ?? this.next(node, eventType);
  }

  private transitionNode(value: Value, eventType: string): CTransition[] | undefined {
    if (value.atom) return this.next(value.atom, eventType) ?? this.next(value.node, eventType);
    const kids = value.kids;
    if (kids.length === 1)
      return this.transitionNode(kids[0], eventType) ?? this.next(value.node, eventType);
    let all: CTransition[] | undefined;
    for (const kid of kids) {
      // A string value that is empty is falsy: xstate skips it.
      if (kid.atom && kid.atom.key === '') continue;
      const inner = this.transitionNode(kid, eventType);
      if (inner) {
        all ??= [];
        for (const t of inner) all.push(t);
      }
    }
    return all ?? this.next(value.node, eventType);
  }

  private selectEventless(): CTransition[] {
    if (!this.hasAlways) return NO_TRANSITIONS;
    let enabled: Set<CTransition> | undefined;
    for (const atomic of this.nodes) {
      if (!atomic.atomic || !atomic.alwaysInChain) continue;
      loop: for (let s: CNode | null = atomic; s; s = s.parent) {
        if (!s.always) continue;
        for (const t of s.always) {
          if (this.guardPasses(t)) {
            enabled ??= new Set();
            enabled.add(t);
            break loop;
          }
        }
      }
    }
    if (!enabled) return NO_TRANSITIONS;
    return removeConflictingTransitions([...enabled], this.nodes, this.history);
  }

  /**
   * xstate's microstep; returns whether the snapshot changed. xstate's node set is a list here:
   * deleting a node filters it out, adding one appends it unless it is there (`member` marks the
   * nodes in the list while the step runs).
   */
  private microstep(transitions: CTransition[], isInitial: boolean): boolean {
    if (transitions.length === 0) return false;
    const before = this.nodes;
    const historyBefore = this.history;
    this.changed = false;
    const filtered = removeConflictingTransitions(transitions, before, this.history);
    const toExit = isInitial ? NO_NODES : this.exitSet(filtered);
    const member = ++this.memberEpoch;
    for (const node of before) node.member = member;
    let toEnter: readonly CNode[];
    if (toExit.length > 0) {
      this.exitStates(toExit, member);
      // What the step enters, with the history its exits recorded.
      toEnter = this.entrySet(filtered);
    } else {
      toEnter = this.entrySet(filtered);
      // The list before may be a saved case's: a step that adds to it works on a copy.
      for (const node of toEnter)
        if (node.member !== member) {
          this.nodes = before.slice();
          break;
        }
    }
    this.enterStates(toEnter, member);
    const working = this.nodes;
    let after = working;
    if (this.status === 'done') {
      // xstate sorts the new node list in place here, for the exit actions.
      const sorted = deepestFirst(working.slice());
      for (const node of sorted) for (const timer of node.timers) this.emit(timer.cancel);
      after = sorted;
    }
    let same = historyBefore === this.history && before.length === working.length;
    if (same && working !== before)
      for (const node of before)
        if (node.member !== member) {
          same = false;
          break;
        }
    // An unchanged set of nodes keeps the snapshot's old node list, and so its old order.
    this.nodes = same ? before : after;
    this.touch();
    return !same || this.changed;
  }

  /** The nodes the transitions exit (xstate's computeExitSet), the deepest last in document order first. */
  private exitSet(transitions: CTransition[]): CNode[] {
    if (transitions.length !== 1)
      return deepestFirst(computeExitSet(transitions, this.nodes, this.history));
    const t = transitions[0];
    if (!t.target?.length) return NO_NODES;
    const domain = transitionDomain(t, this.history);
    const out: CNode[] = [];
    if (t.reenter && t.source === domain && domain) out.push(domain);
    for (const node of this.nodes) if (isDescendant(node, domain)) out.push(node);
    return deepestFirst(out);
  }

  /**
   * The nodes the transitions enter (xstate's computeEntrySet), in document order. Without history
   * nodes it depends on the transition alone: one transition keeps it.
   */
  private entrySet(transitions: CTransition[]): readonly CNode[] {
    if (transitions.length === 1 && !this.hasHistory) {
      const t = transitions[0];
      t.entry ??= entryInOrder(transitions, this.history);
      return t.entry;
    }
    return entryInOrder(transitions, this.history);
  }

  private exitStates(toExit: CNode[], member: number): void {
    let changedHistory: History | undefined;
    for (const exiting of toExit) {
      for (const historyNode of exiting.historyNodes) {
        const deep = historyNode.history === 'deep';
        changedHistory ??= { ...this.history };
        changedHistory[historyNode.id] = this.nodes.filter((sn) =>
          deep ? sn.atomic && isDescendant(sn, exiting) : sn.parent === exiting,
        );
      }
    }
    for (const exiting of toExit) {
      for (const timer of exiting.timers) this.emit(timer.cancel);
      for (let i = 0; i < exiting.invokeIds.length; i++) {
        this.emit(exiting.invokeEffects[i].stop);
        const at = this.children.indexOf(exiting.invokeIds[i]);
        if (at >= 0) this.ownedChildren().splice(at, 1);
        this.changed = true;
      }
      exiting.member = 0;
    }
    const kept: CNode[] = [];
    for (const node of this.nodes) if (node.member === member) kept.push(node);
    this.nodes = kept;
    if (changedHistory) this.history = changedHistory;
  }

  /** Adds the nodes to the list (a list of the step's own when one is not there yet). */
  private enterStates(toEnter: readonly CNode[], member: number): void {
    let completed: Set<CNode> | undefined;
    for (const entering of toEnter) {
      if (entering.member !== member) {
        entering.member = member;
        (this.nodes as CNode[]).push(entering);
      }
      for (const timer of entering.timers) {
        if (timer.start === null) this.queue.push(timer.event);
        else this.emit(timer.start);
      }
      for (let i = 0; i < entering.invokeIds.length; i++) {
        const id = entering.invokeIds[i];
        this.emit(entering.invokeEffects[i].spawn);
        if (!this.children.includes(id)) this.ownedChildren().push(id);
        this.changed = true;
      }
      if (entering.type !== 'final') continue;
      const parent = entering.parent;
      let marker = parent?.type === 'parallel' ? parent : parent?.parent;
      if (parent?.type === 'compound') this.queue.push(parent.doneEvent);
      while (
        marker?.type === 'parallel' &&
        !completed?.has(marker) &&
        isInFinalState(marker, member)
      ) {
        completed ??= new Set();
        completed.add(marker);
        this.queue.push(marker.doneEvent);
        marker = marker.parent;
      }
      if (marker) continue;
      this.status = 'done';
      this.changed = true;
    }
  }
}

const NO_NODES: CNode[] = [];

const byOrderDescending = (a: CNode, b: CNode) => b.order - a.order;
const ascending = (a: number, b: number) => a - b;

// Array.prototype.sort allocates scratch space on every call: short lists (most of them) are
// sorted in place by insertion instead. Orders and leaf indices are distinct, so any sort agrees.
const SHORT = 16;

/** Sorts the numbers ascending, in place. */
function sortNumbers(list: number[]): number[] {
  if (list.length > SHORT) return list.sort(ascending);
  for (let i = 1; i < list.length; i++) {
    const value = list[i];
    let j = i - 1;
    for (; j >= 0 && list[j] > value; j--) list[j + 1] = list[j];
    list[j + 1] = value;
  }
  return list;
}

/** Sorts the nodes by document order, the last first (deepest first), in place. */
function deepestFirst(list: CNode[]): CNode[] {
  if (list.length > SHORT) return list.sort(byOrderDescending);
  for (let i = 1; i < list.length; i++) {
    const node = list[i];
    let j = i - 1;
    for (; j >= 0 && list[j].order < node.order; j--) list[j + 1] = list[j];
    list[j + 1] = node;
  }
  return list;
}

/** xstate's isInFinalState, over the nodes marked `member`. */
function isInFinalState(node: CNode, member: number): boolean {
  if (node.type === 'compound')
    return node.children.some((s) => s.type === 'final' && s.member === member);
  if (node.type === 'parallel') return node.children.every((s) => isInFinalState(s, member));
  return node.type === 'final';
}

/** computeEntrySet's nodes in document order. */
function entryInOrder(transitions: CTransition[], history: History): CNode[] {
  const toEnter = new Set<CNode>();
  computeEntrySet(transitions, history, toEnter);
  return [...toEnter].sort((a, b) => a.order - b.order);
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

/** The leaves getValueFromAdj reaches from `base`, as tree indices (adjacency of `epoch`). */
function leafIndices(base: CNode, epoch: number, out: number[]): void {
  const kids = base.kids;
  if (base.stamp !== epoch || base.kidCount === 0) out.push(base.treeIndex);
  else if (base.type === 'compound' && kids[0].atomic) out.push(kids[0].treeIndex);
  else for (let i = 0; i < base.kidCount; i++) leafIndices(kids[i], epoch, out);
}

/** xstate's getValueFromAdj: the snapshot value (adjacency of `epoch`), compiled (see Value). */
function compiledValue(base: CNode, epoch: number): Value {
  const count = base.kidCount;
  if (base.stamp !== epoch || count === 0) return { node: base, atom: null, kids: NO_KIDS };
  const first = base.kids[0];
  if (base.type === 'compound' && first.atomic) return { node: base, atom: first, kids: NO_KIDS };
  let indexKeys = false;
  const kids: Value[] = [];
  for (let i = 0; i < count; i++) {
    const kid = base.kids[i];
    if (kid.indexKey) indexKeys = true;
    kids.push(compiledValue(kid, epoch));
  }
  if (indexKeys) {
    const index = kids.filter((kid) => kid.node.indexKey);
    index.sort((a, b) => Number(a.node.key) - Number(b.node.key));
    return {
      node: base,
      atom: null,
      kids: [...index, ...kids.filter((kid) => !kid.node.indexKey)],
    };
  }
  return { node: base, atom: null, kids };
}
