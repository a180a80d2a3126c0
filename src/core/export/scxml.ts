// W3C SCXML that keeps XState's meaning (DESIGN.md section 5): a standard interpreter running the
// document, with each `cond` answered as the guard would be, ends every scenario in the same
// states as XState.
//
// - States are `<state>`, `<parallel>`, `<final>` and `<history type>` with its default
//   `<transition>`; `initial` names the initial child. A state's id is its state path with the dots
//   written as `_` (so that `done.state.a` cannot also match the done event of `a.b` by SCXML's
//   prefix matching), every character an NCName cannot hold as `_`, made unique with `_2`...
//   `<plumb:meta>` (JSON) keeps what SCXML cannot say: the key, an explicit XState id, the
//   description, tags and `meta` (roles, durations...).
// - Transitions: `event` (a user event with whitespace as `_`), `cond` the guard as a predicate
//   call (`inBusinessHours()`, `isAbove({"amount":5})`; a name that is no JavaScript identifier as
//   `plumbGuard("name")`), `target` space-separated. XState v5 transitions default to
//   `reenter: false`, SCXML's to external: a transition whose targets all lie inside its compound
//   source is written `type="internal"`; one that targets only its own state without re-entering
//   it is written targetless (an atomic state) or as an internal transition to the initial child
//   (a compound state). Every other transition is external in both (`reenter: true` too).
//   The `plumb:meta` attribute keeps a transition's `meta`, `description`, an explicit `reenter`,
//   the delay key of an `after` transition, and the targets' state paths when they were rewritten.
//   An `on` key that would also match longer events (`A` and `A.B`) gets `_event.name === "A"`.
//   Transitions are written in XState's order: events, done and invoke outcomes, timers, then
//   wildcards, longest first.
// - `after` is `<send event="xstate.after.<delay>.<id>" id=... delay="30000ms"/>` on entry with its
//   `<cancel sendid>` on exit and a transition on that event; a delay name the file does not
//   declare is a `<raise>` (XState then raises the event at once).
// - `onDone` is `done.state.<id>`; an invoked service is `<invoke type="urn:plumb:service"
//   src="name">`, its outcomes `done.invoke.<invokeid>` and `error.platform.<invokeid>`.
// - Actions (entry, exit, transition) are `<plumb:action name="..." params="{json}"/>`, executable
//   content in the Plumb namespace: an interpreter runs them through its extension mechanism
//   (SCION: `registerCustomActionTags({ 'urn:plumb:scxml': { action } })`; SCION 4.3.27 names the
//   compiled function `${urn:plumb:scxml}action_...`, which does not compile: test/export/scion.ts
//   shows the fix-up a host needs).
// - A machine with transitions, timers, actions or services of its own, or a parallel one, is
//   wrapped in one state with the machine id (`"root": true` in its `<plumb:meta>`). A wrapped
//   compound machine keeps its final states beside the wrapper, so that reaching one ends the
//   document as it ends the XState machine.
// - `<plumb:process>` keeps the rest of the process file (catalogues, scenarios...) as JSON.
//
// Where SCXML cannot follow XState: a transition whose XState domain is a parallel state (between
// regions, or from a parallel state into itself) also leaves and re-enters that parallel state in
// SCXML, re-running its own entry and exit actions and restarting its own timers; a wrapped
// parallel machine does not end the document when every region is done.

import { isInside, type StateNode, type StateTree, type Transition } from '../model/tree';
import type { NamedRef, ProcessFile, StateConfig } from '../model/types';
import {
  plainGroup,
  plainRef,
  plainTarget,
  type ScxmlNames,
  scxmlEvent,
  scxmlNames,
  stableJson,
  type TransitionParts,
} from './scxmlNames';
import { analyseForExport, historyDefaults, isWildcard } from './text';
import { element, isNmToken, xmlSafeJson, xmlText } from './xml';

export const SCXML_NS = 'http://www.w3.org/2005/07/scxml';
export const PLUMB_NS = 'urn:plumb:scxml';
export const PLUMB_SERVICE = 'urn:plumb:service';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await arguments eval undefined NaN Infinity In plumbGuard'
  ).split(' '),
);

