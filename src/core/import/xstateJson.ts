// XState JSON → process file: the machine config unchanged (XState v4's `cond` renamed `guard`),
// with the catalogues inferred from what the machine uses: events from every `on` key, conditions
// from every guard, actions from every entry, exit and transition action, services from every
// invoke, roles from every `meta.role`, and named delays declared with a placeholder length.

import { parseJson, validateProcess } from '../model/parse';
import { refName } from '../model/tree';
import type {
  ActionDef,
  ConditionDef,
  DelayDef,
  EventDef,
  MachineConfig,
  ProcessFile,
  Role,
  ServiceDef,
} from '../model/types';
import { ImportError, type ImportResult } from './errors';
import { humanise, kebabCase } from './names';

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The length given to a named delay that the JSON does not define. */
export const PLACEHOLDER_DELAY: DelayDef = { ms: 60_000 };

export interface XStateJsonOptions {
  /** Where the machine came from, for the process id when the machine has none (a file name). */
  name?: string;
}

/** Whether a parsed JSON value looks like a machine config, a `{ machine }` wrapper or a process. */
export function looksLikeMachine(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isObject(value.machine)) return true;
  return isObject(value.states) || typeof value.initial === 'string' || value.type === 'parallel';
}

/**
 * A process file from an XState machine config: the object `createMachine` takes, `{ "machine" }`
 * around it (catalogues beside it are kept), or JSON text of either. Throws ImportError.
 */
export function importXStateJson(
  input: unknown,
  options: XStateJsonOptions = {},
): ImportResult<ProcessFile> {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    if (parsed.problems.length > 0) {
      const [problem] = parsed.problems;
      throw new ImportError(problem.message, problem);
    }
    value = parsed.value;
  }
  if (!looksLikeMachine(value))
    throw new ImportError(
      'not an XState machine: expected a machine config with "states" (the object createMachine takes), or { "machine": {...} }',
      { line: typeof input === 'string' ? firstLine(input) : undefined },
    );
  const warnings: string[] = [];
  const top = value as Obj;
  if (top.plumb === 1) {
    const checked = validateProcess(top);
    if (!checked.process) throw invalid(checked.problems);
    warnings.push('this is already a Plumb process file: it is kept as it is');
    return { process: checked.process, warnings };
  }
  const wrapper: Obj = isObject(top.machine) ? top : {};
  let machine = (isObject(top.machine) ? top.machine : top) as MachineConfig;
  if (needsV5Names(machine)) {
    machine = structuredClone(machine);
    renameV4(machine, 'machine', warnings);
  }

  const found = inferCatalogues(machine);
  const catalogue = <T>(key: string, inferred: Map<string, T>): Record<string, T> => {
    const given = isObject(wrapper[key]) ? (wrapper[key] as Record<string, T>) : {};
    const out: Record<string, T> = { ...given };
    for (const [name, def] of inferred) if (!Object.hasOwn(out, name)) out[name] = def;
    return out;
  };
  const delays = catalogue('delays', found.delays);
  for (const name of found.delays.keys())
    if (!isObject(wrapper.delays) || !Object.hasOwn(wrapper.delays, name))
      warnings.push(
        `the delay "${name}" is named but its length is not in the machine: declared as 1 minute, a placeholder; set its real length under "delays"`,
      );

  const machineId = typeof machine.id === 'string' ? machine.id : '';
  const id =
    (typeof wrapper.id === 'string' && wrapper.id) ||
    kebabCase(machineId) ||
    kebabCase(options.name ?? '') ||
    'imported-process';
  const process: ProcessFile = {
    plumb: 1,
    id,
    title:
      typeof wrapper.title === 'string'
        ? wrapper.title
        : humanise(machineId || options.name || id) || id,
    stage: typeof wrapper.stage === 'string' ? wrapper.stage : 'as-is',
  } as ProcessFile;
  if (typeof wrapper.description === 'string') process.description = wrapper.description;
  const roles = catalogue<Role>('roles', found.roles);
  if (Object.keys(roles).length > 0) process.roles = roles;
  process.events = catalogue<EventDef>('events', found.events);
  const sections: [string, Record<string, unknown>][] = [
    ['conditions', catalogue<ConditionDef>('conditions', found.conditions)],
    ['actions', catalogue<ActionDef>('actions', found.actions)],
    ['services', catalogue<ServiceDef>('services', found.services)],
    ['delays', delays],
  ];
  for (const [key, map] of sections) if (Object.keys(map).length > 0) process[key] = map;
  process.machine = machine;

  const checked = validateProcess(process);
  if (!checked.process) throw invalid(checked.problems);
  return { process: checked.process, warnings };
}

/** The line where the JSON value starts. */
function firstLine(text: string): number {
  const start = text.search(/\S/);
  return start < 0 ? 1 : text.slice(0, start).split('\n').length;
}

function invalid(problems: { path: string; message: string }[]): ImportError {
  return new ImportError(
    `not a machine Plumb can read:\n${problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}`,
  );
}

interface Found {
  events: Map<string, EventDef>;
  conditions: Map<string, ConditionDef>;
  actions: Map<string, ActionDef>;
  services: Map<string, ServiceDef>;
  delays: Map<string, DelayDef>;
  roles: Map<string, Role>;
}

