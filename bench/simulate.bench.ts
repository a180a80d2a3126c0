// Monte Carlo (DESIGN.md section 7, issue 3): 10,000 cases of the call-routing to-be (goal: 1 s or
// less) and 2,000 cases of a generated 1,000-state machine, each on the compiled stepper against
// the same run on XState's own `transition` (`--engine xstate`), which gives the same figures.

import { readFileSync } from 'node:fs';
import type { ProcessFile } from '../src/core/model/types';
import { simulate } from '../src/core/simulation/monteCarlo';
import { generateProcess } from './generate';
import { medianMs, type Row } from './measure';

export default function simulateBench(): Row[] {
  const callRouting = JSON.parse(
    readFileSync(new URL('../examples/call-routing/to-be.process.json', import.meta.url), 'utf8'),
  ) as ProcessFile;
  const generated = generateProcess({ states: 1000, seed: 42 }) as unknown as ProcessFile;
  const cases: { name: string; process: ProcessFile; runs: number }[] = [
    { name: 'simulate: call-routing to-be, cases', process: callRouting, runs: 10_000 },
    { name: 'simulate: generated 1,000 states, cases', process: generated, runs: 2_000 },
  ];
  return cases.map(({ name, process, runs }) => {
    const fast = () => simulate(process, { runs, seed: 1 });
    const xstate = () => simulate(process, { runs, seed: 1, engine: 'xstate' });
    const ms = medianMs(fast, 7, 2);
    const baselineMs = medianMs(xstate, 3, 1);
    const note = 'baseline: the same run on XState transition()';
    return { name, size: runs, ms, baselineMs, note };
  });
}
