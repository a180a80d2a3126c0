// Reading an SCXML element tree into its states and transitions, as the W3C recommendation
// defines them: ids (generated where missing), document order, initial, history, executable
// content kept as elements. Nothing here decides how XState carries it (see scxmlMachine.ts).

import { ImportError } from './errors';
import type { XmlElement } from './xml';

export const SCXML_NS = 'http://www.w3.org/2005/07/scxml';

export type ScKind = 'scxml' | 'state' | 'parallel' | 'final' | 'history';

export interface ScTransition {
  source: ScState;
  /** Event descriptors as written (split on spaces); undefined for an eventless transition. */
  events: string[] | undefined;
  cond?: string;
  /** Target ids (the `target` attribute split on spaces). */
  targets: string[];
  /** `type="internal"`. */
  internal: boolean;
  content: XmlElement[];
  line: number;
}

export interface ScInitial {
  targets: string[];
  content: XmlElement[];
  line: number;
  /** True for the first-child default when the document names no initial state. */
  implicit: boolean;
}

export interface ScState {
  kind: ScKind;
  id: string;
  /** True when the document gave no id and one was made up. */
  generated: boolean;
  element: XmlElement;
  parent: ScState | null;
  /** Child states (state, parallel, final, history) in document order. */
  children: ScState[];
  transitions: ScTransition[];
  onentry: XmlElement[];
  onexit: XmlElement[];
  /** For the root and compound states: the default entry. */
  initial?: ScInitial;
  /** For history states: shallow or deep, and the default transition. */
  history?: 'shallow' | 'deep';
  historyDefault?: ScTransition;
  invokes: XmlElement[];
  /** Data, scripts and other content that is not a state nor executable content. */
  datamodel: XmlElement[];
  donedata?: XmlElement;
}

export interface ScDocument {
  root: ScState;
  /** Every state but the root, in document order. */
  states: ScState[];
  byId: Map<string, ScState>;
  name?: string;
  /** Top-level scripts, and `datamodel`/`binding` attributes of the root. */
  scripts: XmlElement[];
  foreign: XmlElement[];
  ignored: { element: XmlElement; why: string }[];
}

/** `<state>` with child states (SCXML's isCompoundState), or the root. */
export const isCompound = (state: ScState) =>
  (state.kind === 'state' || state.kind === 'scxml') &&
  state.children.some((child) => child.kind !== 'history');

export const isAtomic = (state: ScState) =>
  state.kind === 'final' || (state.kind === 'state' && !isCompound(state));

const splitList = (text: string | undefined) => (text ?? '').split(/\s+/).filter(Boolean);

/** Reads the states of an SCXML document. Throws ImportError (with the line) when it is not one. */
export function readScxml(root: XmlElement): ScDocument {
  const inScxml = (element: XmlElement) =>
    root.uri === SCXML_NS ? element.uri === SCXML_NS : element.uri === '';
  if (root.local !== 'scxml' || !inScxml(root))
    throw new ImportError(
      `not SCXML: the root element is <${root.name}>${root.uri ? ` in the namespace ${root.uri}` : ''}, not <scxml xmlns="${SCXML_NS}">`,
      root,
    );
  const doc: ScDocument = {
    root: undefined as unknown as ScState,
    states: [],
    byId: new Map(),
    name: root.attributes.name,
    scripts: [],
    foreign: [],
    ignored: [],
  };
  const pendingIds: ScState[] = [];

  const makeState = (kind: ScKind, element: XmlElement, parent: ScState | null): ScState => {
    const state: ScState = {
      kind,
      id: element.attributes.id ?? '',
      generated: element.attributes.id === undefined || element.attributes.id === '',
      element,
      parent,
      children: [],
      transitions: [],
      onentry: [],
      onexit: [],
      invokes: [],
      datamodel: [],
    };
    if (kind === 'scxml') return state;
    doc.states.push(state);
    if (state.generated) pendingIds.push(state);
    else {
      const twin = doc.byId.get(state.id);
      if (twin)
        throw new ImportError(
          `the id "${state.id}" is used by two states (lines ${twin.element.line} and ${element.line}): SCXML ids are unique`,
          element,
        );
      doc.byId.set(state.id, state);
    }
    return state;
  };

  const readTransition = (element: XmlElement, source: ScState): ScTransition => {
    const event = element.attributes.event;
    const type = element.attributes.type;
    if (type !== undefined && type !== 'internal' && type !== 'external')
      throw new ImportError(
        `<transition type="${type}">: the type is "internal" or "external"`,
        element,
      );
    const content = element.children.filter((child) => {
      if (inScxml(child)) return true;
      doc.foreign.push(child);
      return false;
    });
    return {
      source,
      events: event === undefined || event.trim() === '' ? undefined : splitList(event),
      cond: element.attributes.cond,
      targets: splitList(element.attributes.target),
      internal: type === 'internal',
      content,
      line: element.line,
    };
  };

  const executable = (element: XmlElement): XmlElement[] =>
    element.children.filter((child) => {
      if (inScxml(child)) return true;
      doc.foreign.push(child);
      return false;
    });

  const readChildren = (state: ScState) => {
    for (const child of state.element.children) {
      if (!inScxml(child)) {
        doc.foreign.push(child);
        continue;
      }
      const where = `<${child.local}> in <${state.element.local}>`;
      const allowed = ALLOWED[state.kind];
      if (!allowed.includes(child.local)) {
        doc.ignored.push({ element: child, why: `${where} is not SCXML` });
        continue;
      }
      switch (child.local) {
        case 'state':
        case 'parallel':
        case 'final':
        case 'history': {
          const inner = makeState(child.local, child, state);
          state.children.push(inner);
          readChildren(inner);
          break;
        }
        case 'transition':
          state.transitions.push(readTransition(child, state));
          break;
        case 'onentry':
          state.onentry.push(...executable(child));
          break;
        case 'onexit':
          state.onexit.push(...executable(child));
          break;
        case 'initial': {
          const transition = child.children.find((c) => inScxml(c) && c.local === 'transition');
          if (!transition)
            throw new ImportError('<initial> needs a <transition> with a target', child);
          const read = readTransition(transition, state);
          if (state.element.attributes.initial !== undefined)
            doc.ignored.push({
              element: child,
              why: `<${state.element.local} id="${state.id}"> has both an initial="..." attribute and an <initial> element: the <initial> element is used`,
            });
          state.initial = {
            targets: read.targets,
            content: read.content,
            line: child.line,
            implicit: false,
          };
          break;
        }
        case 'invoke':
          state.invokes.push(child);
          break;
        case 'donedata':
          state.donedata = child;
          break;
        case 'datamodel':
          state.datamodel.push(child);
          break;
        case 'script':
          doc.scripts.push(child);
          break;
      }
    }
  };

  const root0 = makeState('scxml', root, null);
  doc.root = root0;
  readChildren(root0);
  if (root0.children.length === 0)
    throw new ImportError('not a state machine: <scxml> holds no state', root);

  // Ids for states without one, unlike any id the document uses.
  const counters = new Map<string, number>();
  for (const state of pendingIds) {
    let n = counters.get(state.kind) ?? 0;
    let id: string;
    do id = `${state.kind}_${++n}`;
    while (doc.byId.has(id));
    counters.set(state.kind, n);
    state.id = id;
    doc.byId.set(id, state);
  }

  for (const state of [root0, ...doc.states]) {
    readInitial(state);
    if (state.kind === 'history') readHistory(state);
  }
  for (const state of doc.states)
    for (const transition of state.transitions) checkTargets(doc, transition.targets, transition);
  checkDefaults(doc);
  return doc;
}

