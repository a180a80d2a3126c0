// What node and edge components may ask of the canvas (rename, select a transition), through a
// context whose value never changes, so that memoised nodes do not re-render for it.

import { createContext, useContext } from 'react';
import type { TransitionRef } from '../state/types';

export interface CanvasActions {
  /** Opens the inline rename input on a state. */
  startRename(path: string): void;
  /** Commits a new name; returns the reason when it cannot be used (the input stays open). */
  commitRename(path: string, name: string): string | undefined;
  cancelRename(): void;
  selectTransition(ref: TransitionRef): void;
  readOnly(): boolean;
}

const noop: CanvasActions = {
  startRename: () => {},
  commitRename: () => undefined,
  cancelRename: () => {},
  selectTransition: () => {},
  readOnly: () => true,
};

export const CanvasActionsContext = createContext<CanvasActions>(noop);

export function useCanvasActions(): CanvasActions {
  return useContext(CanvasActionsContext);
}
