// The state tree of a machine config: every state node with its state path, and its transitions
// with targets resolved the way XState v5 resolves them (siblings, `.child`, `#id`).

import { joinPath } from './jsonPath';
import { closestName } from './suggest';
import type {
  MachineConfig,
  NamedRef,
  StateConfig,
  TransitionConfig,
  TransitionsConfig,
} from './types';

export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface StateNode {
  index: number;
  key: string;
  /** Keys from the root joined by dots, without the machine id; '' for the root. */
  path: string;
  /** Where its config sits in the file (`machine.states.a.states.b`). */
  jsonPath: string;
  kind: StateKind;
  parent: StateNode | null;
  children: StateNode[];
  /** Children by key. */
  childByKey: ReadonlyMap<string, StateNode>;
  /** The events of its own `on` transitions. */
  onEvents: ReadonlySet<string>;
  depth: number;
  config: StateConfig;
  /** XState's id: the explicit `id`, or the machine id and the path joined by dots. */
  id: string;
  initial?: StateNode;
  transitions: Transition[];
}

export type TransitionKind =
  | 'on'
  | 'after'
  | 'always'
  | 'onDone'
  | 'invoke.onDone'
  | 'invoke.onError';

export interface Transition {
  source: StateNode;
  kind: TransitionKind;
  /** The event for `on`, the delay for `after`, the service for invoke outcomes. */
  event?: string;
  /** Position among the transitions for the same event of the same state. */
  order: number;
  guard?: string;
  targets: StateNode[];
  /** Target strings XState cannot resolve, with the reason. */
  unresolved: { target: string; reason: string }[];
  actions: string[];
  reenter: boolean;
  /** Never taken: an earlier transition of the same list has no guard and always wins. */
  shadowed: boolean;
  jsonPath: string;
  config: TransitionConfig;
}

export interface StateTree {
  machineId: string;
  root: StateNode;
  nodes: StateNode[];
  byPath: Map<string, StateNode>;
  byId: Map<string, StateNode>;
  /** Problems in the tree itself: a missing or wrong `initial`, duplicate ids. */
  problems: { path: string; state: string; message: string }[];
}

/** The name of a guard or action reference. */
export function refName(ref: NamedRef | undefined): string | undefined {
  if (typeof ref === 'string') return ref;
  if (ref && typeof ref === 'object' && typeof ref.type === 'string') return ref.type;
  return undefined;
}

function hasKeys(object: object): boolean {
  for (const _ in object) return true;
  return false;
}

function kindOf(config: StateConfig): StateKind {
  if (config.type) return config.type;
  if (config.states && typeof config.states === 'object' && hasKeys(config.states))
    return 'compound';
  if (config.history) return 'history';
  return 'atomic';
}

/** Splits a target or id on unescaped dots, as XState's `toStatePath` does. */
export function splitPath(text: string): string[] {
  if (!text.includes('\\')) return text.split('.');
  const parts: string[] = [];
  let segment = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      segment += text[i + 1] ?? '';
      i++;
    } else if (char === '.') {
      parts.push(segment);
      segment = '';
    } else segment += char;
  }
  parts.push(segment);
  return parts;
}