const EXECUTABLE_HOLDERS = ['onentry', 'onexit', 'transition'];
const ALLOWED: Record<ScKind, string[]> = {
  scxml: ['state', 'parallel', 'final', 'datamodel', 'script'],
  state: [
    'state',
    'parallel',
    'final',
    'history',
    'initial',
    'datamodel',
    'invoke',
    ...EXECUTABLE_HOLDERS,
  ],
  parallel: ['state', 'parallel', 'history', 'datamodel', 'invoke', ...EXECUTABLE_HOLDERS],
  final: ['onentry', 'onexit', 'donedata'],
  history: ['transition'],
};

function readInitial(state: ScState): void {
  if (!isCompound(state)) {
    if (state.element.attributes.initial !== undefined || state.initial)
      throw new ImportError(
        state.kind === 'parallel'
          ? `<parallel id="${state.id}"> has an initial state: a parallel state enters all its children`
          : `<state id="${state.id}"> names an initial state but has no child states`,
        state.element,
      );
    return;
  }
  if (state.initial) return; // an <initial> element
  const attribute = splitList(state.element.attributes.initial);
  if (attribute.length > 0) {
    state.initial = { targets: attribute, content: [], line: state.element.line, implicit: false };
    return;
  }
  const first = state.children.find((child) => child.kind !== 'history');
  if (first)
    state.initial = { targets: [first.id], content: [], line: state.element.line, implicit: true };
}

function readHistory(state: ScState): void {
  const type = state.element.attributes.type ?? 'shallow';
  if (type !== 'shallow' && type !== 'deep')
    throw new ImportError(
      `<history type="${type}">: the type is "shallow" or "deep"`,
      state.element,
    );
  state.history = type;
  const [transition] = state.transitions;
  if (!transition || transition.targets.length === 0)
    throw new ImportError(
      `<history id="${state.id}"> needs a <transition target="..."> to the state to enter when there is no history yet`,
      state.element,
    );
  state.historyDefault = transition;
  state.transitions = [];
}

function checkTargets(
  doc: ScDocument,
  targets: string[],
  where: { line: number; source: ScState },
): void {
  for (const target of targets)
    if (!doc.byId.has(target))
      throw new ImportError(
        `the transition in "${where.source.id}" targets "${target}", which is no state's id`,
        { line: where.line },
      );
}

/** Checks the targets of initial and history defaults: they exist and lie inside their state. */
function checkDefaults(doc: ScDocument): void {
  for (const state of [doc.root, ...doc.states]) {
    const defaults: { targets: string[]; line: number; within: ScState; what: string }[] = [];
    if (state.initial && !state.initial.implicit)
      defaults.push({
        targets: state.initial.targets,
        line: state.initial.line,
        within: state,
        what: 'initial state',
      });
    if (state.historyDefault && state.parent)
      defaults.push({
        targets: state.historyDefault.targets,
        line: state.historyDefault.line,
        within: state.parent,
        what: 'history default',
      });
    for (const { targets, line, within, what } of defaults)
      for (const target of targets) {
        const found = doc.byId.get(target);
        if (!found)
          throw new ImportError(
            `the ${what} of "${state.kind === 'scxml' ? '<scxml>' : state.id}" is "${target}", which is no state's id`,
            { line },
          );
        if (!isProperDescendant(found, within))
          throw new ImportError(
            `the ${what} of "${state.kind === 'scxml' ? '<scxml>' : state.id}" is "${target}", which is not inside ${within.kind === 'scxml' ? 'the document' : `"${within.id}"`}`,
            { line },
          );
      }
  }
}

export function isProperDescendant(state: ScState, ancestor: ScState): boolean {
  for (let p = state.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Proper ancestors from the parent up to the root. */
export function ancestors(state: ScState): ScState[] {
  const out: ScState[] = [];
  for (let p = state.parent; p; p = p.parent) out.push(p);
  return out;
}
