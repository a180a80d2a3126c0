// An SCXML document as an XState v5 machine config that behaves the same: states keyed by their
// SCXML ids, transitions in SCXML's order and with its exits and entries, defaults, history,
// timers, and executable content as named actions. What cannot be kept exactly is a warning.

import type {
  ActionDef,
  ConditionDef,
  InvokeConfig,
  MachineConfig,
  ServiceDef,
  StateConfig,
  TransitionConfig,
  TransitionsConfig,
} from '../model/types';
import { identifier, NameTable } from './names';
import { ActionNames, type Loss, writeElement } from './scxmlActions';
import { type Defaults, historyTargetOf, initialOf } from './scxmlDefaults';
import { isCompound, type ScDocument, type ScState, type ScTransition } from './scxmlDocument';
import { needsReenter, scxmlDomain, xstateDomain } from './scxmlDomain';
import { eventKeys, type PlatformEvent, transitionsFor } from './scxmlEvents';
import { findTimers } from './scxmlTimers';
import type { XmlElement } from './xml';

/** A state of the machine being built: an SCXML state, or one the import adds. */
export interface Node {
  key: string;
  /** Keys from the root. */
  path: string[];
  parent: Node | null;
  state?: ScState;
}

export interface BuiltMachine {
  machine: MachineConfig;
  events: string[];
  conditions: Record<string, ConditionDef>;
  actions: Record<string, ActionDef>;
  services: Record<string, ServiceDef>;
  warnings: string[];
  losses: Loss[];
}

/** A key XState can carry: no `.` (path separator), `#` (id reference) or `\` (escape); and not
 * integer-like, which JavaScript would move ahead of the other keys, out of document order. */
