// Analysis of generated machines of 100, 1,000 and 10,000 states, against getShortestPaths from
// xstate/graph on the same machine (DESIGN.md section 7).

import { getShortestPaths } from 'xstate/graph';
import { analyse } from '../src/core/analysis/analyse';
import type { ProcessFile } from '../src/core/model/types';
import { createProcessMachine } from '../src/core/simulation/machine';
import { generateProcess } from './generate';
import { medianMs, type Row } from './measure';

const TRAVERSAL_LIMIT = 20_000;

export default function analyseBench(): Row[] {
  const rows: Row[] = [];
  for (const size of [100, 1000, 10000]) {
    // Read back from JSON text, as a process file on disk is.
    const process = JSON.parse(
      JSON.stringify(generateProcess({ states: size, seed: 42 })),
    ) as ProcessFile;
    const repeats = size >= 10000 ? 5 : 11;
    const ms = medianMs(() => analyse(process), repeats);
    const machine = createProcessMachine(process, () => true);
    // getShortestPaths explores configurations; bound its events so that it finishes.
    const events = Object.keys(process.events ?? {}).map((type) => ({ type }));
    let note: string | undefined;
    let limited = false;
    const shortestPaths = () => {
      try {
        getShortestPaths(machine, { events, limit: TRAVERSAL_LIMIT } as never);
      } catch {
        limited = true; // the configuration space is larger than the limit
      }
    };
    const baselineMs = medianMs(shortestPaths, size >= 10000 ? 3 : 5, 1);
    if (limited)
      note = `getShortestPaths stopped at its limit of ${TRAVERSAL_LIMIT} configurations`;
    rows.push({
      name: 'analyse (all crack rules)',
      size,
      ms,
      baselineMs,
      ...(note ? { note } : {}),
    });
    rows.push({
      name: 'build the XState machine (createMachine)',
      size,
      ms: medianMs(() => createProcessMachine(process), size >= 10000 ? 3 : 7, 1),
    });
  }
  return rows;
}
