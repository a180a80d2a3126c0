/**
 * Seeded generator of synthetic process files (DESIGN.md sections 1 and 7).
 *
 * `generateProcess({ states, seed })` returns a whole `*.process.json` object whose machine has
 * `states` state nodes in total (every node below the root: atomic, compound, parallel, final),
 * nested at most five levels deep (four, plus one for the region level inside a parallel
 * state). The machine uses compound and parallel states, final states, guards with and without
 * fallbacks, `after` delays, guarded `always` transitions, exception handlers on states and
 * ancestors, and the process annotations in `meta`. Transitions mostly move forward with some
 * back edges; a small, natural share of cracks (dead ends, guard gaps, unhandled exceptions,
 * unreachable states, states without an owner, waits without a timeout) is left in.
 *
 * Pure and deterministic: no Node APIs, the same options give the same object. Used by the
 * benchmarks and by property tests. Its randomness is the simulation's own seeded PRNG.
 */

import { mulberry32 } from '../src/core/simulation/random';

export { mulberry32 };

export interface GenerateOptions {
  /** Total number of state nodes in the machine (the root not counted). At least 1. */
  states: number;
  /** Seed of the pseudo-random generator. */
  seed: number;
  /** Number of exception events X0, X1, ... in the catalogue (default 10). */
  exceptions?: number;
  /** Share, 0 to 1, of the container states big enough that are parallel (default 0.15). */
  parallelShare?: number;
}

type Kind = 'atomic' | 'compound' | 'parallel' | 'region' | 'final';

type Transition = string | { target: string; guard?: string };
type Transitions = Transition | Transition[];

const NO_CHILDREN: GenNode[] = [];

/** A state node under construction. Every field is set in the constructor (one hidden class). */
class GenNode {
  readonly kind: Kind;
  readonly key: string;
  readonly parent: GenNode | null;
  /** The top-level ancestor (the node itself for a top-level state). */
  readonly top: GenNode | null;
  readonly children: GenNode[];
  id: string | undefined = undefined;
  /** A leaf no sibling transition leads to: left unreachable on purpose. */
  orphan = false;
  /** Nobody wired this up: a side leaf with no way out (reached from the sibling before it),
   * or a top-level stage without any exception handling. No exception handlers here. */
  forgotten = false;
  role: string | undefined = undefined;
  /** Forward sibling (or the region's final state), the one after it, and an earlier sibling. */
  next: GenNode | null = null;
  skip: GenNode | null = null;
  back: GenNode | null = null;
  on: Record<string, Transitions> | undefined = undefined;
  after: Record<string, Transitions> | undefined = undefined;
  always: Transition[] | undefined = undefined;
  onDone: Transitions | undefined = undefined;
  meta: Record<string, unknown> | undefined = undefined;
  /** For the scenarios: the event a leaf moves on with when every guard answers no, and where. */
  walkEvent: string | undefined = undefined;
  walkTarget: GenNode | null = null;
  /** Guards to assume false when a case passes this state: the one on its way on (a guarded
   * event with a fallback, or a guarded onDone), and the one of its `always`. */
  wayGuard: string | undefined = undefined;
  alwaysGuard: string | undefined = undefined;
  afterDelay = -1;
  afterTarget: GenNode | null = null;

  constructor(kind: Kind, key: string, parent: GenNode | null) {
    this.kind = kind;
    this.key = key;
    this.parent = parent;
    this.top = parent === null ? null : parent.parent === null ? this : parent.top;
    this.children = kind === 'atomic' || kind === 'final' ? NO_CHILDREN : [];
    parent?.children.push(this);
  }

  get path(): string {
    const keys: string[] = [];
    for (let n: GenNode | null = this; n?.parent; n = n.parent) keys.push(n.key);
    return keys.reverse().join('.');
  }
}

/**
 * An empty object in V8's dictionary mode, for `states` objects. They get their keys in ever
 * different orders; in a plain object every new order makes a new hidden class, which made
 * building them several times slower. It is an ordinary object in every other respect.
 */
