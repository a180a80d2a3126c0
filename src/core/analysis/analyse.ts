// The analyser: every crack rule over a process, waivers applied.

import { buildStateTree } from '../model/tree';
import type { ProcessFile } from '../model/types';
import { createProcessMachine } from '../simulation/machine';
import { crack, createContext, type RuleContext } from './context';
import { alwaysLoop } from './rules/alwaysLoop';
import { crossRegionTransition } from './rules/crossRegionTransition';
import { deadEnd } from './rules/deadEnd';
import { guardGap } from './rules/guardGap';
import { invalidMachine } from './rules/invalidMachine';
import { neverDone } from './rules/neverDone';
import { noOwner } from './rules/noOwner';
import { noWayOut } from './rules/noWayOut';
import { parallelNeverJoins } from './rules/parallelNeverJoins';
import { shadowedTransition } from './rules/shadowedTransition';
import { undeclaredEvent } from './rules/undeclaredEvent';
import { unhandledException } from './rules/unhandledException';
import { unhandledFailure } from './rules/unhandledFailure';
import { unreachableState } from './rules/unreachableState';
import { unusedEvent } from './rules/unusedEvent';
import { waitForever } from './rules/waitForever';
import type { Crack, WaivedCrack } from './types';

export type Rule = (ctx: RuleContext) => Crack[];

/** Every rule the analyser runs, in report order (scenario-failed comes from running scenarios). */
export const rules: Rule[] = [
  invalidMachine,
  deadEnd,
  noWayOut,
  unhandledException,
  guardGap,
  alwaysLoop,
  unhandledFailure,
  unreachableState,
  waitForever,
  noOwner,
  shadowedTransition,
  undeclaredEvent,
  unusedEvent,
  neverDone,
  parallelNeverJoins,
  crossRegionTransition,
];

export interface Analysis {
  cracks: Crack[];
  waived: WaivedCrack[];
  /** Waivers that did nothing: they name an error, or match no crack. */
  notes: string[];
}

export interface AnalyseOptions {
  /** Also build the machine with XState, to catch what XState rejects (default false: `check` does it). */
  xstate?: boolean;
}

/** Runs every crack rule on the machine graph (pure and linear in the size of the machine). */
export function analyse(process: ProcessFile, options: AnalyseOptions = {}): Analysis {
  const tree = buildStateTree(process.machine);
  const ctx = createContext(process, tree);
  const found: Crack[] = [];
  for (const rule of rules) found.push(...rule(ctx));
  if (options.xstate && !found.some((c) => c.rule === 'invalid-machine')) {
    const rejected = xstateRejects(process);
    if (rejected) found.unshift(rejected);
  }
  return applyWaivers(process, found);
}

/** The invalid-machine crack for a config XState itself refuses, if it does. */
export function xstateRejects(process: ProcessFile): Crack | undefined {
  try {
    createProcessMachine(process);
    return undefined;
  } catch (error) {
    return crack('invalid-machine', {
      path: 'machine',
      message: `machine: XState rejects this machine: ${error instanceof Error ? error.message.split('\n').join(' ') : String(error)}`,
      hint: 'Fix the machine config where the message points; Plumb runs the same XState that the automation will.',
    });
  }
}

export function applyWaivers(process: ProcessFile, found: Crack[]): Analysis {
  const waivers = process.waivers ?? [];
  const used = new Set<number>();
  const cracks: Crack[] = [];
  const waived: WaivedCrack[] = [];
  const notes: string[] = [];
  for (const c of found) {
    const index = waivers.findIndex(
      (w) =>
        w.rule === c.rule &&
        (w.state === undefined || w.state === c.state) &&
        (w.event === undefined || w.event === c.event),
    );
    if (index < 0) {
      cracks.push(c);
      continue;
    }
    used.add(index);
    if (c.severity === 'error') {
      cracks.push(c);
      notes.push(
        `waivers[${index}] tries to waive the error ${c.rule}${c.state ? ` in "${c.state}"` : ''}: errors cannot be waived, fix the process instead`,
      );
    } else waived.push({ ...c, reason: waivers[index].reason });
  }
  waivers.forEach((w, i) => {
    if (!used.has(i))
      notes.push(
        `waivers[${i}] (${w.rule}${w.state ? ` in "${w.state}"` : ''}) matches no crack: it can be removed`,
      );
  });
  return { cracks, waived, notes };
}