export function stateKey(id: string): string {
  const key = id.replace(/[.#\\]/g, '_');
  return /^(0|[1-9]\d*)$/.test(key) ? `_${key}` : key;
}

export function buildMachine(doc: ScDocument, machineId: string): BuiltMachine {
  const warnings: string[] = [];
  const losses: Loss[] = [];
  const actions = new ActionNames();
  const conditions: Record<string, ConditionDef> = {};
  const conditionNames = new NameTable();
  const services: Record<string, ServiceDef> = {};
  const serviceNames = new NameTable();
  const nodes = new Map<ScState, Node>();
  const siblings = new Map<ScState, NameTable>();
  const lose = (what: string, line: number) => {
    const loss = losses.find((l) => l.what === what);
    if (loss) loss.lines.push(line);
    else losses.push({ what, lines: [line], names: [] });
  };

  const rootNode: Node = { key: '', path: [], parent: null, state: doc.root };
  nodes.set(doc.root, rootNode);
  for (const state of doc.states) {
    const scxmlParent = state.parent as ScState;
    const parent = nodes.get(scxmlParent) as Node;
    const table = siblings.get(scxmlParent) ?? new NameTable();
    siblings.set(scxmlParent, table);
    const wanted = stateKey(state.id);
    const { name } = table.name(state.id, wanted);
    if (name !== wanted)
      warnings.push(
        `line ${state.element.line}: the state "${state.id}" is keyed "${name}", as "${wanted}" is taken by a sibling`,
      );
    nodes.set(state, { key: name, path: [...parent.path, name], parent, state });
  }
  const nodeOf = (state: ScState) => nodes.get(state) as Node;
  const byId = (id: string) => doc.byId.get(id) as ScState;
  const xstateId = (node: Node) => [machineId, ...node.path].join('.');

  /** How a transition written in `from` names `to`: a sibling by key, a descendant by `.path`,
   * anything else by `#machineId.path`. */
  const ref = (from: Node, to: Node): string => {
    if (from.parent && to.parent === from.parent) return to.key;
    if (to.path.length > from.path.length && from.path.every((key, i) => to.path[i] === key))
      return `.${to.path.slice(from.path.length).join('.')}`;
    return `#${[machineId, ...to.path].join('.')}`;
  };

  const platform: PlatformEvent[] = [];
  for (const state of doc.states) {
    if (isCompound(state) || state.kind === 'parallel')
      platform.push({
        scxml: `done.state.${state.id}`,
        xstate: `xstate.done.state.${xstateId(nodeOf(state))}`,
      });
    for (const invoke of state.invokes)
      if (invoke.attributes.id)
        platform.push({
          scxml: `done.invoke.${invoke.attributes.id}`,
          xstate: `xstate.done.actor.${invoke.attributes.id}`,
        });
  }

  const conditionName = (expression: string): string => {
    const { name, fresh } = conditionNames.name(expression, identifier(expression, 'condition'));
    if (fresh) conditions[name] = { question: expression, probability: 0.5 };
    return name;
  };

  const { timers, warnings: timerWarnings } = findTimers(doc);
  warnings.push(...timerWarnings);
  const timerParts = new Set<unknown>();
  for (const each of timers.values())
    for (const timer of each) {
      timerParts.add(timer.send);
      timerParts.add(timer.cancel);
    }

  const built = new Map<ScTransition, TransitionConfig | string>();
  const transition = (t: ScTransition, from: Node): TransitionConfig | string => {
    const known = built.get(t);
    if (known !== undefined) return typeof known === 'string' ? known : structuredClone(known);
    const targets = t.targets.map(byId);
    const reenter = needsReenter(t, targets);
    const names: string[] = [];
    const after: string[] = [];
    const inScxml = scxmlDomain(t, targets);
    const inXState = xstateDomain(t, targets, reenter);
    if (inScxml !== inXState && inXState) {
      const where = `line ${t.line}: the transition from "${t.source.id}" to ${t.targets.map((id) => `"${id}"`).join(', ')}`;
      if (inXState.kind === 'parallel' && inXState.parent === inScxml) {
        // SCXML leaves the parallel state and enters it again; XState stays in it. Its exit and
        // entry content run as the transition's actions, where SCXML runs them: after the states
        // inside are left and before they are entered again.
        const exit = inXState.onexit.filter((e) => !timerParts.has(e));
        const entry = inXState.onentry.filter((e) => !timerParts.has(e));
        if (exit.length > 0 || entry.length > 0) {
          names.push(...actions.names(exit));
          after.push(...actions.names(entry));
          warnings.push(
            `${where} leaves and re-enters the parallel state "${inXState.id}" in SCXML; XState stays in it, so its <onexit> and <onentry> content run as the transition's actions`,
          );
        }
        const restarts = [
          inXState.children.some((child) => child.kind === 'history') && 'records its history',
          timers.has(inXState) && 'restarts its timers',
          inXState.invokes.length > 0 && 'restarts its invoked services',
        ].filter(Boolean);
        if (restarts.length > 0)
          warnings.push(
            `${where} leaves and re-enters the parallel state "${inXState.id}" in SCXML, which ${restarts.join(' and ')}; XState stays in it and does not`,
          );
      } else
        warnings.push(
          `${where} leaves "${inScxml?.id ?? 'the document'}" in SCXML but only "${inXState.id}" in XState: the states left and entered differ`,
        );
    }
    names.push(...actions.names(t.content), ...after);
    const config: TransitionConfig = {};
    const refs = targets.map((target) => ref(from, nodeOf(target)));
    if (refs.length === 1) config.target = refs[0];
    else if (refs.length > 1) config.target = refs;
    if (t.cond !== undefined) config.guard = conditionName(t.cond);
    if (names.length > 0) config.actions = names.length === 1 ? names[0] : names;
    if (reenter) config.reenter = true;
    const out =
      Object.keys(config).length === 1 && typeof config.target === 'string'
        ? config.target
        : config;
    built.set(t, out);
    return typeof out === 'string' ? out : structuredClone(out);
  };
  const list = (ts: ScTransition[], from: Node): TransitionsConfig => {
    const configs = ts.map((t) => transition(t, from));
    return configs.length === 1 ? configs[0] : configs;
  };

  const defaults: Defaults = { doc, nodes, siblings, ref, actions, warnings, lose };
  const events: string[] = [];
  const timerEvents = new Set<string>();

  const build = (state: ScState): StateConfig => {
    const node = nodeOf(state);
    const config: StateConfig = {};
    if (state.kind === 'parallel') config.type = 'parallel';
    else if (state.kind === 'final') config.type = 'final';
    else if (state.kind === 'history') {
      config.type = 'history';
      config.history = state.history;
    }
    let extraStates: [string, StateConfig][] = [];
    if (state.kind === 'history') {
      const target = historyTargetOf(defaults, state);
      if (target !== undefined) config.target = target;
    }
    if (isCompound(state)) {
      const initial = initialOf(defaults, state);
      config.initial = initial.key;
      if (initial.synthetic) extraStates.push(initial.synthetic);
    }
    const meta = metaOf(state, node);
    if (meta) config.meta = meta;
    const entry = actions.names(state.onentry.filter((e) => !timerParts.has(e)));
    const exit = actions.names(state.onexit.filter((e) => !timerParts.has(e)));
    if (entry.length > 0) config.entry = entry.length === 1 ? entry[0] : entry;
    if (exit.length > 0) config.exit = exit.length === 1 ? exit[0] : exit;

    const { keys, events: named } = eventKeys(state.transitions, platform);
    const listed = new Set([...keys.values()].flat());
    for (const t of state.transitions)
      if (t.events !== undefined && !listed.has(t))
        warnings.push(
          `line ${t.line}: the transition on ${t.events.join(' ')} in "${state.id}" is left out: no state or invoke of the document raises that event, so SCXML never takes it either`,
        );
    for (const timer of timers.get(state) ?? []) {
      keys.delete(timer.event);
      keys.delete(`${timer.event}.*`);
      timerEvents.add(timer.event);
    }
    for (const event of named) if (!events.includes(event)) events.push(event);
    const invokes = state.invokes.map((element) => {
      const invoke = invokeOf(element);
      const done = element.attributes.id && `xstate.done.actor.${element.attributes.id}`;
      const onDone = done ? keys.get(done) : undefined;
      if (done && onDone) {
        invoke.onDone = list(onDone, node);
        keys.delete(done);
      }
      return invoke;
    });
    if (invokes.length > 0) config.invoke = invokes.length === 1 ? invokes[0] : invokes;
    const ownDone = `xstate.done.state.${xstateId(node)}`;
    const onDone = keys.get(ownDone);
    keys.delete(ownDone);
    if (keys.size > 0) {
      config.on = {};
      for (const [key, ts] of keys) config.on[key] = list(ts, node);
    }
    const ownTimers = timers.get(state) ?? [];
    if (ownTimers.length > 0) {
      config.after = {};
      for (const timer of ownTimers)
        config.after[String(timer.ms)] = list(transitionsFor(state.transitions, timer.event), node);
    }
    const eventless = state.transitions.filter((t) => t.events === undefined);
    if (eventless.length > 0) config.always = list(eventless, node);
    if (onDone) config.onDone = list(onDone, node);

    if (state.children.length > 0) {
      const states: Record<string, StateConfig> = {};
      const initialFirst = extraStates.filter(([key]) => key.startsWith('$initial'));
      extraStates = extraStates.filter(([key]) => !key.startsWith('$initial'));
      for (const [key, synthetic] of initialFirst) states[key] = synthetic;
      for (const child of state.children) {
        states[nodeOf(child).key] = build(child);
        if (child.kind === 'history') {
          const synthetic = defaults.historySynthetic?.get(child);
          if (synthetic) extraStates.push(synthetic);
        }
      }
      for (const [key, synthetic] of extraStates) states[key] = synthetic;
      config.states = states;
    }
    return config;
  };

  const metaOf = (state: ScState, node: Node): StateConfig['meta'] => {
    const meta: Record<string, unknown> = {};
    if (!state.generated && node.key !== state.id) meta.scxmlId = state.id;
    return Object.keys(meta).length > 0 ? meta : undefined;
  };

  const invokeOf = (element: XmlElement): InvokeConfig => {
    const a = element.attributes;
    const what = a.src ?? a.srcexpr ?? a.type ?? a.typeexpr ?? 'service';
    const { name, fresh } = serviceNames.name(what, identifier(what, 'service'));
    if (fresh)
      services[name] = {
        description: `SCXML <invoke${a.type ? ` type="${a.type}"` : ''}${a.src ? ` src="${a.src}"` : ''}>`,
      };
    if (
      element.children.length > 0 ||
      a.autoforward === 'true' ||
      a.namelist ||
      a.srcexpr ||
      a.typeexpr ||
      a.idlocation
    )
      lose(
        `what <invoke> passes to and from its service (${writeElement(element).slice(0, 80)})`,
        element.line,
      );
    const invoke: InvokeConfig = { src: name };
    if (a.id) invoke.id = a.id;
    return invoke;
  };

  const root = build(doc.root);
  const machine: MachineConfig = { id: machineId, ...root };
  return {
    machine,
    events: events.filter((event) => !timerEvents.has(event)),
    conditions,
    actions: actions.actions,
    services,
    warnings,
    losses: [...losses, ...actions.lost()],
  };
}
