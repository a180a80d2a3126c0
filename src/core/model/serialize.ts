// Writing a process file: 2-space JSON, keys in the order they were read, a final newline.
// Reading a file and writing it back unchanged gives the same bytes.

import { stringifyKeepingKeyOrder } from './keyOrder';
import type { ProcessFile } from './types';

export function formatProcess(process: ProcessFile): string {
  return `${stringifyKeepingKeyOrder(process)}\n`;
}
