// Runs a scenario on any XState machine of a process (the original or an exported one) the way the
// scenario runner does: guards answered from the assumptions, `after` timers on a virtual clock,
// services settled by the clock after their state's duration. Returns the leaves after each step.
// biome-ignore-all lint/suspicious/noExplicitAny: an actor logic for machines of any shape, as in the scenario runner

import { type ActorLogic, type AnyActorRef, type AnyStateMachine, createActor } from 'xstate';
import { buildStateTree, invokesOf } from '../../src/core/model/tree';
import type { ProcessFile, Scenario } from '../../src/core/model/types';
import { VirtualClock } from '../../src/core/simulation/clock';
import { withLoopGuard } from '../../src/core/simulation/machine';
import { leafPaths, type StateValue } from '../../src/core/simulation/paths';

function serviceMinutes(process: ProcessFile, service: string): number {
  for (const node of buildStateTree(process.machine).nodes)
    if (invokesOf(node.config).some((invoke) => invoke?.src === service)) {
      const duration = node.config.meta?.duration;
      if (typeof duration === 'number') return duration;
      if (duration && typeof duration === 'object') return duration.mode;
    }
  return 0;
}

function serviceLogic(
  clock: VirtualClock,
  ms: number,
  succeeds: () => boolean,
  name: string,
): ActorLogic<any, any> {
  return {
    config: undefined,
    transition: (snapshot: any, event: any) => {
      if (snapshot.status !== 'active') return snapshot;
      if (event.type === 'test.done') return { ...snapshot, status: 'done', output: undefined };
      if (event.type === 'test.error')
        return { ...snapshot, status: 'error', error: new Error(`${name} failed`) };
      return snapshot;
    },
    getInitialSnapshot: (_scope: unknown, input: unknown) => ({
      status: 'active',
      output: undefined,
      error: undefined,
      input,
    }),
    start: (_snapshot: any, { self }: { self: AnyActorRef }) => {
      clock.setTimeout(() => self.send({ type: succeeds() ? 'test.done' : 'test.error' }), ms);
    },
    getPersistedSnapshot: (snapshot: any) => snapshot,
  } as ActorLogic<any, any>;
}

export interface Step {
  leaves: string[];
  status: string;
}

/** The leaves (and status) after the start and after every step of the scenario. */
export function drive(machine: AnyStateMachine, process: ProcessFile, scenario: Scenario): Step[] {
  const answers: Record<string, boolean> = { ...(scenario.assume ?? {}) };
  const clock = new VirtualClock();
  const tree = buildStateTree(process.machine);
  const guardNames = new Set(Object.keys(process.conditions ?? {}));
  for (const node of tree.nodes)
    for (const t of node.transitions) if (t.guard) guardNames.add(t.guard);
  const guards = Object.fromEntries(
    [...guardNames].map((name) => [name, () => answers[name] === true]),
  );
  const services = new Set(Object.keys(process.services ?? {}));
  for (const node of tree.nodes)
    for (const invoke of invokesOf(node.config)) if (invoke?.src) services.add(invoke.src);
  const actors = Object.fromEntries(
    [...services].map((name) => [
      name,
      serviceLogic(
        clock,
        serviceMinutes(process, name) * 60_000,
        () => answers[name] !== false,
        name,
      ),
    ]),
  );
  const provided = withLoopGuard(machine.provide({ guards, actors } as never));
  let failed = false;
  const actor = createActor(provided, { clock });
  actor.subscribe({ error: () => (failed = true) });
  actor.start();
  const record = (): Step => {
    const snapshot = actor.getSnapshot();
    return {
      leaves: leafPaths(snapshot.value as StateValue),
      status: failed ? 'error' : snapshot.status,
    };
  };
  const steps = [record()];
  for (const step of scenario.steps) {
    if (failed) break;
    if ('event' in step) actor.send({ ...(step.data ?? {}), type: step.event });
    else if ('assume' in step) Object.assign(answers, step.assume);
    else {
      const end = clock.now() + step.wait;
      for (let fired = 0; fired < 10_000; fired++) {
        const due = clock.nextDue();
        if (due === undefined || due > end || actor.getSnapshot().status !== 'active') break;
        clock.advance(due - clock.now(), 1);
      }
      if (clock.now() < end) clock.advance(end - clock.now(), 0);
    }
    steps.push(record());
  }
  actor.stop();
  return steps;
}
