// Small process files for tests: a machine plus its catalogue, and filters over the analysis.

import type { Analysis } from '../src/core/analysis/analyse';
import type { Crack, RuleId } from '../src/core/analysis/types';
import type {
  ActionDef,
  ConditionDef,
  DelayDef,
  EventDef,
  MachineConfig,
  ProcessFile,
  Role,
  Scenario,
  ServiceDef,
  Waiver,
} from '../src/core/model/types';

/** A catalogue given as a list of names (each declared with a description) or as the full map. */
type Catalogue<T> = string[] | Record<string, T>;

export interface ProcOptions {
  machine: MachineConfig;
  id?: string;
  events?: Catalogue<EventDef>;
  /** Exception events by name: added to `events` with `exception: true` (and `when`, if given). */
  exceptions?: Record<string, EventDef['when'] | true>;
  conditions?: Catalogue<ConditionDef>;
  roles?: Catalogue<Role>;
  actions?: Catalogue<ActionDef>;
  services?: Record<string, ServiceDef>;
  delays?: Record<string, DelayDef>;
  scenarios?: Scenario[];
  waivers?: Waiver[];
}

function catalogue<T>(
  items: Catalogue<T> | undefined,
  make: (name: string) => T,
): Record<string, T> | undefined {
  if (items === undefined) return undefined;
  if (!Array.isArray(items)) return items;
  return Object.fromEntries(items.map((name) => [name, make(name)]));
}

/** A process file around a machine: `plumb: 1`, an id, and the catalogues it names. */
export function proc(options: ProcOptions): ProcessFile {
  const events: Record<string, EventDef> = {
    ...catalogue(options.events, (name) => ({ description: `${name} happens` })),
  };
  for (const [name, when] of Object.entries(options.exceptions ?? {}))
    events[name] = {
      description: `${name} goes wrong`,
      exception: true,
      ...(when === true ? {} : { when }),
    };
  const process: ProcessFile = {
    plumb: 1,
    id: options.id ?? 'test-process',
    events,
    machine: { id: 'test', ...options.machine },
  };
  const conditions = catalogue(options.conditions, (name) => ({
    question: `Is it ${name}?`,
    probability: 0.5,
  }));
  if (conditions) process.conditions = conditions;
  const roles = catalogue(options.roles, (name) => ({ title: name, costPerHour: 30 }));
  if (roles) process.roles = roles;
  const actions = catalogue(options.actions, (name) => ({ description: `does ${name}` }));
  if (actions) process.actions = actions;
  if (options.services) process.services = options.services;
  if (options.delays) process.delays = options.delays;
  if (options.scenarios) process.scenarios = options.scenarios;
  if (options.waivers) process.waivers = options.waivers;
  return process;
}

/** The cracks of one rule, from an analysis, a file report or a plain list. */
export function rulesOf(analysis: Analysis | { cracks: Crack[] } | Crack[], rule: RuleId): Crack[] {
  const cracks = Array.isArray(analysis) ? analysis : analysis.cracks;
  return cracks.filter((c) => c.rule === rule);
}

/** The fields a test pins of a crack: rule, severity, state path, event. */
export function brief(crack: Crack): Pick<Crack, 'rule' | 'severity' | 'state' | 'event'> {
  const out: Pick<Crack, 'rule' | 'severity' | 'state' | 'event'> = {
    rule: crack.rule,
    severity: crack.severity,
  };
  if (crack.state !== undefined) out.state = crack.state;
  if (crack.event !== undefined) out.event = crack.event;
  return out;
}

/** The state paths a rule reports, sorted. */
export function statesOf(analysis: Analysis | { cracks: Crack[] } | Crack[], rule: RuleId) {
  return rulesOf(analysis, rule)
    .map((c) => c.state ?? '')
    .sort();
}
