// The exception sweep (issue 3): a generated 1,000-state machine with 10 exceptions (goal: 100 ms
// or less), and 100 states, on the compiled stepper against the same sweep on XState's own
// `transition()` (`engine: 'xstate'`), which gives the same matrix.

import type { ProcessFile } from '../src/core/model/types';
import { sweep } from '../src/core/simulation/sweep';
import { generateProcess } from './generate';
import { medianMs, type Row } from './measure';

export default function sweepBench(): Row[] {
  return [100, 1000].map((size) => {
    const process = JSON.parse(
      JSON.stringify(generateProcess({ states: size, seed: 42, exceptions: 10 })),
    ) as ProcessFile;
    const result = sweep(process);
    const ms = medianMs(() => sweep(process), 5, 1);
    const baselineMs = medianMs(() => sweep(process, { engine: 'xstate' }), 3, 1);
    const note = `${result.explored} configurations${result.bounded ? ' (bound reached)' : ''}, ${result.steps} steps; baseline: XState transition()`;
    return { name: 'sweep: generated machine, 10 exceptions', size, ms, baselineMs, note };
  });
}
