// XState JSON: the machine config exactly as the process file holds it and `createMachine` takes it.
//
// Guards, actions, services and named delays stay references by name (or `{ type, params }`):
// whoever runs the config supplies them with `setup({ guards, actions, actors, delays })`, as the
// TypeScript export does. Named delays keep their names; their lengths are in the file's `delays`.

import type { ProcessFile } from '../model/types';

/** The machine config as 2-space JSON, with a final newline. */
export function exportXStateJson(process: ProcessFile): string {
  return `${JSON.stringify(process.machine, null, 2)}\n`;
}