/** The keys of a state config that the SCXML elements and attributes carry. */
const CARRIED = new Set(
  'type history target initial states on always after onDone invoke entry exit'.split(' '),
);

const FINAL_CARRIED = new Set(['type', 'entry', 'exit']);

interface Context {
  process: ProcessFile;
  tree: StateTree;
  names: ScxmlNames;
  wrapper: boolean;
  /** A wrapped machine's final states, written beside the wrapper. */
  moved: Set<StateNode>;
}

function refsOf(value: NamedRef | NamedRef[] | undefined): NamedRef[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * A value as an ECMAScript literal in a `cond`: JSON that XML can hold, with U+2028 and U+2029
 * escaped, which JSON strings may hold but ECMAScript 5.1 string literals may not (the SCXML
 * ECMAScript data model is ECMAScript 5.1, and interpreters such as SCION parse it as such).
 */
function scriptJson(value: unknown): string {
  return xmlSafeJson(value).replace(/[\u2028\u2029]/g, (char) =>
    char === '\u2028' ? '\\u2028' : '\\u2029',
  );
}

/** A guard as an ECMAScript predicate call. */
export function guardCall(ref: NamedRef): string {
  const name = typeof ref === 'string' ? ref : ref.type;
  const params = typeof ref === 'object' && ref.params !== undefined ? scriptJson(ref.params) : '';
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name) && !name.startsWith('_'))
    return `${name}(${params})`;
  return `plumbGuard(${scriptJson(name)}${params ? `, ${params}` : ''})`;
}

function actionElements(refs: NamedRef[], indent: string): string[] {
  return refs.map((ref) =>
    element(
      'plumb:action',
      {
        name: typeof ref === 'string' ? ref : ref.type,
        params:
          typeof ref === 'object' && ref.params !== undefined ? xmlSafeJson(ref.params) : undefined,
      },
      [],
      indent,
    ),
  );
}

/** Where a transition goes in SCXML, and whether it is internal. */
function plan(t: Transition): { targets: StateNode[]; internal: boolean; rewritten: boolean } {
  const targets = t.targets;
  const source = t.source;
  const asIs = { targets, internal: false, rewritten: false };
  if (targets.length === 0 || t.reenter) return asIs;
  if (!targets.every((target) => isInside(target, source))) return asIs;
  const inner = targets.filter((target) => target !== source);
  if (source.kind === 'compound') {
    if (inner.length > 0)
      return { targets: inner, internal: true, rewritten: inner.length !== targets.length };
    // Its own state without re-entering it: XState exits the children and enters the initial one.
    if (source.initial) return { targets: [source.initial], internal: true, rewritten: true };
  }
  // An atomic state targeting itself without re-entering it does nothing but the actions.
  if (source.kind === 'atomic' && inner.length === 0)
    return { targets: [], internal: false, rewritten: true };
  return asIs;
}

function targetId(ctx: Context, node: StateNode): string | undefined {
  if (node === ctx.tree.root && !ctx.wrapper)
    return node.initial && ctx.names.ids.get(node.initial);
  return ctx.names.ids.get(node);
}

function transitionElement(
  ctx: Context,
  t: Transition,
  event: string | undefined,
  indent: string,
): string {
  const { targets, internal, rewritten } = plan(t);
  const config = t.config;
  const conditions: string[] = [];
  if (t.kind === 'on' && t.event !== undefined && ctx.names.exactOnly.has(t.event))
    conditions.push(`_event.name === ${scriptJson(scxmlEvent(t.event))}`);
  if (config.guard !== undefined && t.guard !== undefined) conditions.push(guardCall(config.guard));
  const note: Record<string, unknown> = {};
  if (config.meta !== undefined) note.meta = config.meta;
  if (config.description !== undefined) note.description = config.description;
  if (config.reenter !== undefined) note.reenter = config.reenter;
  if (t.kind === 'after') note.after = t.event;
  if (t.kind === 'on' && t.event !== undefined && scxmlEvent(t.event) !== t.event)
    note.event = t.event;
  if (rewritten) note.target = t.targets.map((target) => target.path);
  if (t.unresolved.length) note.unresolved = t.unresolved.map((u) => u.target);
  const ids = targets.map((target) => targetId(ctx, target)).filter((id) => id !== undefined);
  return element(
    'transition',
    {
      event,
      cond: conditions.length ? conditions.join(' && ') : undefined,
      target: ids.length ? ids.join(' ') : undefined,
      type:
        internal && ids.length && !targets.some((n) => ctx.moved.has(n)) ? 'internal' : undefined,
      'plumb:meta': Object.keys(note).length ? xmlSafeJson(note) : undefined,
    },
    actionElements(refsOf(config.actions), `${indent}  `),
    indent,
  );
}

