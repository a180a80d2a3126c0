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
 * Pure and deterministic: no Node APIs, no runtime imports, the same options give the same
 * object. Used by the benchmarks and by property tests.
 */

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

/** Mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'atomic' | 'compound' | 'parallel' | 'region' | 'final';

type Transition = string | { target: string; guard?: string };

interface GenNode {
  key: string;
  kind: Kind;
  parent: GenNode | null;
  /** The top-level ancestor (itself for a top-level state). */
  top: GenNode | null;
  path: string;
  children: GenNode[];
  id?: string;
  orphan: boolean;
  role?: string;
  on?: Record<string, Transition | Transition[]>;
  after?: Record<string, Transition | Transition[]>;
  always?: Transition[];
  onDone?: Transition | Transition[];
  meta?: Record<string, unknown>;
  /** For the happy-path scenario: the event a leaf moves on with when every guard says no. */
  walkEvent?: string;
  walkTarget?: GenNode | null;
  /** Guards to assume false when the walk passes this state. */
  walkGuards?: string[];
  /** For containers: where onDone goes when every guard says no. */
  doneTarget?: GenNode;
  afterDelay?: number;
  afterTarget?: GenNode;
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
};

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
  const roleCount = 3 + int(3);
  const roles: Record<string, unknown> = {};
  const roleNames: string[] = [];
  const roleOrder = ROLES.slice();
  for (let i = roleOrder.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [roleOrder[i], roleOrder[j]] = [roleOrder[j], roleOrder[i]];
  }
  for (let i = 0; i < roleCount; i++) {
    const [name, title] = roleOrder[i];
    roleNames.push(name);
    roles[name] = { title, costPerHour: 20 + 5 * int(15) };
  }

  const eventCount = Math.max(6, Math.min(200, Math.round(2 * Math.sqrt(total))));
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

  // Phase 1: the tree of states, with exactly `total` nodes.
  let counter = 0;
  const containers: GenNode[] = [];
  const leaves: GenNode[] = [];
  const root: GenNode = {
    key: '',
    kind: 'compound',
    parent: null,
    top: null,
    path: '',
    children: [],
    orphan: false,
  };

  const makeNode = (parent: GenNode, kind: Kind, key: string): GenNode => {
    const node: GenNode = {
      key,
      kind,
      parent,
      top: null,
      path: parent === root ? key : `${parent.path}.${key}`,
      children: [],
      orphan: false,
    };
    node.top = parent === root ? node : parent.top;
    parent.children.push(node);
    return node;
  };
  const leafKey = (): string => {
    const n = counter++;
    const verb = pick(VERBS);
    const noun = pick(NOUNS);
    if (rnd() < 0.05) return `${verb} ${noun} ${n}`;
    return `${verb}${noun[0].toUpperCase()}${noun.slice(1)}${n}`;
  };

  const levels = Math.max(1, Math.min(4, Math.floor(Math.log10(total)) + 1));
  const containerShare = 0.4;

  // Fills `parent` with children using exactly `budget` nodes (budget >= 2 below the root).
  const buildRegion = (parent: GenNode, budget: number, levelsLeft: number): void => {
    const isTop = parent === root;
    let finals: string[];
    if (!isTop) finals = [`complete${counter++}`];
    else if (budget >= 12) finals = ['done', 'rejected', 'cancelled'];
    else if (budget >= 4) finals = ['done', 'cancelled'];
    else finals = ['done'];
    const avail = budget - finals.length;
    const slots: number[] = []; // extra nodes (beyond itself) each non-final child gets
    if (levelsLeft <= 1 || avail < 6) {
      for (let i = 0; i < avail; i++) slots.push(0);
    } else {
      const b = (avail / containerShare ** (levelsLeft - 1)) ** (1 / levelsLeft);
      let k = Math.round(b * (0.75 + 0.5 * rnd()));
      k = Math.max(2, Math.min(k, Math.floor(avail / 3)));
      const extra = avail - k;
      let c = Math.round(k * (containerShare * (0.75 + 0.5 * rnd())));
      // avail >= 6 and k <= avail / 3 leave extra >= 4, so c >= 1 always fits.
      c = Math.max(1, Math.min(c, k - 1, Math.floor(extra / 2)));
      for (let i = 0; i < k; i++) slots.push(0);
      // Choose c distinct container positions and split the extra among them (each >= 2).
      const positions: number[] = [];
      const taken = new Uint8Array(k);
      while (positions.length < c) {
        const p = int(k);
        if (!taken[p]) {
          taken[p] = 1;
          positions.push(p);
        }
      }
      positions.sort((x, y) => x - y);
      const weights = positions.map(() => 0.3 + rnd());
      const weightSum = weights.reduce((s, w) => s + w, 0);
      const spare = extra - 2 * c;
      let given = 0;
      for (let i = 0; i < c; i++) {
        const share = Math.floor((spare * weights[i]) / weightSum);
        slots[positions[i]] = 2 + share;
        given += share;
      }
      slots[positions[int(c)]] += spare - given;
    }

    for (const extra of slots) {
      if (extra === 0) {
        const leaf = makeNode(parent, 'atomic', leafKey());
        leaves.push(leaf);
        continue;
      }
      const canParallel = extra >= 6 && (levelsLeft >= 3 || extra <= 24);
      if (canParallel && rnd() < parallelShare) {
        const node = makeNode(parent, 'parallel', `parallel${pick(STAGES)}${counter++}`);
        containers.push(node);
        const regionCount = extra >= 9 && rnd() < 0.3 ? 3 : 2;
        // Each region: 1 node for itself and at least 2 inside.
        const inner: number[] = [];
        let left = extra - 3 * regionCount;
        for (let r = 0; r < regionCount; r++) {
          const share = r === regionCount - 1 ? left : Math.floor(left * (0.3 + 0.4 * rnd()));
          left -= share;
          inner.push(2 + share);
        }
        for (const innerBudget of inner) {
          const region = makeNode(node, 'region', `track${counter++}`);
          containers.push(region);
          buildRegion(region, innerBudget, Math.max(1, levelsLeft - 2));
        }
      } else {
        const node = makeNode(parent, 'compound', `${pick(STAGES)}${counter++}`);
        containers.push(node);
        buildRegion(node, extra, levelsLeft - 1);
      }
    }
    for (const key of finals) {
      const fin = makeNode(parent, 'final', key);
      if (isTop) fin.id = key;
    }
  };

  if (total === 1) makeNode(root, 'final', 'done').id = 'done';
  else buildRegion(root, total, levels);

  const topKeys = new Set(root.children.map((c) => c.key));
  const cancelKey = topKeys.has('cancelled') ? 'cancelled' : 'done';
  const cancelTarget = `#${cancelKey}`;

  // Phase 2: transitions, region by region.
  const regions: GenNode[] = [root, ...containers.filter((c) => c.kind !== 'parallel')];
  const nextOf = new Map<GenNode, GenNode>();
  const skipOf = new Map<GenNode, GenNode>();
  const backOf = new Map<GenNode, GenNode | undefined>();

  const randomDuration = (): Record<string, number> => {
    const mode = round1(1 + 59 * rnd() * rnd());
    return {
      min: round1(mode * (0.3 + 0.5 * rnd())),
      mode,
      max: round1(mode * (1.5 + 2.5 * rnd())),
    };
  };

  for (const region of regions) {
    const children = region.children;
    const nonFinal = children.filter((c) => c.kind !== 'final');
    const mainFinal = children.find((c) => c.kind === 'final')!;
    const k = nonFinal.length;
    if (k >= 3) {
      for (let i = 1; i < k; i++) if (rnd() < RATE.orphan) nonFinal[i].orphan = true;
    }
    const after = (i: number): GenNode => {
      for (let j = i + 1; j < k; j++) if (!nonFinal[j].orphan) return nonFinal[j];
      return mainFinal;
    };
    const reached: GenNode[] = [];
    for (let i = 0; i < k; i++) {
      const node = nonFinal[i];
      const next = after(i);
      const nextIndex = nonFinal.indexOf(next);
      const skip = nextIndex < 0 ? mainFinal : after(nextIndex);
      nextOf.set(node, next);
      skipOf.set(node, skip);
      backOf.set(node, reached.length > 0 ? reached[int(reached.length)] : undefined);
      if (!node.orphan) reached.push(node);
    }
    const isTop = region === root;
    const alternative = (node: GenNode): GenNode => {
      const back = backOf.get(node);
      if (isTop && topKeys.has('rejected') && rnd() < 0.3) {
        return root.children.find((c) => c.key === 'rejected')!;
      }
      if (back && rnd() < 0.25) return back;
      return skipOf.get(node)!;
    };

    for (const node of nonFinal) {
      const next = nextOf.get(node)!;
      const skip = skipOf.get(node)!;
      const back = backOf.get(node);
      const walkGuards: string[] = [];
      node.walkGuards = walkGuards;
      if (node.kind === 'atomic') {
        const meta: Record<string, unknown> = {};
        if (rnd() >= RATE.noOwner) {
          node.role = pick(roleNames);
          meta.role = node.role;
        }
        meta.duration = randomDuration();
        meta.valueAdded = rnd() < 0.5;
        node.meta = meta;
        if (rnd() < RATE.deadEnd) continue;
        const on: Record<string, Transition | Transition[]> = {};
        node.on = on;
        const event = pick(eventNames);
        const r = rnd();
        node.walkEvent = event;
        if (r < RATE.guardedWithFallback) {
          const g = guard();
          on[event] = [{ target: alternative(node).key, guard: g }, { target: next.key }];
          node.walkTarget = next;
          walkGuards.push(g);
        } else if (r < RATE.guardedWithFallback + RATE.guardOnly) {
          on[event] = [{ target: next.key, guard: guard() }];
          node.walkTarget = null;
        } else {
          on[event] = next.key;
          node.walkTarget = next;
        }
        if (rnd() < RATE.secondEvent) {
          let second = pick(eventNames);
          if (second === event) second = eventNames[(eventNames.indexOf(event) + 1) % eventCount];
          if (second !== event) {
            on[second] = back && rnd() < RATE.backEdge ? back.key : skip.key;
          }
        }
        const waits = rnd() < RATE.waits;
        if (waits) meta.waits = true;
        if (waits ? rnd() < RATE.waitsTimeout : rnd() < RATE.after) {
          const delay = pick(DELAYS);
          const target = waits && back && rnd() < 0.3 ? back : rnd() < 0.5 ? next : skip;
          node.after = { [delay]: target.key };
          node.afterDelay = delay;
          node.afterTarget = target;
        }
        if (rnd() < RATE.always) {
          const g = guard();
          node.always = [{ target: skip.key, guard: g }];
          walkGuards.push(g);
        }
      } else if (node.kind === 'compound' || node.kind === 'parallel') {
        // Containers that are not regions of a parallel state: leave on completion.
        node.doneTarget = next;
        if (back && rnd() < RATE.containerGuardedDone) {
          const g = guard();
          node.onDone = [{ target: back.key, guard: g }, { target: next.key }];
          walkGuards.push(g);
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
    }
  }

  // Phase 3: exception events and their handlers.
  const events: Record<string, unknown> = {};
  for (let i = 0; i < eventCount; i++) {
    events[eventNames[i]] = { description: `Step event ${i}: the work at hand is finished` };
  }
  const rootOn: Record<string, Transition> = {};
  const handlerTarget = (node: GenNode): string => {
    if (node.parent?.kind === 'parallel') return cancelTarget;
    const r = rnd();
    if (r < 0.55) return cancelTarget;
    const back = backOf.get(node);
    if (r < 0.8 || !back) return skipOf.get(node)?.key ?? cancelTarget;
    return back.key;
  };
  const handle = (node: GenNode, name: string): void => {
    if (node.kind === 'final') return;
    node.on ??= {};
    if (!(name in node.on)) node.on[name] = handlerTarget(node);
  };
  const topNonFinal = root.children.filter((c) => c.kind !== 'final');
  const scopedContainers = containers.length > 0 ? containers : topNonFinal;
  for (let x = 0; x < exceptionCount; x++) {
    const name = `X${x}`;
    const entry: Record<string, unknown> = {
      description: EXCEPTIONS[x % EXCEPTIONS.length],
      exception: true,
      probability: Math.round((0.005 + 0.045 * rnd()) * 1000) / 1000,
    };
    const scope = x % 3;
    if (scope === 0 || scopedContainers.length === 0) {
      // Can happen anywhere: handled at the root, or on each top-level state (mostly).
      if (x % 2 === 0) rootOn[name] = cancelTarget;
      else for (const t of topNonFinal) if (rnd() < 0.9) handle(t, name);
    } else if (scope === 1) {
      const chosen: GenNode[] = [];
      const want = Math.min(scopedContainers.length, 1 + int(3));
      for (let tries = 0; chosen.length < want && tries < 20; tries++) {
        const c = pick(scopedContainers);
        if (!chosen.includes(c)) chosen.push(c);
      }
      entry.when = { states: chosen.map((c) => c.path) };
      for (const c of chosen) {
        if (rnd() < 0.75) handle(c, name);
        else for (const child of c.children) if (rnd() < 0.8) handle(child, name);
      }
    } else {
      const scoped = [pick(roleNames)];
      if (rnd() < 0.4) {
        const other = pick(roleNames);
        if (other !== scoped[0]) scoped.push(other);
      }
      entry.when = { roles: scoped };
      const coveredTop = new Set<GenNode>();
      for (const t of topNonFinal) {
        if (rnd() < 0.5) {
          handle(t, name);
          coveredTop.add(t);
        }
      }
      for (const leaf of leaves) {
        if (leaf.role && scoped.includes(leaf.role) && !coveredTop.has(leaf.top!)) {
          if (rnd() < 0.85) handle(leaf, name);
        }
      }
    }
    events[name] = entry;
  }

  // Phase 4: the machine config.
  const toConfig = (node: GenNode): Record<string, unknown> => {
    const config: Record<string, unknown> = {};
    if (node.id) config.id = node.id;
    if (node.kind === 'final') config.type = 'final';
    else if (node.kind === 'parallel') config.type = 'parallel';
    if (node.kind === 'compound' || node.kind === 'region') config.initial = node.children[0].key;
    if (node.children.length > 0) {
      const states: Record<string, unknown> = {};
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

  // Phase 5: scenarios, found by walking the happy path with every guard answering no.
  const scenarios: Record<string, unknown>[] = [];
  const enter = (node: GenNode): GenNode => {
    let n = node;
    while (n.kind === 'compound' || n.kind === 'region') n = n.children[0];
    return n;
  };
  const assume: Record<string, boolean> = {};
  const steps: Record<string, unknown>[] = [];
  const visited: GenNode[] = [];
  let current = enter(root.children[0]);
  let finished = false;
  for (let guardSteps = 0; guardSteps < 200 && steps.length < 12; guardSteps++) {
    visited.push(current);
    for (const g of current.walkGuards ?? []) assume[g] = false;
    if (current.kind === 'final') {
      if (current.parent === root) {
        finished = true;
        break;
      }
      const container = current.parent!;
      if (container.kind === 'region' || !container.doneTarget) break;
      for (const g of container.walkGuards ?? []) assume[g] = false;
      current = enter(container.doneTarget);
      continue;
    }
    if (current.kind !== 'atomic' || !current.walkEvent || !current.walkTarget) break;
    steps.push({ event: current.walkEvent });
    current = enter(current.walkTarget);
  }
  if (!finished && current.kind !== 'final') {
    for (const g of current.walkGuards ?? []) assume[g] = false;
  }
  scenarios.push({
    id: 'happy-path',
    title: 'A case where every question is answered no',
    steps: steps.slice(),
    assume: { ...assume },
    expect: finished ? { done: true, handled: true } : { state: current.path, handled: true },
  });

  if (rootOn.X0 && total > 1) {
    const start = enter(root.children[0]);
    scenarios.push({
      id: 'withdrawn-at-start',
      title: `${EXCEPTIONS[0]} right at the start`,
      steps: [{ event: 'X0' }],
      assume: Object.fromEntries((start.walkGuards ?? []).map((g) => [g, false])),
      expect: { state: cancelKey, handled: true },
    });
  }

  // A timeout scenario: the first leaf on the walk whose own `after` fires before any
  // ancestor's, reached after the walk's first steps.
  for (let i = 0; i < visited.length; i++) {
    const leaf = visited[i];
    if (leaf.kind !== 'atomic' || leaf.afterDelay === undefined || !leaf.afterTarget) continue;
    let ancestorFirst = false;
    for (let a = leaf.parent; a && a !== root; a = a.parent) {
      if (a.afterDelay !== undefined && a.afterDelay <= leaf.afterDelay) ancestorFirst = true;
    }
    if (ancestorFirst) continue;
    const landing = enter(leaf.afterTarget);
    // Landing on a nested final would complete its parent too: keep the scenario simple.
    if (landing.kind === 'final' && landing.parent !== root) continue;
    const timeoutAssume: Record<string, boolean> = { ...assume };
    for (const g of landing.walkGuards ?? []) timeoutAssume[g] = false;
    const eventSteps = visited
      .slice(0, i)
      .filter((v) => v.kind === 'atomic')
      .map((v) => ({ event: v.walkEvent! }));
    scenarios.push({
      id: 'timeout',
      title: `Nobody acts in ${leaf.path}`,
      steps: [...eventSteps, { wait: leaf.afterDelay }],
      assume: timeoutAssume,
      expect: { state: landing.path },
    });
    break;
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