/** An `after` key XState reads as milliseconds. */
const isMilliseconds = (key: string) => key.trim() !== '' && Number.isFinite(Number(key));

/** A name the machine uses, unless it is one of XState's own (`xstate.*`). */
const own = (name: string | undefined): name is string =>
  typeof name === 'string' && name !== '' && !name.startsWith('xstate.');

/** Every event, guard, action, service, delay and role the machine names, in the order met. */
export function inferCatalogues(machine: MachineConfig): Found {
  const found: Found = {
    events: new Map(),
    conditions: new Map(),
    actions: new Map(),
    services: new Map(),
    delays: new Map(),
    roles: new Map(),
  };
  const action = (ref: unknown) => {
    const name = refName(ref as never);
    if (own(name) && !found.actions.has(name)) found.actions.set(name, {});
  };
  const actions = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(action);
    else if (value !== undefined) action(value);
  };
  const transitions = (value: unknown) => {
    for (const transition of Array.isArray(value) ? value : [value]) {
      if (!isObject(transition)) continue;
      const guard = refName(transition.guard as never);
      if (own(guard) && !found.conditions.has(guard))
        found.conditions.set(guard, { question: `${guard}?`, probability: 0.5 });
      actions(transition.actions);
    }
  };
  const stack: unknown[] = [machine];
  while (stack.length > 0) {
    const state = stack.shift();
    if (!isObject(state)) continue;
    actions(state.entry);
    actions(state.exit);
    if (isObject(state.meta) && typeof state.meta.role === 'string' && state.meta.role)
      if (!found.roles.has(state.meta.role))
        found.roles.set(state.meta.role, { title: humanise(state.meta.role) || state.meta.role });
    if (isObject(state.on))
      for (const [event, value] of Object.entries(state.on)) {
        if (!event.includes('*') && own(event) && !found.events.has(event))
          found.events.set(event, {});
        transitions(value);
      }
    if (isObject(state.after))
      for (const [delay, value] of Object.entries(state.after)) {
        if (!isMilliseconds(delay) && !found.delays.has(delay))
          found.delays.set(delay, PLACEHOLDER_DELAY);
        transitions(value);
      }
    for (const key of ['always', 'onDone']) if (state[key] !== undefined) transitions(state[key]);
    const invokes = Array.isArray(state.invoke) ? state.invoke : [state.invoke];
    for (const invoke of invokes) {
      if (!isObject(invoke)) continue;
      if (typeof invoke.src === 'string' && own(invoke.src) && !found.services.has(invoke.src))
        found.services.set(invoke.src, {});
      for (const key of ['onDone', 'onError'])
        if (invoke[key] !== undefined) transitions(invoke[key]);
    }
    if (isObject(state.states)) stack.push(...Object.values(state.states));
  }
  return found;
}

/** Whether the config uses XState v4 spellings that v5 reads differently. */
function needsV5Names(machine: MachineConfig): boolean {
  let found = false;
  JSON.stringify(machine, (key, value) => {
    if (key === 'cond' || key === 'internal' || (key === 'src' && isObject(value))) found = true;
    return value;
  });
  return found;
}

/** Renames XState v4's `cond` to `guard`, `internal` to `reenter`, `src: { type }` to its name. */
function renameV4(state: Obj, path: string, warnings: string[]): void {
  const transitions = (value: unknown, where: string) => {
    const list = Array.isArray(value) ? value : [value];
    list.forEach((transition, i) => {
      if (!isObject(transition)) return;
      const at = Array.isArray(value) ? `${where}[${i}]` : where;
      if (transition.cond !== undefined) {
        if (transition.guard === undefined) transition.guard = transition.cond;
        delete transition.cond;
        warnings.push(`${at}: "cond" is XState v4; it is now "guard"`);
      }
      if (transition.internal !== undefined) {
        if (transition.internal === false && transition.reenter === undefined)
          transition.reenter = true;
        delete transition.internal;
        warnings.push(
          `${at}: "internal" is XState v4; XState v5 says "reenter" (true where v4 said internal: false)`,
        );
      }
    });
  };
  if (isObject(state.on))
    for (const [event, value] of Object.entries(state.on))
      transitions(value, `${path}.on.${event}`);
  if (isObject(state.after))
    for (const [delay, value] of Object.entries(state.after))
      transitions(value, `${path}.after.${delay}`);
  for (const key of ['always', 'onDone'])
    if (state[key] !== undefined) transitions(state[key], `${path}.${key}`);
  const invokes = Array.isArray(state.invoke) ? state.invoke : [state.invoke];
  invokes.forEach((invoke, i) => {
    if (!isObject(invoke)) return;
    const at = Array.isArray(state.invoke) ? `${path}.invoke[${i}]` : `${path}.invoke`;
    if (isObject(invoke.src) && typeof invoke.src.type === 'string') {
      invoke.src = invoke.src.type;
      warnings.push(`${at}.src: { "type" } is XState v4; the service is now named by a string`);
    }
    for (const key of ['onDone', 'onError'])
      if (invoke[key] !== undefined) transitions(invoke[key], `${at}.${key}`);
  });
  if (isObject(state.states))
    for (const [key, child] of Object.entries(state.states))
      if (isObject(child)) renameV4(child, `${path}.states.${key}`, warnings);
}