function stateAnnotations(node: StateNode, id: string | undefined): Record<string, unknown> {
  const config: StateConfig = node.config;
  const note: Record<string, unknown> = {};
  if (node.parent && id !== node.key) note.key = node.key;
  if (typeof config.id === 'string') note.id = config.id;
  for (const field of ['description', 'tags', 'meta'] as const)
    if (config[field] !== undefined) note[field] = config[field];
  // A <final> holds no transitions, timers or services: a final state's are kept as data.
  const carried = node.kind === 'final' ? FINAL_CARRIED : CARRIED;
  const extra = Object.fromEntries(
    Object.entries(config).filter(
      ([key]) => !carried.has(key) && !['id', 'description', 'tags', 'meta'].includes(key),
    ),
  );
  if (Object.keys(extra).length) note.extra = extra;
  return note;
}

/**
 * What SCXML does not say about how the file wrote a state's transitions and actions (a target as
 * `#id` or by key, `{ target }` or a bare string, a list of one...): the groups and lists as
 * written, where the import would write them otherwise (see `plainTransition` and its kin).
 */
function shapesOf(ctx: Context, node: StateNode): Record<string, unknown> | undefined {
  const config = node.config;
  const as: Record<string, unknown> = {};
  for (const field of ['entry', 'exit'] as const) {
    const raw = config[field];
    if (raw === undefined) continue;
    const plain = refsOf(raw).map(plainRef);
    if (plain.length === 0 || stableJson(plain) !== stableJson(raw)) as[field] = raw;
  }
  if (node.kind === 'final' || node.kind === 'history')
    return Object.keys(as).length ? as : undefined;
  const explicitId = (n: StateNode) =>
    typeof n.config.id === 'string' && n.config.id ? n.config.id : undefined;
  const plainOf = (t: Transition): TransitionParts => ({
    targets: [
      ...t.targets.map((n) => plainTarget(t.source, n, ctx.tree.machineId, explicitId)),
      ...t.unresolved.map((u) => u.target),
    ],
    guard:
      t.config.guard !== undefined && t.guard !== undefined ? plainRef(t.config.guard) : undefined,
    actions: refsOf(t.config.actions).map(plainRef),
    reenter: t.config.reenter,
    description: t.config.description,
    meta: t.config.meta,
  });
  const differs = (raw: unknown, ts: Transition[]) =>
    stableJson(plainGroup(ts.map(plainOf))) !== stableJson(raw);
  for (const field of ['on', 'after'] as const) {
    const groups = config[field];
    if (!groups || typeof groups !== 'object') continue;
    const kept: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(groups)) {
      const ts = node.transitions.filter((t) => t.kind === field && t.event === key);
      if (differs(raw, ts)) kept[key] = raw;
    }
    if (Object.keys(kept).length) as[field] = kept;
  }
  if (config.always !== undefined) {
    if (
      differs(
        config.always,
        node.transitions.filter((t) => t.kind === 'always'),
      )
    )
      as.always = config.always;
  }
  if (config.onDone !== undefined && node !== ctx.tree.root) {
    if (
      differs(
        config.onDone,
        node.transitions.filter((t) => t.kind === 'onDone'),
      )
    )
      as.onDone = config.onDone;
  }
  if (Array.isArray(config.invoke) && config.invoke.length === 1) as.invokeList = true;
  const invokes = Array.isArray(config.invoke)
    ? config.invoke
    : config.invoke
      ? [config.invoke]
      : [];
  const outcomes: Record<string, Record<string, unknown>> = {};
  invokes.forEach((invoke, i) => {
    for (const [field, kind] of [
      ['onDone', 'invoke.onDone'],
      ['onError', 'invoke.onError'],
    ] as const) {
      const raw = invoke?.[field];
      if (raw === undefined) continue;
      const ts = node.transitions.filter((t) => t.kind === kind && invokeIndex(node, t) === i);
      if (differs(raw, ts)) outcomes[i] = { ...outcomes[i], [field]: raw };
    }
  });
  if (Object.keys(outcomes).length) as.invoke = outcomes;
  return Object.keys(as).length ? as : undefined;
}

