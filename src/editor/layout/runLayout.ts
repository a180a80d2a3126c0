// One layout, start to finish, on whatever thread calls it: the process as an ELK graph, ELK's
// layered layout (the bundled build, which runs in place: in the layout worker, or on the main
// thread where there is no Worker), and the boxes by state path.

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ProcessFile } from '../../core/model/types';
import type { LayoutBox } from '../state/types';
import { type ElkGraphOptions, toElkGraph } from './elkGraph';
import { fromElk } from './fromElk';

let elk: InstanceType<typeof ELK> | undefined;

/** Lays the process out; rejects with ELK's message when ELK cannot. */
export async function runLayout(
  process: ProcessFile,
  options?: ElkGraphOptions,
): Promise<Record<string, LayoutBox>> {
  elk ??= new ELK();
  const graph = await elk.layout(toElkGraph(process, options));
  return fromElk(graph);
}
