// Checks a process off the page's thread: the analyser, the scenarios, the parallel confirmation.

import { checkProcess } from '../../core/check';
import type { ProcessFile } from '../../core/model/types';

self.onmessage = (message: MessageEvent<{ id: number; process: ProcessFile; file: string }>) => {
  const { id, process, file } = message.data;
  try {
    self.postMessage({ id, report: checkProcess(process, file) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
