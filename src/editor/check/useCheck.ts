// The check that runs on every edit: in a worker, so the canvas never waits for it; only the
// latest edit's report is kept.

import { useEffect, useRef, useState } from 'react';
import { checkProcess, type FileReport } from '../../core/check';
import type { ProcessFile } from '../../core/model/types';

interface Answer {
  id: number;
  report?: FileReport;
  error?: string;
}

let worker: Worker | undefined;
let workerFailed = false;

function getWorker(): Worker | undefined {
  if (workerFailed || typeof Worker === 'undefined') return undefined;
  if (!worker) {
    try {
      worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      workerFailed = true;
      return undefined;
    }
  }
  return worker;
}

let nextId = 1;

export function useCheck(
  process: ProcessFile | undefined,
  file: string,
): { report?: FileReport; checking: boolean; error?: string } {
  const [state, setState] = useState<{ report?: FileReport; checking: boolean; error?: string }>({
    checking: false,
  });
  const latest = useRef(0);

  useEffect(() => {
    if (!process) {
      setState({ checking: false });
      return;
    }
    const id = nextId++;
    latest.current = id;
    setState((s) => ({ ...s, checking: true }));
    const w = getWorker();
    if (!w) {
      const timer = setTimeout(() => {
        try {
          const report = checkProcess(process, file);
          if (latest.current === id) setState({ report, checking: false });
        } catch (error) {
          if (latest.current === id) setState({ checking: false, error: String(error) });
        }
      }, 0);
      return () => clearTimeout(timer);
    }
    const onMessage = (message: MessageEvent<Answer>) => {
      if (message.data.id !== id || latest.current !== id) return;
      setState(
        message.data.report
          ? { report: message.data.report, checking: false }
          : { checking: false, error: message.data.error },
      );
    };
    w.addEventListener('message', onMessage);
    w.postMessage({ id, process, file });
    return () => w.removeEventListener('message', onMessage);
  }, [process, file]);

  return state;
}
