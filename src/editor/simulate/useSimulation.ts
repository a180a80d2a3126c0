// The simulator panel's hold on one SimulatorSession: made for the process it is given, its view
// refreshed after every step, and a note of how far the timeline had got after each step so that
// a click on a timeline entry can go back to just after it.

import { useState } from 'react';
import type { ProcessFile } from '../../core/model/types';
import type { SessionStep, SessionView } from '../../core/simulation/session';
import { SimulatorSession } from '../../core/simulation/session';

interface Simulation {
  process: ProcessFile;
  session?: SimulatorSession;
  view?: SessionView;
  /** For step k of the session's history, the timeline's length once it was taken. */
  marks: number[];
  /** Why the process cannot be simulated, or what went wrong in the last step. */
  failure?: string;
  /** Counts the views: a new one after every step, to reset what belongs to the last view. */
  version: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** Replays steps on a session through its public API (a walk carried over to an edited process). */
function replay(session: SimulatorSession, steps: readonly SessionStep[]): number[] {
  const marks: number[] = [];
  for (const step of steps) {
    if (step.kind === 'send') session.send(step.event, step.answers);
    else if (step.kind === 'wait') session.advance(step.ms);
    else session.assume(step.answers);
    marks.push(session.view().timeline.length);
  }
  return marks;
}

/**
 * A session for the process. When an earlier simulation is given, its steps are taken again on
 * the new process, so that moving a state on the canvas does not lose the walk; if they no longer
 * run, the walk starts over.
 */
function start(process: ProcessFile, earlier?: Simulation): Simulation {
  let session: SimulatorSession;
  try {
    session = new SimulatorSession(process);
  } catch (error) {
    return {
      process,
      marks: [],
      version: (earlier?.version ?? 0) + 1,
      failure: `This process cannot be simulated: ${message(error)}`,
    };
  }
  const version = (earlier?.version ?? 0) + 1;
  const steps = earlier?.session?.history() ?? [];
  if (steps.length) {
    try {
      const marks = replay(session, [...steps]);
      return { process, session, view: session.view(), marks, version };
    } catch {
      session = new SimulatorSession(process);
    }
  }
  return { process, session, view: session.view(), marks: [], version };
}

/**
 * How many steps to keep so that the timeline ends with entry `index`: the fewest steps whose
 * timeline reaches past it. A wait that fired several timers is kept or undone as a whole.
 */
export function stepsToKeep(marks: readonly number[], index: number): number {
  const k = marks.findIndex((length) => length > index);
  return k === -1 ? marks.length : k + 1;
}

export interface SimulationControls {
  session?: SimulatorSession;
  view?: SessionView;
  failure?: string;
  version: number;
  send(type: string, answers?: Record<string, boolean>): void;
  advance(ms: number): void;
  nextTimer(): void;
  /** Answers a condition or a service's outcome from here on. */
  assume(answers: Record<string, boolean>): void;
  back(): void;
  /** Goes back to just after timeline entry `index` (-1: the start). */
  backTo(index: number): void;
  restart(): void;
}

export function useSimulation(process: ProcessFile): SimulationControls {
  const [stored, setStored] = useState<Simulation>(() => start(process));
  let sim = stored;
  if (stored.process !== process) {
    // A new (immutable) process: a new session, set while rendering as React allows.
    sim = start(process, stored);
    setStored(sim);
  }

  const step = (change: (session: SimulatorSession, marks: number[]) => void) => {
    const session = sim.session;
    if (!session) return;
    const marks = [...sim.marks];
    let failure: string | undefined;
    try {
      change(session, marks);
    } catch (error) {
      failure = `The step could not be taken: ${message(error)}`;
    }
    // Keep the marks in line with the history whatever happened.
    const taken = session.history().length;
    while (marks.length > taken) marks.pop();
    const view = session.view();
    while (marks.length < taken) marks.push(view.timeline.length);
    setStored({
      process: sim.process,
      session,
      view,
      marks,
      version: sim.version + 1,
      ...(failure ? { failure } : {}),
    });
  };

  return {
    session: sim.session,
    view: sim.view,
    failure: sim.failure,
    version: sim.version,
    send: (type, answers = {}) => step((s) => s.send(type, answers)),
    advance: (ms) => step((s) => s.advance(ms)),
    nextTimer: () => step((s) => s.advanceToNextTimer()),
    assume: (answers) => step((s) => s.assume(answers)),
    back: () => step((s) => s.back()),
    backTo: (index) =>
      step((s, marks) => {
        const keep = index < 0 ? 0 : stepsToKeep(marks, index);
        if (keep === 0) s.restart();
        else while (s.history().length > keep && s.back()) marks.pop();
      }),
    restart: () => step((s) => s.restart()),
  };
}
