// Importers: XState JSON and SCXML into process files, and telling which a file is.
export * from './errors';
export * from './scxml';
export * from './xstateJson';

import type { ProcessFile } from '../model/types';
import { ImportError, type ImportResult } from './errors';
import { importScxml } from './scxml';
import { importXStateJson } from './xstateJson';

export type ImportFormat = 'scxml' | 'xstate-json';

/** The format of a file, by its extension, else by its first character; undefined if neither. */
export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.scxml') || lower.endsWith('.xml')) return 'scxml';
  if (lower.endsWith('.json')) return 'xstate-json';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '<') return 'scxml';
  if (first === '{') return 'xstate-json';
  return undefined;
}

/** `dir/call-routing.scxml` → `call-routing`. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? '';
  return last.replace(/(\.machine)?\.(scxml|xml|json)$/i, '').replace(/\.[^.]*$/, '');
}

/** Imports a file's text in the format given or detected. Throws ImportError. */
export function importText(
  text: string,
  fileName = '',
  format: ImportFormat | undefined = detectFormat(fileName, text),
): ImportResult<ProcessFile> & { format: ImportFormat } {
  const name = baseName(fileName) || undefined;
  if (format === 'scxml') return { format, ...importScxml(text, { name }) };
  if (format === 'xstate-json') return { format, ...importXStateJson(text, { name }) };
  throw new ImportError(
    'neither SCXML nor XState JSON: name the file .scxml or .json, or start it with "<" or "{"',
    { line: 1 },
  );
}