function metaElement(note: Record<string, unknown>, indent: string): string[] {
  if (Object.keys(note).length === 0) return [];
  return [`${indent}<plumb:meta>${xmlText(xmlSafeJson(note))}</plumb:meta>`];
}

/** The content of a state element: annotations, entry and exit, invokes, transitions. */
function stateContent(ctx: Context, node: StateNode, indent: string): string[] {
  const id = ctx.names.ids.get(node);
  const out: string[] = [];
  const note = stateAnnotations(node, id);
  if (node === ctx.tree.root) {
    note.root = true;
    // The final states written beside the wrapper: where they stood among the others.
    const keys = node.children.map((child) => child.key);
    const written = [...node.children.filter((child) => !ctx.moved.has(child)), ...ctx.moved].map(
      (child) => child.key,
    );
    if (keys.some((key, i) => key !== written[i])) note.order = keys;
  }
  const as = shapesOf(ctx, node);
  if (as) note.as = as;
  out.push(...metaElement(note, indent));
  if (node.kind === 'history') {
    const ids = historyDefaults(node, ctx.tree)
      .map((target) => targetId(ctx, target))
      .filter((target) => target !== undefined);
    if (ids.length) out.push(element('transition', { target: ids.join(' ') }, [], indent));
    return out;
  }
  const inner = `${indent}  `;
  const final = node.kind === 'final';
  const timers = final ? [] : (ctx.names.timers.get(node) ?? []);
  const entry = [
    ...actionElements(refsOf(node.config.entry), inner),
    ...timers.map((timer) =>
      timer.ms === undefined
        ? element('raise', { event: timer.event }, [], inner)
        : element(
            'send',
            { event: timer.event, id: timer.event, delay: `${msText(timer.ms)}ms` },
            [],
            inner,
          ),
    ),
  ];
  if (entry.length) out.push(element('onentry', {}, entry, indent));
  const exit = [
    ...actionElements(refsOf(node.config.exit), inner),
    ...timers
      .filter((timer) => timer.ms !== undefined)
      .map((timer) => element('cancel', { sendid: timer.event }, [], inner)),
  ];
  if (exit.length) out.push(element('onexit', {}, exit, indent));

  if (final) return out;
  const invokes = Array.isArray(node.config.invoke)
    ? node.config.invoke
    : node.config.invoke
      ? [node.config.invoke]
      : [];
  const invokeIds = ctx.names.invokeIds.get(node) ?? [];
  invokes.forEach((invoke, i) => {
    const src = typeof invoke?.src === 'string' ? invoke.src : '';
    const note: Record<string, unknown> = { src };
    if (typeof invoke?.id === 'string') note.id = invoke.id;
    if (invoke?.input !== undefined) note.input = invoke.input;
    out.push(
      element(
        'invoke',
        {
          id: invokeIds[i],
          type: PLUMB_SERVICE,
          src: encodeURIComponent(src),
          'plumb:meta': xmlSafeJson(note),
        },
        [],
        indent,
      ),
    );
  });

  // XState's order: exact events, done and invoke outcomes, timers; eventless; wildcards last.
  const transitions = node.transitions.filter(
    (t) => !(node === ctx.tree.root && t.kind === 'onDone'),
  );
  const on = transitions.filter((t) => t.kind === 'on');
  const ordered: [Transition, string | undefined][] = [
    ...on.filter((t) => !isWildcard(t.event ?? '')).map((t) => [t, scxmlEvent(t.event ?? '')]),
  ] as [Transition, string | undefined][];
  for (const t of transitions) {
    if (t.kind === 'onDone') ordered.push([t, `done.state.${id}`]);
    else if (t.kind === 'invoke.onDone' || t.kind === 'invoke.onError') {
      const index = invokeIndex(node, t);
      const kind = t.kind === 'invoke.onDone' ? 'done.invoke' : 'error.platform';
      ordered.push([t, `${kind}.${invokeIds[index] ?? ''}`]);
    }
  }
  for (const timer of timers)
    for (const t of transitions)
      if (t.kind === 'after' && t.event !== undefined && timer.keys.includes(t.event))
        ordered.push([t, timer.event]);
  for (const t of transitions) if (t.kind === 'always') ordered.push([t, undefined]);
  const wildcards = on.filter((t) => isWildcard(t.event ?? ''));
  // A stable sort: longer descriptors first, as XState tries them.
  wildcards.sort((a, b) => (b.event ?? '').length - (a.event ?? '').length);
  for (const t of wildcards) ordered.push([t, scxmlEvent(t.event ?? '')]);
  for (const [t, event] of ordered) out.push(transitionElement(ctx, t, event, indent));
  return out;
}

