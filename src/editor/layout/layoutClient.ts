// Auto-layout for the editor: `layoutProcess` lays a process out in one lazily started worker
// (ELK never blocks the page), or on this thread where there is no Worker (Node, the tests) or
// the worker cannot start. `needsLayout` says whether a file's `layout` leaves a state out.

import { buildStateTree } from '../../core/model/tree';
import type { ProcessFile } from '../../core/model/types';
import { boxAt } from '../state/layoutAccess';
import type { LayoutBox } from '../state/types';
import type { ElkGraphOptions } from './elkGraph';
import type { LayoutRequest, LayoutResponse } from './protocol';

/** A layout and how long it took where it ran (the worker, or this thread). */
export interface TimedLayout {
  layout: Record<string, LayoutBox>;
  ms: number;
}

interface Pending {
  request: LayoutRequest;
  resolve: (result: TimedLayout) => void;
  reject: (error: Error) => void;
}

/** The worker; null once we know there can be none (no Worker, or it failed to start). */
let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') {
    worker = null;
    return null;
  }
  try {
    const started = new Worker(new URL('./layout.worker.ts', import.meta.url), {
      type: 'module',
      name: 'plumb-layout',
    });
    started.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const answer = event.data;
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if (answer.layout) waiting.resolve({ layout: answer.layout, ms: answer.ms });
      else waiting.reject(new Error(`Auto-layout failed: ${answer.error}`));
    };
    // The worker's script did not load or crashed: lay out on this thread from now on.
    started.onerror = (event) => {
      event.preventDefault();
      started.terminate();
      worker = null;
      const waiting = [...pending.values()];
      pending.clear();
      for (const each of waiting) runHere(each);
    };
    worker = started;
  } catch {
    worker = null;
  }
  return worker;
}

function runHere({ request, resolve, reject }: Pending): void {
  // Loaded only when needed, so that ELK stays out of the page's own bundle.
  import('./runLayout')
    .then(async ({ runLayout }) => {
      const start = performance.now();
      const layout = await runLayout(request.process, request.options);
      return { layout, ms: performance.now() - start };
    })
    .then(resolve, (error: unknown) =>
      reject(
        new Error(`Auto-layout failed: ${error instanceof Error ? error.message : String(error)}`),
      ),
    );
}

/**
 * Positions and sizes for every state of the process, by state path: x and y relative to the
 * parent state's top-left corner (top-level states to the origin), width and height of each box.
 */
export function layoutProcess(
  process: ProcessFile,
  options?: ElkGraphOptions,
): Promise<Record<string, LayoutBox>> {
  return layoutProcessTimed(process, options).then((result) => result.layout);
}

/** As `layoutProcess`, with the milliseconds the layout took where it ran. */
export function layoutProcessTimed(
  process: ProcessFile,
  options?: ElkGraphOptions,
): Promise<TimedLayout> {
  return new Promise((resolve, reject) => {
    const request: LayoutRequest = { id: nextId++, process, options };
    const job: Pending = { request, resolve, reject };
    const target = startWorker();
    if (!target) {
      runHere(job);
      return;
    }
    pending.set(request.id, job);
    try {
      target.postMessage(request);
    } catch (error) {
      // A process that cannot be cloned (it holds a function, say) is laid out here.
      pending.delete(request.id);
      if (error instanceof DOMException && error.name === 'DataCloneError') runHere(job);
      else reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** Stops the worker (the next layout starts a new one); pending layouts are rejected. */
export function stopLayoutWorker(): void {
  if (worker) worker.terminate();
  worker = undefined;
  const waiting = [...pending.values()];
  pending.clear();
  for (const each of waiting) each.reject(new Error('Auto-layout stopped'));
}

/** True when the file has no `layout`, or its `layout` lacks a position for some state. */
export function needsLayout(process: ProcessFile): boolean {
  const layout = process.layout;
  if (!layout || typeof layout !== 'object') return true;
  const tree = buildStateTree(process.machine);
  for (const node of tree.nodes) {
    if (node === tree.root) continue;
    const box = boxAt(layout as Record<string, LayoutBox>, node.path);
    if (!box || typeof box.x !== 'number' || typeof box.y !== 'number') return true;
  }
  return false;
}
