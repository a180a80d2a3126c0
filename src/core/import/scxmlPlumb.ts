// SCXML that Plumb's own export wrote (a `<plumb:process>` under `<scxml>`) back into the process
// file it came from: the export (src/core/export/scxml.ts) inverted, element by element.
//
// - `<plumb:process>` is the file without its machine (catalogues, scenarios, waivers, layout...).
// - The machine root is the state whose `<plumb:meta>` says `"root": true` (with the final states
//   the export wrote beside it, back in their place by `order`), or else `<scxml>` itself.
// - A state's key, explicit id, description, tags, meta and other fields come from its
//   `<plumb:meta>`; what SCXML does not say about how the file wrote a transition (a target by key
//   or `#id`, a bare string or `{ target }`, a list of one) from the state's `as`, used only where
//   it still means what the SCXML says (a hand edit of the SCXML wins).
// - Transitions: `plumb:meta` `after` is an `after` key (its `<send>`/`<raise>` and `<cancel>`
//   dropped); `done.state.<id>` is `onDone`; `done.invoke.<invokeid>` and `error.platform.<invokeid>`
//   are the invoke's `onDone` and `onError`; no event is `always`; any other event is an `on` key
//   (`plumb:meta` `event` when the export changed it). `cond` is the guard (`name(params)` or
//   `plumbGuard("name", params)`), after `_event.name === "X" &&` (the export's exact match of an
//   `on` key). Targets are the SCXML targets, or `plumb:meta` `target` (state paths) where the export
//   rewrote them (`type="internal"` to the initial child, a targetless self-transition); `reenter`
//   is `plumb:meta` `reenter` (the export writes every explicit one). Actions are `<plumb:action>`.
// Content the export does not write (a hand-added `<log>`, `<assign>`...) becomes named actions with
// a warning, as in any SCXML import.

import { PLUMB_NS, PLUMB_SERVICE } from '../export/scxml';
import {
  plainGroup,
  plainRef,
  plainTarget,
  stableJson,
  type TransitionParts,
} from '../export/scxmlNames';
import { validateProcess } from '../model/parse';
import { buildStateTree, resolveTarget, type StateNode, type StateTree } from '../model/tree';
import type {
  ConditionDef,
  InvokeConfig,
  MachineConfig,
  NamedRef,
  ProcessFile,
  StateConfig,
  TransitionConfig,
  TransitionsConfig,
} from '../model/types';
import { ImportError, type ImportResult } from './errors';
import { identifier, NameTable } from './names';
import { ActionNames } from './scxmlActions';
import { SCXML_NS, type ScDocument, type ScState, type ScTransition } from './scxmlDocument';
import { needsReenter } from './scxmlDomain';
import type { XmlElement } from './xml';

type Note = Record<string, unknown>;