function invokeIndex(node: StateNode, t: Transition): number {
  const match = t.jsonPath.slice(node.jsonPath.length).match(/^\.invoke\[(\d+)\]/);
  return match ? Number(match[1]) : 0;
}

function msText(ms: number): string {
  const value = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const text = String(value);
  return text.includes('e') ? value.toFixed(0) : text;
}

const TAG = { atomic: 'state', compound: 'state', parallel: 'parallel', final: 'final' } as const;

function stateElement(
  ctx: Context,
  node: StateNode,
  indent: string,
  skip?: Set<StateNode>,
): string {
  const id = ctx.names.ids.get(node);
  const inner = `${indent}  `;
  const children = stateContent(ctx, node, inner);
  for (const child of node.children)
    if (!skip?.has(child)) children.push(stateElement(ctx, child, inner));
  if (node.kind === 'history')
    return element(
      'history',
      { id, type: node.config.history === 'deep' ? 'deep' : 'shallow' },
      children,
      indent,
    );
  const initial =
    node.kind === 'compound' && node.initial && !skip?.has(node.initial)
      ? ctx.names.ids.get(node.initial)
      : undefined;
  return element(TAG[node.kind], { id, initial }, children, indent);
}

/** The SCXML document of a process's machine. */
export function exportScxml(process: ProcessFile): string {
  const { tree } = analyseForExport(process);
  const root = tree.root;
  const config = root.config;
  const wrapper =
    root.kind !== 'compound' ||
    root.transitions.some((t) => t.kind !== 'onDone') ||
    refsOf(config.entry).length > 0 ||
    refsOf(config.exit).length > 0 ||
    config.invoke !== undefined;
  // A compound machine's final states sit beside the wrapper: entering one ends the document.
  const moved = new Set(
    wrapper && root.kind === 'compound' ? root.children.filter((c) => c.kind === 'final') : [],
  );
  const names = scxmlNames(process, tree, wrapper);
  const ctx: Context = { process, tree, names, wrapper, moved };
  const children: string[] = [];
  const { machine: _machine, approval: _approval, $schema: _schema, ...rest } = process;
  children.push(`  <plumb:process>${xmlText(xmlSafeJson(rest))}</plumb:process>`);
  let initial: string | undefined;
  if (wrapper) {
    children.push(stateElement(ctx, root, '  ', moved));
    for (const final of moved) children.push(stateElement(ctx, final, '  '));
    initial =
      root.initial && moved.has(root.initial)
        ? ctx.names.ids.get(root.initial)
        : ctx.names.ids.get(root);
  } else {
    const note = stateAnnotations(root, undefined);
    children.push(...metaElement(note, '  '));
    for (const child of root.children) children.push(stateElement(ctx, child, '  '));
    initial = root.initial && ctx.names.ids.get(root.initial);
  }
  const document = element(
    'scxml',
    {
      xmlns: SCXML_NS,
      'xmlns:plumb': PLUMB_NS,
      version: '1.0',
      datamodel: 'ecmascript',
      // An NMTOKEN, purely informational (W3C SCXML 3.2.1); the machine id itself is in the root's
      // <plumb:meta>, so a machine id that is no NMTOKEN is left out rather than written broken.
      name: isNmToken(tree.machineId) ? tree.machineId : undefined,
      initial,
    },
    children,
    '',
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${document}\n`;
}