function dictionary<T>(): Record<string, T> {
  const object: Record<string, T | number> = { a: 0, b: 0 };
  delete object.a;
  delete object.b;
  return object as Record<string, T>;
}

const VERBS = [
  'review',
  'check',
  'verify',
  'approve',
  'assess',
  'record',
  'notify',
  'assign',
  'schedule',
  'collect',
  'prepare',
  'confirm',
  'escalate',
  'validate',
  'triage',
  'draft',
  'sign',
  'archive',
  'route',
  'quote',
];
const NOUNS = [
  'claim',
  'order',
  'invoice',
  'request',
  'contract',
  'ticket',
  'payment',
  'document',
  'customer',
  'account',
  'booking',
  'report',
  'refund',
  'delivery',
  'estimate',
  'complaint',
];
const STAGES = [
  'intake',
  'assessment',
  'fulfilment',
  'billing',
  'approval',
  'onboarding',
  'resolution',
  'followUp',
  'verification',
  'planning',
];
const ROLES: [string, string][] = [
  ['clerk', 'Clerk'],
  ['agent', 'Service agent'],
  ['supervisor', 'Supervisor'],
  ['specialist', 'Specialist'],
  ['manager', 'Manager'],
  ['auditor', 'Auditor'],
];
const CONDITIONS: [string, string][] = [
  ['isUrgent', 'Is the case urgent?'],
  ['isComplete', 'Is the file complete?'],
  ['isApproved', 'Was it approved?'],
  ['hasBudget', 'Is there budget left?'],
  ['isVip', 'Is the customer a VIP?'],
  ['isDuplicate', 'Is it a duplicate?'],
  ['needsRework', 'Does it need rework?'],
  ['isInternal', 'Is the requester internal?'],
  ['withinSla', 'Is it still within the SLA?'],
  ['hasDocuments', 'Are all documents attached?'],
  ['isHighValue', 'Is the amount above the threshold?'],
  ['isRepeat', 'Has this happened before?'],
];
const EXCEPTIONS = [
  'The customer withdraws the request',
  'The voicemail box is full',
  'The record owner has left the company',
  'A required document is missing',
  'The payment bounces',
  'The system is down',
  'The customer cannot be reached',
  'The address is invalid',
  'A fraud alert is raised',
  'The supplier is out of stock',
  'The approver is on leave',
  'The data fails validation',
];
const DELAYS = [60_000, 300_000, 900_000, 3_600_000, 14_400_000, 86_400_000, 259_200_000];

/** Rates of the natural cracks and of the transition features. */
const RATE = {
  deadEnd: 0.01,
  orphan: 0.012,
  noOwner: 0.02,
  guardedWithFallback: 0.2,
  guardOnly: 0.03,
  secondEvent: 0.3,
  backEdge: 0.4,
  waits: 0.1,
  waitsTimeout: 0.85,
  after: 0.1,
  always: 0.04,
  containerGuardedDone: 0.12,
  containerEvent: 0.15,
  containerAfter: 0.08,
  forgottenStage: 0.05,
};

/** Leaf keys: "reviewClaim", and now and then "review claim" (keys may hold spaces). */
const LEAF_KEYS = VERBS.flatMap((v) => NOUNS.map((n) => `${v}${n[0].toUpperCase()}${n.slice(1)}`));
const SPACED_LEAF_KEYS = VERBS.flatMap((v) => NOUNS.map((n) => `${v} ${n}`));
const PARALLEL_KEYS = STAGES.map((s) => `${s}Tracks`);

/** Counts every state node under `states`, at any depth (atomic, compound, parallel, final). */
export function countStates(states: unknown): number {
  if (!states || typeof states !== 'object') return 0;
  let count = 0;
  const stack: unknown[] = [states];
  while (stack.length > 0) {
    const current = stack.pop() as Record<string, { states?: unknown }>;
    for (const key in current) {
      count++;
      const child = current[key]?.states;
      if (child && typeof child === 'object') stack.push(child);
    }
  }
  return count;
}