interface PNode {
  key: string;
  path: string;
  parent: PNode | null;
  state: ScState;
  note: Note;
  children: PNode[];
  config: StateConfig;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sets a key as an own property, `__proto__` too (a key from the file, never a prototype). */
function put(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const isPlumb = (element: XmlElement, local: string) =>
  element.uri === PLUMB_NS && element.local === local;

/** The `<plumb:process>` of a document Plumb exported, if it is one. */
export function plumbProcessElement(root: XmlElement): XmlElement | undefined {
  return root.children.find((child) => isPlumb(child, 'process'));
}

function json(text: string, where: XmlElement, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportError(`${what} is not JSON: ${(error as Error).message}`, where);
  }
}

function noteOf(element: XmlElement): Note {
  const meta = element.children.find((child) => isPlumb(child, 'meta'));
  if (!meta) return {};
  const value = json(meta.text, meta, '<plumb:meta>');
  return isObject(value) ? value : {};
}

function attributeNote(element: XmlElement): Note {
  const attribute = element.foreignAttributes.find((a) => a.uri === PLUMB_NS && a.local === 'meta');
  if (!attribute) return {};
  const value = json(attribute.value, element, 'the plumb:meta attribute');
  return isObject(value) ? value : {};
}

/** A JSON string literal at the start of `text`, and how long it is. */
function jsonString(text: string): { value: string; length: number } | undefined {
  if (text[0] !== '"') return undefined;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') {
      try {
        return { value: JSON.parse(text.slice(0, i + 1)), length: i + 1 };
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A guard written as the export writes it, `name(params)` or `plumbGuard("name", params)`. */
export function parseGuardCall(text: string): NamedRef | undefined {
  const ref = (name: unknown, params: unknown, hasParams: boolean): NamedRef | undefined => {
    if (typeof name !== 'string') return undefined;
    return hasParams ? { type: name, params } : name;
  };
  const wrapped = /^plumbGuard\(([\s\S]*)\)$/.exec(text);
  if (wrapped) {
    try {
      const args = JSON.parse(`[${wrapped[1]}]`);
      if (!Array.isArray(args) || args.length < 1 || args.length > 2) return undefined;
      return ref(args[0], args[1], args.length === 2);
    } catch {
      return undefined;
    }
  }
  const call = /^([A-Za-z_$][A-Za-z0-9_$]*)\(([\s\S]*)\)$/.exec(text);
  if (!call || call[1] === 'In') return undefined;
  if (call[2].trim() === '') return call[1];
  try {
    return ref(call[1], JSON.parse(call[2]), true);
  } catch {
    return undefined;
  }
}

/** A `cond` the export wrote: the exact event it matches, and the guard (or the expression). */
export function parseCond(cond: string): { exact?: string; guard?: NamedRef; expression?: string } {
  let text = cond.trim();
  let exact: string | undefined;
  const prefix = /^_event\.name\s*===\s*/.exec(text);
  if (prefix) {
    const literal = jsonString(text.slice(prefix[0].length));
    const rest = literal && text.slice(prefix[0].length + literal.length).trim();
    if (literal && rest === '') return { exact: literal.value };
    if (literal && rest?.startsWith('&&')) {
      exact = literal.value;
      text = rest.slice(2).trim();
    }
  }
  const guard = parseGuardCall(text);
  return guard === undefined ? { exact, expression: text } : { exact, guard };
}

/** What a transition means, for telling whether the file's spelling says the same as the SCXML. */
function meaning(value: TransitionsConfig | undefined, source: StateNode, tree: StateTree) {
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return items.map((item) => {
    const config: TransitionConfig = typeof item === 'string' ? { target: item } : item;
    const raw = config.target === undefined ? [] : [config.target].flat();
    const targets = raw.map((target) => {
      const resolved = resolveTarget(source, target, tree.byId);
      return 'node' in resolved ? resolved.node : target;
    });
    const refs = (v: unknown) =>
      (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((r) => plainRef(r as NamedRef));
    return {
      targets,
      rest: stableJson({
        guard: config.guard === undefined ? undefined : plainRef(config.guard),
        actions: refs(config.actions),
        reenter: config.reenter,
        description: config.description,
        meta: config.meta,
      }),
    };
  });
}

function sameMeaning(
  a: TransitionsConfig | undefined,
  b: TransitionsConfig | undefined,
  source: StateNode,
  tree: StateTree,
): boolean {
  const x = meaning(a, source, tree);
  const y = meaning(b, source, tree);
  return (
    x.length === y.length &&
    x.every(
      (item, i) =>
        item.rest === y[i].rest &&
        item.targets.length === y[i].targets.length &&
        item.targets.every((t, j) => t === y[i].targets[j]),
    )
  );
}

/** A process file from SCXML Plumb exported; undefined when the document is not shaped so. */
export function importPlumbScxml(
  root: XmlElement,
  doc: ScDocument,
): ImportResult<ProcessFile> | undefined {
  const processElement = plumbProcessElement(root);
  if (!processElement) return undefined;
  const rest = json(processElement.text, processElement, '<plumb:process>');
  if (!isObject(rest))
    throw new ImportError('<plumb:process> holds no process file (a JSON object)', processElement);
  const warnings: string[] = [];
  const actions = new ActionNames();
  const conditions: Record<string, ConditionDef> = {};
  const conditionNames = new NameTable(
    Object.keys(isObject(rest.conditions) ? rest.conditions : {}),
  );

  // The machine root: the wrapper state, or the document.
  const top = doc.root.children;
  const wrapper = top.find((state) => noteOf(state.element).root === true);
  const rootState = wrapper ?? doc.root;
  const rootNote = wrapper ? noteOf(wrapper.element) : noteOf(doc.root.element);
  const machineId =
    typeof rootNote.id === 'string' ? rootNote.id : (doc.name ?? '(machine)') || '(machine)';

  const byState = new Map<ScState, PNode>();
  const byPath = new Map<string, PNode>();
  const make = (state: ScState, parent: PNode | null, note: Note): PNode => {
    const key = parent ? (typeof note.key === 'string' ? note.key : state.id) : '';
    const path = parent === null ? '' : parent.path ? `${parent.path}.${key}` : key;
    const node: PNode = { key, path, parent, state, note, children: [], config: {} };
    byState.set(state, node);
    byPath.set(path, node);
    let children = state.children;
    if (state === wrapper) {
      const moved = top.filter((other) => other !== wrapper && other.kind === 'final');
      children = [...children, ...moved];
      if (Array.isArray(rootNote.order)) {
        const order = rootNote.order as unknown[];
        const rank = (s: ScState) => {
          const n = noteOf(s.element);
          const at = order.indexOf(typeof n.key === 'string' ? n.key : s.id);
          return at < 0 ? order.length : at;
        };
        children = [...children].sort((a, b) => rank(a) - rank(b));
      }
    }
    for (const child of children) node.children.push(make(child, node, noteOf(child.element)));
    return node;
  };
  const rootNode = make(rootState, null, rootNote);
  if (wrapper) byState.set(doc.root, rootNode);
  const nodeOfId = (id: string) => {
    const state = doc.byId.get(id);
    return state && byState.get(state);
  };
  const explicitId = (node: PNode) =>
    typeof node.note.id === 'string' && node.note.id ? node.note.id : undefined;
  const targetRef = (from: PNode, to: PNode) => plainTarget(from, to, machineId, explicitId);

  const inScxml = (element: XmlElement) => element.uri === (root.uri === SCXML_NS ? SCXML_NS : '');
  const refsOfContent = (elements: XmlElement[], skip: (e: XmlElement) => boolean): NamedRef[] => {
    const out: NamedRef[] = [];
    for (const element of elements) {
      if (isPlumb(element, 'action')) {
        const name = element.attributes.name ?? '';
        const params = element.attributes.params;
        out.push(
          params === undefined ? name : { type: name, params: json(params, element, 'params') },
        );
      } else if (inScxml(element) && !skip(element)) out.push(actions.name(element));
    }
    return out;
  };
  const contentOf = (element: XmlElement, local: string) =>
    element.children.filter((c) => inScxml(c) && c.local === local).flatMap((c) => c.children);

  const conditionName = (expression: string): string => {
    const { name, fresh } = conditionNames.name(expression, identifier(expression, 'condition'));
    if (fresh) conditions[name] = { question: expression, probability: 0.5 };
    return name;
  };

  const build = (node: PNode): StateConfig => {
    const { state, note } = node;
    const config: StateConfig = {};
    if (typeof note.id === 'string') config.id = note.id;
    if (state.kind === 'parallel') config.type = 'parallel';
    if (state.kind === 'final') config.type = 'final';
    if (state.kind === 'history') {
      config.type = 'history';
      // XState's default; the export writes `type="shallow"` for it either way.
      if (state.history === 'deep') config.history = 'deep';
      const parent = node.parent as PNode;
      const targets = (state.historyDefault?.targets ?? []).map(nodeOfId);
      const initial = parent.state.element.attributes.initial;
      const byDefault =
        parent.state.kind === 'parallel'
          ? parent.children.filter((c) => c.state.kind !== 'history')
          : initial
            ? [nodeOfId(initial)]
            : [];
      const same =
        targets.length === byDefault.length && targets.every((t, i) => t === byDefault[i]);
      const [target] = targets;
      if (!same && target)
        config.target = target.path.slice(parent.path ? parent.path.length + 1 : 0);
    }
    if (node.children.length > 0 && state.kind !== 'parallel') {
      const id =
        state.element.attributes.initial ??
        (state === wrapper ? doc.root.element.attributes.initial : undefined) ??
        state.initial?.targets[0];
      const initial = id === undefined ? undefined : nodeOfId(id);
      if (initial) config.initial = initial.key;
    }
    for (const field of ['description', 'tags', 'meta'] as const)
      if (note[field] !== undefined) config[field] = note[field] as never;
    const as = isObject(note.as) ? note.as : {};

    // Timers: the transitions `plumb:meta` marks `after`, and the events they wait for.
    const elements = state.element.children.filter((c) => inScxml(c) && c.local === 'transition');
    const transitions = state.kind === 'history' ? [] : state.transitions;
    const notes = transitions.map((_, i) => attributeNote(elements[i]));
    const timerEvents = new Set(
      transitions
        .filter((t, i) => notes[i].after !== undefined && t.events?.length === 1)
        .map((t) => (t.events as string[])[0]),
    );
    const isTimer = (e: XmlElement) =>
      ((e.local === 'send' || e.local === 'raise') && timerEvents.has(e.attributes.event ?? '')) ||
      (e.local === 'cancel' && timerEvents.has(e.attributes.sendid ?? ''));
    for (const field of ['entry', 'exit'] as const) {
      const refs = refsOfContent(contentOf(state.element, `on${field}`), isTimer);
      const raw = as[field];
      const same =
        raw !== undefined &&
        stableJson(refs) ===
          stableJson((Array.isArray(raw) ? raw : [raw]).map((r) => plainRef(r as NamedRef)));
      if (same) config[field] = raw as NamedRef[];
      else if (refs.length > 0) config[field] = refs;
    }

    // Invoked services.
    const invokeIds: string[] = [];
    const invokes: InvokeConfig[] = state.invokes.map((element) => {
      invokeIds.push(element.attributes.id ?? '');
      const kept = attributeNote(element);
      if (element.attributes.type === PLUMB_SERVICE && typeof kept.src === 'string') {
        const invoke: InvokeConfig = { src: kept.src };
        if (typeof kept.id === 'string') invoke.id = kept.id;
        if (kept.input !== undefined) invoke.input = kept.input;
        return invoke;
      }
      const src = element.attributes.src ?? element.attributes.type ?? 'service';
      warnings.push(
        `line ${element.line}: <invoke> is not one Plumb exported: it invokes the service "${src}", and what it passes is not carried over`,
      );
      const invoke: InvokeConfig = { src };
      if (element.attributes.id) invoke.id = element.attributes.id;
      return invoke;
    });

    // Transitions, grouped where XState keeps them, in document order.
    const groups = new Map<string, TransitionParts[]>();
    const locations: [string, string | undefined][] = [];
    const add = (where: string, key: string | undefined, parts: TransitionParts) => {
      const id = `${where}\u0000${key ?? ''}`;
      if (!groups.has(id)) {
        groups.set(id, []);
        locations.push([where, key]);
      }
      groups.get(id)?.push(parts);
    };
    transitions.forEach((t: ScTransition, i): void => {
      const kept = notes[i];
      const element = elements[i];
      const event = t.events?.join(' ');
      const parts: TransitionParts = {
        targets: [],
        actions: refsOfContent(element.children, () => false),
      };
      const targetNodes = Array.isArray(kept.target)
        ? (kept.target as unknown[]).map((path) => byPath.get(String(path)))
        : t.targets.map(nodeOfId);
      parts.targets = targetNodes
        .filter((target): target is PNode => target !== undefined)
        .map((target) => targetRef(node, target));
      if (Array.isArray(kept.unresolved))
        parts.targets.push(...(kept.unresolved as unknown[]).map(String));
      if (t.cond !== undefined) {
        const cond = parseCond(t.cond);
        if (cond.guard !== undefined) parts.guard = cond.guard;
        else if (cond.expression) parts.guard = conditionName(cond.expression);
      }
      if (typeof kept.reenter === 'boolean') parts.reenter = kept.reenter;
      else if (
        state.kind !== 'parallel' &&
        needsReenter(
          t,
          t.targets.map((id) => doc.byId.get(id) as ScState),
        )
      )
        parts.reenter = true;
      if (typeof kept.description === 'string') parts.description = kept.description;
      if (kept.meta !== undefined) parts.meta = kept.meta as TransitionParts['meta'];
      const outcome = event && /^(done\.invoke|error\.platform)\.(.+)$/.exec(event);
      const index = outcome ? invokeIds.indexOf(outcome[2]) : -1;
      if (kept.after !== undefined) add('after', String(kept.after), parts);
      else if (event === undefined) add('always', undefined, parts);
      else if (event === `done.state.${state.id}`) add('onDone', undefined, parts);
      else if (outcome && index >= 0)
        add(outcome[1] === 'done.invoke' ? 'onDone' : 'onError', String(index), parts);
      else add('on', typeof kept.event === 'string' ? kept.event : event, parts);
    });
    for (const [where, key] of locations) {
      const value = plainGroup(groups.get(`${where}\u0000${key ?? ''}`) ?? []);
      if (where === 'on' || where === 'after') {
        config[where] ??= {};
        put(config[where] as object, key as string, value);
      } else if (where === 'always' || (where === 'onDone' && key === undefined))
        config[where] = value;
      else invokes[Number(key)][where as 'onDone' | 'onError'] = value;
    }
    if (invokes.length > 0)
      config.invoke = invokes.length === 1 && as.invokeList !== true ? invokes[0] : invokes;

    if (node.children.length > 0) {
      config.states = {};
      for (const child of node.children) put(config.states, child.key, build(child));
    }
    if (isObject(note.extra))
      for (const [key, value] of Object.entries(note.extra)) put(config, key, value);
    node.config = config;
    return config;
  };

  const machine = build(rootNode) as MachineConfig;

  // Where the file wrote a group otherwise and it still means what the SCXML says: as written.
  const tree = buildStateTree(machine);
  for (const node of byState.values()) {
    const as = node.note.as;
    const source = tree.byPath.get(node.path);
    if (!isObject(as) || !source) continue;
    const config = node.config;
    const take = (current: TransitionsConfig | undefined, raw: unknown) =>
      raw !== undefined && sameMeaning(current, raw as TransitionsConfig, source, tree);
    for (const field of ['on', 'after'] as const)
      if (isObject(as[field]) && config[field])
        for (const [key, raw] of Object.entries(as[field] as Record<string, unknown>)) {
          const groups = config[field] as Record<string, TransitionsConfig>;
          if (take(groups[key], raw)) put(groups, key, raw);
        }
    for (const field of ['always', 'onDone'] as const)
      if (take(config[field], as[field])) config[field] = as[field] as TransitionsConfig;
    if (isObject(as.invoke)) {
      const invokes = config.invoke === undefined ? [] : [config.invoke].flat();
      for (const [index, outcomes] of Object.entries(as.invoke)) {
        const invoke = invokes[Number(index)];
        if (!invoke || !isObject(outcomes)) continue;
        for (const field of ['onDone', 'onError'] as const)
          if (take(invoke[field], outcomes[field]))
            invoke[field] = outcomes[field] as TransitionsConfig;
      }
    }
  }

  const process: Record<string, unknown> = {};
  const after = ['scenarios', 'waivers', 'layout'];
  for (const [key, value] of Object.entries(rest)) {
    if (after.includes(key) && !('machine' in process)) process.machine = machine;
    put(process, key, value);
  }
  if (!('machine' in process)) process.machine = machine;
  if (Object.keys(conditions).length > 0)
    process.conditions = { ...(isObject(rest.conditions) ? rest.conditions : {}), ...conditions };
  const lost = actions.lost();
  if (Object.keys(actions.actions).length > 0)
    process.actions = { ...(isObject(rest.actions) ? rest.actions : {}), ...actions.actions };
  for (const loss of lost)
    warnings.push(
      `lines ${loss.lines.join(', ')}: not carried over: ${loss.what} (kept in place as the named actions ${loss.names.map((n) => `"${n}"`).join(', ')})`,
    );
  for (const element of doc.foreign)
    if (element.uri !== PLUMB_NS)
      warnings.push(`line ${element.line}: <${element.name}> of another namespace: ignored`);
  const checked = validateProcess(process);
  if (!checked.process)
    throw new ImportError(
      `the SCXML Plumb exported made a process file Plumb cannot read: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return { process: checked.process, warnings };
}
