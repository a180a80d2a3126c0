// The layout worker: answers `{ id, process, options? }` with `{ id, layout, ms }`, or with
// `{ id, error }` when the layout fails, so that ELK never blocks the page.

import type { LayoutRequest, LayoutResponse } from './protocol';
import { runLayout } from './runLayout';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// The bundled ELK believes that a worker it is loaded in is its own: on its first layout it sets
// `self.onmessage` to a dispatcher that would answer our requests with errors. Keep the slot
// empty (and deaf to that assignment), and listen with addEventListener instead.
scope.onmessage = null;
Object.defineProperty(scope, 'onmessage', {
  configurable: true,
  get: () => null,
  set: () => {},
});

scope.addEventListener('message', async (event: MessageEvent<LayoutRequest>) => {
  const { id, process, options } = event.data;
  const start = performance.now();
  let response: LayoutResponse;
  try {
    const layout = await runLayout(process, options);
    response = { id, layout, ms: performance.now() - start };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
});
