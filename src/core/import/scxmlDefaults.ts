// Default entries: a compound state's initial state and a history state's default.
//
// XState's `initial` names one child, and a history's `target` one state below its parent, with no
// actions. SCXML may name descendants, several states (in the regions of a parallel state), and run
// executable content. When the states named are exactly those a default entry of one child reaches,
// that child is the `initial`; otherwise the import adds a passing state (`$initial`, or
// `$<history>_default`) whose `always` transition enters the named states and runs the content,
// inside the state, as SCXML does.

import type { StateConfig, TransitionConfig } from '../model/types';
import type { NameTable } from './names';
import type { ActionNames } from './scxmlActions';
import { isCompound, isProperDescendant, type ScDocument, type ScState } from './scxmlDocument';
import type { Node } from './scxmlMachine';
import type { XmlElement } from './xml';

export interface Defaults {
  doc: ScDocument;
  nodes: Map<ScState, Node>;
  siblings: Map<ScState, NameTable>;
  ref: (from: Node, to: Node) => string;
  actions: ActionNames;
  warnings: string[];
  lose: (what: string, line: number) => void;
  /** Passing states added beside history states, by history state. */
  historySynthetic?: Map<ScState, [string, StateConfig]>;
}

const simpleMemo = new WeakMap<ScState, ScState | null>();

/** The child of `state` whose default entry reaches exactly the states its initial names. */
export function simpleInitial(doc: ScDocument, state: ScState): ScState | undefined {
  const memo = simpleMemo.get(state);
  if (memo !== undefined) return memo ?? undefined;
  const found = findSimpleInitial(doc, state);
  simpleMemo.set(state, found ?? null);
  return found;
}

function findSimpleInitial(doc: ScDocument, state: ScState): ScState | undefined {
  const initial = state.initial;
  if (!initial || initial.content.length > 0) return undefined;
  const targets = initial.targets.map((id) => doc.byId.get(id) as ScState);
  if (targets.length === 1 && targets[0].parent === state) return targets[0];
  return impliedChild(doc, state, targets);
}

/** The child of `parent` whose default entry enters exactly `targets`, if there is one. */
function impliedChild(doc: ScDocument, parent: ScState, targets: ScState[]): ScState | undefined {
  let child: ScState | undefined = targets[0];
  while (child && child.parent !== parent) child = child.parent ?? undefined;
  if (!child) return undefined;
  for (const target of targets) {
    if (target.kind === 'history') return undefined;
    if (target !== child && !isProperDescendant(target, child)) return undefined;
    for (let x: ScState = target; x !== child; x = x.parent as ScState) {
      const up = x.parent as ScState;
      if (up.kind === 'parallel') continue;
      if (simpleInitial(doc, up) !== x) return undefined;
    }
  }
  return child;
}

/** A passing state in `parent` that enters `targets` at once, running `content` on the way. */
function passingState(
  d: Defaults,
  parent: ScState,
  wanted: string,
  targets: string[],
  content: XmlElement[],
  description: string,
): [string, StateConfig] {
  const parentNode = d.nodes.get(parent) as Node;
  const { name } = (d.siblings.get(parent) as NameTable).name(`\u0000${wanted}`, wanted);
  const node: Node = { key: name, path: [...parentNode.path, name], parent: parentNode };
  const refs = targets.map((id) => d.ref(node, d.nodes.get(d.doc.byId.get(id) as ScState) as Node));
  const always: TransitionConfig = { target: refs.length === 1 ? refs[0] : refs };
  const names = d.actions.names(content);
  if (names.length > 0) always.actions = names.length === 1 ? names[0] : names;
  return [name, { description, always }];
}

/** The `initial` of a compound state, and the passing state it needs, if any. */
export function initialOf(
  d: Defaults,
  state: ScState,
): { key: string; synthetic?: [string, StateConfig] } {
  const simple = simpleInitial(d.doc, state);
  if (simple) return { key: (d.nodes.get(simple) as Node).key };
  const initial = state.initial as NonNullable<ScState['initial']>;
  const synthetic = passingState(
    d,
    state,
    '$initial',
    initial.targets,
    initial.content,
    `Added by the SCXML import: enters ${initial.targets.join(' and ')} as the initial state${initial.content.length > 0 ? ", running the <initial> transition's content" : ''}.`,
  );
  return { key: synthetic[0], synthetic };
}

/** The `target` of a history state (a path below its parent), or undefined for the parent's default. */
export function historyTargetOf(d: Defaults, history: ScState): string | undefined {
  const parent = history.parent as ScState;
  const transition = history.historyDefault;
  if (!transition) return undefined;
  const targets = transition.targets.map((id) => d.doc.byId.get(id) as ScState);
  const parentNode = d.nodes.get(parent) as Node;
  const pathBelow = (target: ScState) =>
    (d.nodes.get(target) as Node).path.slice(parentNode.path.length).join('.');
  if (targets.length === 1 && transition.content.length === 0) return pathBelow(targets[0]);
  if (isCompound(parent)) {
    const historyKey = (d.nodes.get(history) as Node).key;
    const synthetic = passingState(
      d,
      parent,
      `$${historyKey}_default`,
      transition.targets,
      transition.content,
      `Added by the SCXML import: the default of the history "${history.id}", entering ${transition.targets.join(' and ')}${transition.content.length > 0 ? ' and running its content' : ''}.`,
    );
    d.historySynthetic ??= new Map();
    d.historySynthetic.set(history, synthetic);
    return synthetic[0];
  }
  // In a parallel state a passing state would be one more region: say what cannot be kept.
  const defaultEntry =
    transition.content.length === 0 &&
    targets.every((target) => {
      for (let x: ScState = target; x.parent !== parent; x = x.parent as ScState) {
        const up = x.parent as ScState;
        if (up.kind !== 'parallel' && simpleInitial(d.doc, up) !== x) return false;
      }
      return target.kind !== 'history';
    });
  if (defaultEntry) return undefined;
  d.warnings.push(
    `line ${transition.line}: the default of the history "${history.id}" in the parallel state "${parent.id}" enters ${transition.targets.join(' and ')}${transition.content.length > 0 ? ' and runs content' : ''}; XState's history default in a parallel state is one state with no actions, so it enters "${targets[0].id}" only`,
  );
  d.lose(`the default of the history "${history.id}" beyond "${targets[0].id}"`, transition.line);
  return pathBelow(targets[0]);
}