/** Builds the state tree of a machine config. Never throws. */
export function buildStateTree(machine: MachineConfig): StateTree {
  const machineId = typeof machine.id === 'string' && machine.id ? machine.id : '(machine)';
  const nodes: StateNode[] = [];
  const byPath = new Map<string, StateNode>();
  const byId = new Map<string, StateNode>();
  const problems: StateTree['problems'] = [];

  const root = makeNode(machine, '', null, 'machine');
  // Breadth-first (nodes grow while we walk them) so that deep machines never overflow the stack.
  for (let q = 0; q < nodes.length; q++) {
    const node = nodes[q];
    const states = node.config.states;
    if (!states || typeof states !== 'object') continue;
    for (const key in states) {
      const childConfig = states[key];
      if (!childConfig || typeof childConfig !== 'object') continue;
      const child = makeNode(childConfig, key, node, joinPath(`${node.jsonPath}.states`, key));
      node.children.push(child);
      (node.childByKey as Map<string, StateNode>).set(key, child);
    }
  }

  function makeNode(
    config: StateConfig,
    key: string,
    parent: StateNode | null,
    jsonPath: string,
  ): StateNode {
    const hasStates =
      !!config.states && typeof config.states === 'object' && hasKeys(config.states);
    const path = parent === null ? '' : parent.path ? `${parent.path}.${key}` : key;
    const id =
      typeof config.id === 'string' && config.id
        ? config.id
        : path
          ? `${machineId}.${path}`
          : machineId;
    const node: StateNode = {
      index: nodes.length,
      key,
      path,
      jsonPath,
      kind: kindOf(config),
      parent,
      children: hasStates ? [] : NONE,
      childByKey: hasStates ? new Map() : NO_CHILDREN,
      onEvents:
        config.on && typeof config.on === 'object' ? new Set(Object.keys(config.on)) : NO_EVENTS,
      depth: parent === null ? 0 : parent.depth + 1,
      config,
      id,
      transitions: [],
    };
    nodes.push(node);
    byPath.set(path, node);
    // Only explicit ids (and the machine's) are looked up whole: XState reads "#machine.a.b" as the
    // machine's id and a path below it, so default ids need no entry.
    const explicit = parent === null || (typeof config.id === 'string' && config.id !== '');
    if (!explicit) return node;
    if (byId.has(id) && config.id) {
      problems.push({
        path: joinPath(jsonPath, 'id'),
        state: path,
        message: `the id "#${id}" is used by two states`,
      });
    }
    if (!byId.has(id)) byId.set(id, node);
    return node;
  }

  for (const node of nodes) {
    if (node.kind === 'compound') {
      const initial = node.config.initial;
      if (initial === undefined) {
        problems.push({
          path: joinPath(node.jsonPath, 'initial'),
          state: node.path,
          message: `${node.path ? `state "${node.path}"` : 'the machine'} has child states but no "initial": which one does a case start in?`,
        });
      } else {
        const child = node.childByKey.get(initial);
        if (child) node.initial = child;
        else {
          const resolved =
            typeof initial === 'string'
              ? resolveTarget(node, initial.startsWith('#') ? initial : `.${initial}`, byId)
              : undefined;
          if (resolved && 'node' in resolved) node.initial = resolved.node;
          else
            problems.push({
              path: joinPath(node.jsonPath, 'initial'),
              state: node.path,
              message: `"initial" names "${initial}", which is not a child state of ${node.path ? `"${node.path}"` : 'the machine'}`,
            });
        }
      }
    } else if (
      node.config.initial !== undefined &&
      node.kind !== 'parallel' &&
      node.children.length === 0
    ) {
      problems.push({
        path: joinPath(node.jsonPath, 'initial'),
        state: node.path,
        message: `"initial" names "${node.config.initial}", but state "${node.path}" has no child states`,
      });
    }
  }
  for (const node of nodes) {
    node.transitions = collectTransitions(node, byId);
  }
  return { machineId, root, nodes, byPath, byId, problems };
}

function resolveTargetPath(
  from: StateNode,
  parts: string,
): { node: StateNode } | { reason: string } {
  // The common case, a sibling or child by its key, without splitting anything.
  const direct =
    parts.includes('.') || parts.includes('\\') ? undefined : from.childByKey.get(parts);
  if (direct) return { node: direct };
  let node = from;
  for (const segment of splitPath(parts)) {
    const next = node.childByKey.get(segment);
    if (!next)
      return {
        reason: `"${segment}" is not a child of ${node.path ? `"${node.path}"` : 'the machine'}`,
      };
    node = next;
  }
  return { node };
}

/** Resolves a transition target written in `source`, exactly as XState v5 does. */
export function resolveTarget(
  source: StateNode,
  target: string,
  byId: Map<string, StateNode>,
): { node: StateNode } | { reason: string } {
  if (target.startsWith('#')) {
    const [first, ...rest] = splitPath(target.slice(1));
    const base = byId.get(first);
    if (!base) return { reason: `no state has the id "#${first}"` };
    if (rest.length === 0) return { node: base };
    return resolveTargetPath(base, rest.join('.'));
  }
  // "." alone is the state itself, as XState reads it.
  if (target === '.') return { node: source };
  if (target.startsWith('.')) return resolveTargetPath(source, target.slice(1));
  if (!source.parent) {
    return {
      reason: `"${target}" cannot be reached from the machine root; did you mean ".${target}"?`,
    };
  }
  const resolved = resolveTargetPath(source.parent, target);
  if ('reason' in resolved) {
    const near = closestName(target, relativePaths(source.parent));
    return {
      reason: `target "${target}" does not exist${near ? `; did you mean "${near}"?` : ''}`,
    };
  }
  return resolved;
}

/** The paths a target written from `base` can take: its descendants, relative to it. */
function relativePaths(base: StateNode, limit = 500): string[] {
  const out: string[] = [];
  const walk = (node: StateNode, prefix: string) => {
    for (const child of node.children) {
      if (out.length >= limit) return;
      const path = prefix ? `${prefix}.${child.key}` : child.key;
      out.push(path);
      walk(child, path);
    }
  };
  walk(base, '');
  return out;
}

