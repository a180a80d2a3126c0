// Adds to a generated process the XState features bench/generate.ts leaves out, so that the
// stepper's agreement test covers them: history (shallow and deep), `reenter`, invoked services
// with onDone/onError, wildcard and targetless transitions, self transitions, multi-target
// transitions into parallel regions, root transitions, targetless `always`.

import type {
  MachineConfig,
  ProcessFile,
  StateConfig,
  TransitionConfig,
} from '../../src/core/model/types';
import { mulberry32 } from '../../src/core/simulation/random';

interface Found {
  config: StateConfig;
  key: string;
  path: string[];
  parent: StateConfig | null;
}

function walk(machine: MachineConfig): Found[] {
  const out: Found[] = [];
  const visit = (config: StateConfig, key: string, path: string[], parent: StateConfig | null) => {
    out.push({ config, key, path, parent });
    for (const [childKey, child] of Object.entries(config.states ?? {}))
      visit(child, childKey, [...path, childKey], config);
  };
  visit(machine, '', [], null);
  return out;
}

const isContainer = (c: StateConfig) => !!c.states && Object.keys(c.states).length > 0;

export function spice(input: ProcessFile, seed: number): ProcessFile {
  const process = structuredClone(input);
  const rnd = mulberry32(seed * 7919 + 13);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  const machine = process.machine;
  const nodes = walk(machine);
  process.events = process.events ?? {};
  const events = process.events;
  for (const name of ['NOTE', 'SELF', 'HIST', 'LEAVE', 'SPLIT', 'RESET', 'ANY'])
    events[name] = { description: name };
  process.services = {
    crm: { description: 'Create the ticket', failureProbability: 0.3 },
    sms: { description: 'Send the SMS', failureProbability: 0.1 },
  };
  const on = (config: StateConfig) => {
    config.on = config.on ?? {};
    return config.on;
  };
  const topKeys = Object.keys(machine.states ?? {});

  for (const node of nodes) {
    const { config, key, parent, path } = node;
    if (!parent || config.type === 'final' || config.type === 'history') continue;
    const absolute = `#${machine.id}.${path.join('.')}`;
    const r = rnd();
    // Transitions that re-enter.
    for (const [event, value] of Object.entries(config.on ?? {})) {
      if (rnd() < 0.15 && value && typeof value === 'object' && !Array.isArray(value))
        (value as TransitionConfig).reenter = true;
      else if (rnd() < 0.1 && typeof value === 'string')
        on(config)[event] = { target: value, reenter: true };
    }
    if (r < 0.08) on(config).NOTE = {};
    else if (r < 0.16) on(config).SELF = { target: key, reenter: rnd() < 0.5 };
    else if (r < 0.2)
      on(config)['*'] = { target: pick(Object.keys(parent.states ?? {})), guard: 'isUrgent' };
    else if (r < 0.24) config.always = { guard: 'isUrgent' };
    // Services on some leaves.
    if (!isContainer(config) && rnd() < 0.15) {
      const siblings = Object.keys(parent.states ?? {});
      const invoke: NonNullable<StateConfig['invoke']> = { src: rnd() < 0.5 ? 'crm' : 'sms' };
      if (rnd() < 0.3) invoke.id = `svc${Math.floor(rnd() * 3)}`;
      if (rnd() < 0.8) invoke.onDone = pick(siblings);
      if (rnd() < 0.6) invoke.onError = pick(siblings);
      config.invoke = invoke;
    }
    // History in compound states, entered from the root.
    if (isContainer(config) && config.type !== 'parallel' && rnd() < 0.4) {
      const states = config.states as Record<string, StateConfig>;
      states.hist = { type: 'history', history: rnd() < 0.5 ? 'deep' : 'shallow' };
      if (rnd() < 0.3) states.hist.target = pick(Object.keys(states).filter((k) => k !== 'hist'));
      on(machine).HIST ??= [];
      (on(machine).HIST as TransitionConfig[]).push({
        target: `${absolute}.hist`,
        guard: 'isApproved',
      });
      on(config).LEAVE = `#${machine.id}.${pick(topKeys)}`;
    }
    // Several targets at once, one per region of a parallel state.
    if (config.type === 'parallel') {
      const targets = Object.entries(config.states ?? {})
        .filter(([, region]) => isContainer(region))
        .map(([regionKey, region]) => `.${regionKey}.${pick(Object.keys(region.states ?? {}))}`);
      if (targets.length) on(config).SPLIT = { target: targets, reenter: rnd() < 0.5 };
    }
  }
  machine.on = { ...(machine.on ?? {}), RESET: { target: `.${pick(topKeys)}`, reenter: true } };
  if (rnd() < 0.5) machine.on.ANY = { target: `.${pick(topKeys)}` };
  return process;
}
