// Writing a process file: 2-space JSON, keys in the order they were read, a final newline.
// Reading a file and writing it back unchanged gives the same bytes.

import type { ProcessFile } from './types';

export function formatProcess(process: ProcessFile): string {
  return `${JSON.stringify(process, null, 2)}\n`;
}