// Shared empties: most states are leaves and most transitions have one target, no actions.
const NONE: never[] = [];
const NO_CHILDREN: ReadonlyMap<string, StateNode> = new Map();
const NO_EVENTS: ReadonlySet<string> = new Set();

function actionNames(actions: TransitionConfig['actions']): string[] {
  if (actions === undefined) return NONE;
  const list = Array.isArray(actions) ? actions : [actions];
  return list
    .map((action) => refName(action))
    .filter((name): name is string => typeof name === 'string');
}

const STRING_TARGET: TransitionConfig = Object.freeze({});

function collectTransitions(node: StateNode, byId: Map<string, StateNode>): Transition[] {
  const out: Transition[] = [];
  const add = (
    kind: TransitionKind,
    value: TransitionsConfig,
    jsonPath: string,
    event?: string,
  ) => {
    const isList = Array.isArray(value);
    const count = isList ? value.length : 1;
    let open = false;
    for (let order = 0; order < count; order++) {
      const item = isList ? value[order] : value;
      // A bare target string needs no config object of its own.
      const config: TransitionConfig =
        typeof item === 'string'
          ? STRING_TARGET
          : item && typeof item === 'object'
            ? item
            : STRING_TARGET;
      const raw = typeof item === 'string' ? item : config.target;
      const targets: StateNode[] = [];
      let unresolved: Transition['unresolved'] = NONE;
      const resolveOne = (target: unknown) => {
        if (typeof target !== 'string') return;
        const resolved = resolveTarget(node, target, byId);
        if ('node' in resolved) targets.push(resolved.node);
        else unresolved = [...unresolved, { target, reason: resolved.reason }];
      };
      if (Array.isArray(raw)) for (const target of raw) resolveOne(target);
      else if (raw !== undefined) resolveOne(raw);
      out.push({
        source: node,
        kind,
        event,
        order,
        guard: config.guard === undefined ? undefined : refName(config.guard),
        targets,
        unresolved,
        actions: actionNames(config.actions),
        reenter: config.reenter === true,
        shadowed: open,
        jsonPath: isList ? `${jsonPath}[${order}]` : jsonPath,
        config,
      });
      if (config.guard === undefined) open = true;
    }
  };
  const { config } = node;
  const on = config.on;
  if (on && typeof on === 'object')
    for (const event in on) add('on', on[event], joinPath(`${node.jsonPath}.on`, event), event);
  const after = config.after;
  if (after && typeof after === 'object')
    for (const delay in after)
      add('after', after[delay], joinPath(`${node.jsonPath}.after`, delay), delay);
  if (config.always !== undefined) add('always', config.always, `${node.jsonPath}.always`);
  if (config.onDone !== undefined) add('onDone', config.onDone, `${node.jsonPath}.onDone`);
  if (config.invoke !== undefined) {
    const invokes = invokesOf(config);
    for (let i = 0; i < invokes.length; i++) {
      const invoke = invokes[i];
      if (!invoke || typeof invoke !== 'object') continue;
      const invokePath = Array.isArray(config.invoke)
        ? `${node.jsonPath}.invoke[${i}]`
        : `${node.jsonPath}.invoke`;
      if (invoke.onDone !== undefined)
        add('invoke.onDone', invoke.onDone, `${invokePath}.onDone`, invoke.src);
      if (invoke.onError !== undefined)
        add('invoke.onError', invoke.onError, `${invokePath}.onError`, invoke.src);
    }
  }
  return out;
}

/** The invokes of a state, as a list. */
export function invokesOf(config: StateConfig) {
  return config.invoke === undefined
    ? []
    : Array.isArray(config.invoke)
      ? config.invoke
      : [config.invoke];
}

/** Whether an event descriptor (`on` key) matches an event type, with XState's wildcards. */
export function descriptorMatches(descriptor: string, eventType: string): boolean {
  if (descriptor === eventType || descriptor === '*') return true;
  if (descriptor.endsWith('.*')) {
    const prefix = descriptor.slice(0, -2);
    return eventType === prefix || eventType.startsWith(`${prefix}.`);
  }
  return false;
}

/** Ancestors of a node from its parent up to the root. */
export function ancestorsOf(node: StateNode): StateNode[] {
  const out: StateNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** Whether `node` is `ancestor` or lies inside it. */
export function isInside(node: StateNode, ancestor: StateNode): boolean {
  for (let n: StateNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}