export function generateProcess(options: GenerateOptions): Record<string, unknown> {
  const total = Math.max(1, Math.floor(options.states));
  const seed = options.seed;
  const exceptionCount = Math.max(0, Math.floor(options.exceptions ?? 10));
  const parallelShare = Math.min(1, Math.max(0, options.parallelShare ?? 0.15));
  const rnd = mulberry32(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const round1 = (x: number): number => Math.round(x * 10) / 10;

  // Catalogues: roles, normal events, conditions.
  const roleOrder = ROLES.slice();
  for (let i = roleOrder.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [roleOrder[i], roleOrder[j]] = [roleOrder[j], roleOrder[i]];
  }
  const roleCount = 3 + int(3);
  const roles: Record<string, unknown> = {};
  const roleNames: string[] = [];
  for (let i = 0; i < roleCount; i++) {
    const [name, title] = roleOrder[i];
    roleNames.push(name);
    roles[name] = { title, costPerHour: 20 + 5 * int(15) };
  }

  const eventCount = Math.max(6, Math.min(40, Math.round(Math.sqrt(total))));
  const eventNames: string[] = [];
  for (let i = 0; i < eventCount; i++) eventNames.push(`E${i}`);

  const conditionCount = Math.max(4, Math.min(400, Math.round(total / 15)));
  const conditionNames: string[] = [];
  const conditions: Record<string, unknown> = {};
  for (let i = 0; i < conditionCount; i++) {
    const [base, question] = CONDITIONS[i % CONDITIONS.length];
    const round = Math.floor(i / CONDITIONS.length);
    const name = round === 0 ? base : `${base}${round + 1}`;
    conditionNames.push(name);
    conditions[name] = {
      question: round === 0 ? question : `${question} (check ${round + 1})`,
      probability: Math.round((0.1 + 0.8 * rnd()) * 100) / 100,
    };
  }
  const guard = (): string => pick(conditionNames);

  // Phase 1: the tree of states, with exactly `total` nodes below the root.
  const root = new GenNode('compound', '', null);
  const containers: GenNode[] = []; // compound, parallel and region nodes, parents first
  const leaves: GenNode[] = [];
  const levels = Math.max(1, Math.min(4, Math.floor(Math.log10(total)) + 1));
  const containerShare = 0.4;

  // Fills `parent` with children using exactly `budget` nodes (budget >= 2 below the root).
  // Recursion depth is bounded by `levels` (at most 4 regions, plus parallel regions).
  const buildRegion = (parent: GenNode, budget: number, levelsLeft: number): void => {
    const isTop = parent === root;
    const keys = new Set<string>();
    // `base`, or `base2`, `base3`, ... whichever is not yet a sibling's key.
    const freeKey = (base: string): string => {
      let key = base;
      for (let n = 2; keys.has(key); n++) key = `${base}${n}`;
      keys.add(key);
      return key;
    };
    let finals: string[];
    if (!isTop) finals = ['complete'];
    else if (budget >= 12) finals = ['done', 'rejected', 'cancelled'];
    else if (budget >= 4) finals = ['done', 'cancelled'];
    else finals = ['done'];
    const avail = budget - finals.length;
    // The nodes each non-final child gets beyond itself: 0 for a leaf.
    const slots: number[] = [];
    if (levelsLeft <= 1 || avail < 6) {
      for (let i = 0; i < avail; i++) slots.push(0);
    } else {
      // k children of which c are containers, so that k * (c ** (levelsLeft - 1)) ~ avail.
      const b = (avail / containerShare ** (levelsLeft - 1)) ** (1 / levelsLeft);
      let k = Math.round(b * (0.75 + 0.5 * rnd()));
      k = Math.max(2, Math.min(k, Math.floor(avail / 3)));
      const extra = avail - k;
      let c = Math.round(k * containerShare * (0.75 + 0.5 * rnd()));
      // avail >= 6 and k <= avail / 3 leave extra >= 4, so c >= 1 always fits.
      c = Math.max(1, Math.min(c, k - 1, Math.floor(extra / 2)));
      for (let i = 0; i < k; i++) slots.push(0);
      // Choose c distinct container positions and split the extra among them (each >= 2).
      const positions: number[] = [];
      while (positions.length < c) {
        const p = int(k);
        if (slots[p] === 0) {
          slots[p] = 2;
          positions.push(p);
        }
      }
      const weights = positions.map(() => 0.3 + rnd());
      const weightSum = weights.reduce((s, w) => s + w, 0);
      const spare = extra - 2 * c;
      let given = 0;
      for (let i = 0; i < c; i++) {
        const share = Math.floor((spare * weights[i]) / weightSum);
        slots[positions[i]] += share;
        given += share;
      }
      slots[positions[int(c)]] += spare - given;
    }

    for (const extra of slots) {
      if (extra === 0) {
        const base = rnd() < 0.05 ? pick(SPACED_LEAF_KEYS) : pick(LEAF_KEYS);
        leaves.push(new GenNode('atomic', freeKey(base), parent));
        continue;
      }
      const canParallel = extra >= 6 && (levelsLeft >= 3 || extra <= 24);
      if (canParallel && rnd() < parallelShare) {
        const node = new GenNode('parallel', freeKey(pick(PARALLEL_KEYS)), parent);
        containers.push(node);
        const regionCount = extra >= 9 && rnd() < 0.3 ? 3 : 2;
        // Each region: 1 node for itself and at least 2 inside.
        let left = extra - 3 * regionCount;
        for (let r = 0; r < regionCount; r++) {
          const share = r === regionCount - 1 ? left : Math.floor(left * (0.3 + 0.4 * rnd()));
          left -= share;
          const region = new GenNode('region', `track${r + 1}`, node);
          containers.push(region);
          buildRegion(region, 2 + share, Math.max(1, levelsLeft - 2));
        }
      } else {
        const node = new GenNode('compound', freeKey(pick(STAGES)), parent);
        containers.push(node);
        buildRegion(node, extra, levelsLeft - 1);
      }
    }
    for (const key of finals) {
      const node = new GenNode('final', key, parent);
      if (isTop) node.id = key;
    }
  };

  if (total === 1) new GenNode('final', 'done', root).id = 'done';
  else buildRegion(root, total, levels);

  const topFinal = (key: string): GenNode | undefined =>
    root.children.find((c) => c.kind === 'final' && c.key === key);
  const rejected = topFinal('rejected');
  const cancelKey = topFinal('cancelled') ? 'cancelled' : 'done';
  const cancelTarget = `#${cancelKey}`;

  // Phase 2: transitions, region by region (a region: the children of the root, of a
  // compound state or of a parallel state's region). They only target siblings, so no
  // transition crosses from one parallel region into another.
  const randomDuration = (): Record<string, number> => {
    const mode = round1(1 + 59 * rnd() * rnd());
    return {
      min: round1(mode * (0.3 + 0.5 * rnd())),
      mode,
      max: round1(mode * (1.5 + 2.5 * rnd())),
    };
  };
  const regions = [root];
  for (const c of containers) if (c.kind !== 'parallel') regions.push(c);

  for (const region of regions) {
    const children = region.children;
    const nonFinal = children.filter((c) => c.kind !== 'final');
    const mainFinal = children[nonFinal.length];
    const k = nonFinal.length;
    // Cracks that stay local: orphan leaves (unreachable) and forgotten side leaves (dead
    // ends). The main line of the region passes them by, so they cut nothing off after them.
    if (k >= 3) {
      for (let i = 1; i < k; i++) {
        const node = nonFinal[i];
        if (node.kind !== 'atomic') continue;
        const r = rnd();
        if (r < RATE.orphan) node.orphan = true;
        else if (r < RATE.orphan + RATE.deadEnd) node.forgotten = true;
      }
    }
    // Walk backwards: next = the first sibling after on the main line, skip = the one after.
    let following: GenNode = mainFinal;
    let afterFollowing: GenNode = mainFinal;
    for (let i = k - 1; i >= 0; i--) {
      const node = nonFinal[i];
      node.next = following;
      node.skip = afterFollowing;
      if (!node.orphan && !node.forgotten) {
        afterFollowing = following;
        following = node;
      }
    }
    const reached: GenNode[] = [];
    for (const node of nonFinal) {
      if (reached.length > 0) node.back = reached[int(reached.length)];
      if (!node.orphan && !node.forgotten) reached.push(node);
    }
    // The sibling before a forgotten leaf leads to it with an event of its own.
    const sideEdge = (node: GenNode, i: number): void => {
      const side = nonFinal[i + 1];
      if (!side?.forgotten || node.orphan || node.forgotten) return;
      node.on ??= {};
      let event = pick(eventNames);
      for (let j = 0; j < eventCount && event in node.on; j++) {
        event = eventNames[(eventNames.indexOf(event) + 1) % eventCount];
      }
      if (!(event in node.on)) node.on[event] = side.key;
    };

    for (let i = 0; i < k; i++) {
      const node = nonFinal[i];
      const next = node.next!;
      const skip = node.skip!;
      const back = node.back;
      if (node.kind === 'atomic') {
        const meta: Record<string, unknown> = {};
        if (rnd() >= RATE.noOwner) {
          node.role = pick(roleNames);
          meta.role = node.role;
        }
        meta.duration = randomDuration();
        meta.valueAdded = rnd() < 0.5;
        node.meta = meta;
        if (node.forgotten) continue;
        const on: Record<string, Transitions> = {};
        node.on = on;
        const event = pick(eventNames);
        node.walkEvent = event;
        const r = rnd();
        if (r < RATE.guardedWithFallback) {
          let alternative = skip;
          if (rejected && region === root && rnd() < 0.3) alternative = rejected;
          else if (back && rnd() < 0.25) alternative = back;
          const g = guard();
          on[event] = [{ target: alternative.key, guard: g }, { target: next.key }];
          node.walkTarget = next;
          node.wayGuard = g;
        } else if (r < RATE.guardedWithFallback + RATE.guardOnly) {
          on[event] = [{ target: next.key, guard: guard() }];
        } else {
          on[event] = next.key;
          node.walkTarget = next;
        }
        if (rnd() < RATE.secondEvent) {
          let second = pick(eventNames);
          if (second === event) second = eventNames[(eventNames.indexOf(event) + 1) % eventCount];
          on[second] = back && rnd() < RATE.backEdge ? back.key : skip.key;
        }
        const waits = rnd() < RATE.waits;
        if (waits) meta.waits = true;
        if (rnd() < (waits ? RATE.waitsTimeout : RATE.after)) {
          const delay = pick(DELAYS);
          const target = waits && back && rnd() < 0.3 ? back : rnd() < 0.5 ? next : skip;
          node.after = { [delay]: target.key };
          node.afterDelay = delay;
          node.afterTarget = target;
        }
        if (rnd() < RATE.always) {
          const g = guard();
          node.always = [{ target: skip.key, guard: g }];
          node.alwaysGuard = g;
        }
      } else if (node.kind === 'compound' || node.kind === 'parallel') {
        // A container leaves when its region (every region, for a parallel) is done.
        if (back && rnd() < RATE.containerGuardedDone) {
          const g = guard();
          node.onDone = [{ target: back.key, guard: g }, { target: next.key }];
          node.wayGuard = g;
        } else {
          node.onDone = next.key;
        }
        if (rnd() < RATE.containerEvent) node.on = { [pick(eventNames)]: skip.key };
        if (rnd() < RATE.containerAfter) {
          const delay = pick(DELAYS);
          node.after = { [delay]: skip.key };
          node.afterDelay = delay;
          node.afterTarget = skip;
        }
      }
      sideEdge(node, i);
    }
  }

  // Phase 3: the event catalogue, with the exceptions and their handlers.
  const events: Record<string, unknown> = {};
  for (let i = 0; i < eventCount; i++) {
    events[eventNames[i]] = { description: `Step event ${i}: the work at hand is finished` };
  }
  const rootOn: Record<string, Transitions> = {};
  const handlerTarget = (node: GenNode): string => {
    if (node.parent?.kind === 'parallel' || !node.skip) return cancelTarget;
    const r = rnd();
    if (r < 0.55) return cancelTarget;
    if (r < 0.8 || !node.back) return node.skip.key;
    return node.back.key;
  };
  const handle = (node: GenNode, name: string): void => {
    if (node.kind === 'final' || node.forgotten || node.top?.forgotten) return;
    node.on ??= {};
    if (!(name in node.on)) node.on[name] = handlerTarget(node);
  };
  const topNonFinal = root.children.filter((c) => c.kind !== 'final');
  // Now and then a whole stage was drawn without any exception handling.
  for (const t of topNonFinal) {
    if (t.kind !== 'atomic' && rnd() < RATE.forgottenStage) t.forgotten = true;
  }
  // Half the processes catch X0 (it can happen anywhere) with one handler at the root, which
  // also gives every state a way out; the others handle it state by state.
  const rootHandles = rnd() < 0.5;
  const scopable = containers.length > 0 ? containers : topNonFinal;
  for (let x = 0; x < exceptionCount; x++) {
    const name = `X${x}`;
    const entry: Record<string, unknown> = {
      description: EXCEPTIONS[x % EXCEPTIONS.length],
      exception: true,
      probability: Math.round((0.005 + 0.045 * rnd()) * 1000) / 1000,
    };
    // X0 and X5 can happen anywhere (no `when`); the others are scoped to states or roles.
    const scope = x === 0 || x === 5 ? 0 : x % 2 === 1 ? 1 : 2;
    if (scope === 0 || scopable.length === 0) {
      // Handled with one transition at the root (X0 in half the processes), or step by step
      // on the leaves, where now and then one is missed.
      if (x === 0 && rootHandles) rootOn[name] = cancelTarget;
      else for (const leaf of leaves) if (rnd() < (x === 0 ? 0.98 : 0.95)) handle(leaf, name);
    } else if (scope === 1) {
      // Scoped to a few containers: handled on the container, or on most of its children.
      const chosen: GenNode[] = [];
      const want = Math.min(scopable.length, 1 + int(3));
      for (let tries = 0; chosen.length < want && tries < 20; tries++) {
        const c = pick(scopable);
        if (!chosen.includes(c)) chosen.push(c);
      }
      entry.when = { states: chosen.map((c) => c.path) };
      for (const c of chosen) {
        if (rnd() < 0.75) handle(c, name);
        else for (const child of c.children) if (rnd() < 0.9) handle(child, name);
      }
    } else {
      // Scoped to roles: handled on a few top-level states, else on most leaves of the roles.
      const scoped = [pick(roleNames)];
      const other = pick(roleNames);
      if (rnd() < 0.4 && other !== scoped[0]) scoped.push(other);
      entry.when = { roles: scoped };
      const coveredTop = new Set<GenNode>();
      for (const t of topNonFinal) {
        if (rnd() < 0.25) {
          handle(t, name);
          coveredTop.add(t);
        }
      }
      for (const leaf of leaves) {
        if (leaf.role && scoped.includes(leaf.role) && !coveredTop.has(leaf.top!)) {
          if (rnd() < 0.93) handle(leaf, name);
        }
      }
    }
    events[name] = entry;
  }

  // Phase 4: the machine config. Depth is bounded, so plain recursion is safe.
  const toConfig = (node: GenNode): Record<string, unknown> => {
    const config: Record<string, unknown> = {};
    if (node.id) config.id = node.id;
    if (node.kind === 'final') config.type = 'final';
    else if (node.kind === 'parallel') config.type = 'parallel';
    else if (node.kind !== 'atomic') config.initial = node.children[0].key;
    if (node.children.length > 0) {
      const states = dictionary<unknown>();
      for (const child of node.children) states[child.key] = toConfig(child);
      config.states = states;
    }
    if (node.on) config.on = node.on;
    if (node.after) config.after = node.after;
    if (node.always) config.always = node.always;
    if (node.onDone) config.onDone = node.onDone;
    if (node.meta) config.meta = node.meta;
    return config;
  };
  const machine: Record<string, unknown> = {
    id: 'generated',
    initial: root.children[0].key,
    states: toConfig(root).states,
  };
  if (Object.keys(rootOn).length > 0) machine.on = rootOn;

  // Phase 5: scenarios, from walking the main path with every guard answering no.
  const scenarios: Record<string, unknown>[] = [];
  const enter = (node: GenNode): GenNode => {
    let n = node;
    while (n.kind === 'compound' || n.kind === 'region') n = n.children[0];
    return n;
  };
  const assumeNo = (into: Record<string, boolean>, node: GenNode): Record<string, boolean> => {
    if (node.wayGuard) into[node.wayGuard] = false;
    if (node.alwaysGuard) into[node.alwaysGuard] = false;
    return into;
  };
  // Entering a parallel state enters the initial leaf of every region: their `always` guards
  // are asked at once.
  const assumeEntering = (
    into: Record<string, boolean>,
    node: GenNode,
  ): Record<string, boolean> => {
    const stack = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.kind === 'parallel') stack.push(...n.children);
      else if (n.kind === 'compound' || n.kind === 'region') stack.push(n.children[0]);
      else assumeNo(into, n);
    }
    return into;
  };
  const assume: Record<string, boolean> = {};
  const steps: { event: string }[] = [];
  const visited: GenNode[] = [];
  let current = enter(root.children[0]);
  let finished = false;
  for (let moves = 0; moves < 1000; moves++) {
    visited.push(current);
    assumeEntering(assume, current);
    if (current.kind === 'final') {
      if (current.parent === root) {
        finished = true;
        break;
      }
      // A nested final state: its compound parent is done and takes onDone.
      const container = current.parent!;
      if (container.kind !== 'compound' || !container.next) break;
      assumeNo(assume, container);
      current = enter(container.next);
      continue;
    }
    if (current.kind !== 'atomic' || !current.walkEvent || !current.walkTarget) break;
    if (steps.length === 12) break;
    steps.push({ event: current.walkEvent });
    current = enter(current.walkTarget);
  }
  scenarios.push({
    id: 'main-path',
    title: 'A case where every question is answered no',
    steps,
    assume,
    expect: finished ? { done: true, handled: true } : { state: current.path, handled: true },
  });

  if (rootOn.X0 && total > 1) {
    const start = enter(root.children[0]);
    scenarios.push({
      id: 'withdrawn-at-start',
      title: `${EXCEPTIONS[0]} right at the start`,
      steps: [{ event: 'X0' }],
      assume: assumeEntering({}, start),
      expect: { state: cancelKey, handled: true },
    });
  }

  // A timeout: the first leaf on the walk whose own `after` fires before any ancestor's
  // (no time passes before it, so every timer on the way started at 0).
  let eventsBefore = 0;
  for (const leaf of visited) {
    if (leaf.kind !== 'atomic') continue;
    const landing = leaf.afterTarget ? enter(leaf.afterTarget) : null;
    let ancestorFirst = false;
    for (let a = leaf.parent; a && a !== root; a = a.parent) {
      if (a.afterDelay >= 0 && a.afterDelay <= leaf.afterDelay) ancestorFirst = true;
    }
    // Landing on a nested final state would finish its parent too: keep to the simple cases.
    const simple = landing && !(landing.kind === 'final' && landing.parent !== root);
    if (landing && simple && !ancestorFirst) {
      const timeoutAssume = { ...assume };
      assumeEntering(timeoutAssume, landing);
      scenarios.push({
        id: 'timeout',
        title: `Nobody acts in ${leaf.path}`,
        steps: [...steps.slice(0, eventsBefore), { wait: leaf.afterDelay }],
        assume: timeoutAssume,
        expect: { state: landing.path },
      });
      break;
    }
    eventsBefore++;
  }

  return {
    plumb: 1,
    id: `generated-${total}-${seed}`,
    title: `Generated process (${total} states, seed ${seed})`,
    stage: 'to-be',
    description:
      'A synthetic process made by bench/generate.ts for benchmarks and property tests: ' +
      'compound and parallel states, guards, delays and exceptions, with a few cracks left in.',
    roles,
    events,
    conditions,
    machine,
    scenarios,
    approval: null,
  };
}
