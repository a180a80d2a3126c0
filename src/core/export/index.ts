// Exporters: pure functions from a process file to the text of another format.
import type { ProcessFile } from '../model/types';
import { exportMermaid } from './mermaid';
import { exportScxml } from './scxml';
import { exportXStateJson } from './xstateJson';
import { exportXStateTs } from './xstateTs';

export { exportMermaid } from './mermaid';
export { exportScxml, PLUMB_NS, PLUMB_SERVICE, SCXML_NS } from './scxml';
export { exportXStateJson } from './xstateJson';
export { exportXStateTs } from './xstateTs';

export const EXPORT_FORMATS = ['xstate-json', 'xstate-ts', 'scxml', 'mermaid'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension each format is usually saved with. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  'xstate-json': '.json',
  'xstate-ts': '.ts',
  scxml: '.scxml',
  mermaid: '.mmd',
};

const EXPORTERS: Record<ExportFormat, (process: ProcessFile) => string> = {
  'xstate-json': exportXStateJson,
  'xstate-ts': exportXStateTs,
  scxml: exportScxml,
  mermaid: exportMermaid,
};

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

/** The text of a process in one format. */
export function exportProcess(process: ProcessFile, format: ExportFormat): string {
  return EXPORTERS[format](process);
}
