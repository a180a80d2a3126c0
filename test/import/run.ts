// Running an imported SCXML document both ways: by SCXML's rules (the reference interpreter) and
// as XState runs the imported machine, with conditions answered from one map and <log> labels
// recorded, so that a test can compare them after every event.

import { createActor, fromPromise, type SimulatedClock, type StateValue, setup } from 'xstate';
import { readScxml } from '../../src/core/import/scxmlDocument';
import { parseXml } from '../../src/core/import/xml';
import type { ProcessFile, StateConfig } from '../../src/core/model/types';
import { delayMs } from '../../src/core/simulation/machine';
import { ScxmlReference } from './scxmlReference';

export interface Run {
  send(event: string): void;
  /** SCXML ids of the active atomic states, sorted. */
  active(): string[];
  done(): boolean;
  /** Labels of the <log> elements run (XState: the `log_<label>` actions run). */
  log: string[];
}

/** The imported machine under XState: guards answered by their question (the SCXML condition). */
export function runXState(
  process: ProcessFile,
  answers: Record<string, boolean> = {},
  options: { clock?: SimulatedClock; every?: (action: string) => void } = {},
): Run {
  const log: string[] = [];
  const guards: Record<string, () => boolean> = {};
  for (const [name, def] of Object.entries(process.conditions ?? {}))
    guards[name] = () => answers[def.question ?? name] ?? false;
  const actions: Record<string, () => void> = {};
  for (const name of Object.keys(process.actions ?? {}))
    actions[name] = () => {
      options.every?.(name);
      if (name.startsWith('log_')) log.push(name.slice(4));
    };
  const actors: Record<string, ReturnType<typeof fromPromise>> = {};
  for (const name of Object.keys(process.services ?? {}))
    actors[name] = fromPromise(() => new Promise(() => {}));
  const delays: Record<string, number> = {};
  for (const [name, def] of Object.entries(process.delays ?? {})) delays[name] = delayMs(def);
  // biome-ignore lint/suspicious/noExplicitAny: implementations keyed by the file's own names
  const machine = setup({ guards, actions, actors, delays } as any).createMachine(
    // biome-ignore lint/suspicious/noExplicitAny: the machine config as read from JSON
    structuredClone(process.machine) as any,
  );
  const actor = createActor(machine, options.clock ? { clock: options.clock } : {});
  actor.start();
  return {
    send: (type) => {
      if (actor.getSnapshot().status === 'active') actor.send({ type });
    },
    active: () => leaves(process.machine, actor.getSnapshot().value).sort(),
    done: () => actor.getSnapshot().status === 'done',
    log,
  };
}

function leaves(config: StateConfig, value: StateValue): string[] {
  const states = config.states ?? {};
  const idOf = (key: string) => (states[key]?.meta?.scxmlId as string | undefined) ?? key;
  if (typeof value === 'string') return [idOf(value)];
  return Object.entries(value).flatMap(([key, inner]) =>
    inner === undefined ? [] : leaves(states[key], inner as StateValue),
  );
}

/** The document under the reference SCXML interpreter. */
export function runReference(
  scxml: string,
  answers: Record<string, boolean> = {},
  raise = true,
): Run {
  const reference = new ScxmlReference(
    readScxml(parseXml(scxml)),
    (condition) => answers[condition] ?? false,
    raise,
  );
  reference.start();
  return {
    send: (event) => reference.send(event),
    active: () => reference.active(),
    done: () => !reference.running,
    log: reference.log,
  };
}

/** Where a run is: active states, done, and the log so far. */
export const where = (run: Run) => ({ active: run.active(), done: run.done(), log: [...run.log] });
