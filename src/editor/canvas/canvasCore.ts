// What the canvas's parts share: its props, and the handles its gesture hooks work through.

import type { ReactFlowInstance } from '@xyflow/react';
import type { Crack } from '../../core/analysis/types';
import type { ProcessFile } from '../../core/model/types';
import type { Edit, LayoutBox, Recipe, Selection } from '../state/types';
import type { Flow, StateFlowNode, TransitionFlowEdge } from './flowTypes';

export interface CanvasProps {
  process: ProcessFile;
  layout: Record<string, LayoutBox>;
  cracks: Crack[];
  selection: Selection;
  /** Paths of the active states (simulate mode): they light up. */
  active?: string[];
  /** A live count per state path, shown on the state. */
  counts?: Record<string, number>;
  /** No editing gestures: pan, zoom and select only. */
  readOnly?: boolean;
  /** Show the legend of roles and symbols (default true). */
  showLegend?: boolean;
  onSelect(selection: Selection): void;
  edit: Edit;
  /** Told when the inline rename of a state starts. */
  onRequestRename?(path: string): void;
  /** A new nonce centres the state at `path` (the problems panel), or fits the view for ''. */
  focus?: { path: string; nonce: number };
  /** A new nonce opens the inline rename on `path` (F2 pressed outside the canvas). */
  renameRequest?: { path: string; nonce: number };
}

export interface CanvasCore {
  rf: ReactFlowInstance<StateFlowNode, TransitionFlowEdge>;
  /** The latest props and flow, for handlers that must not change identity. */
  latest: { readonly current: { props: CanvasProps; flow: Flow } };
  /** Runs an edit; false when it was refused. */
  run(recipe: Recipe, label: string): boolean;
  /** Runs an edit that places states, saving first where the others are shown (fillLayout). */
  runPlaced(recipe: Recipe, label: string): boolean;
  /** Reports a selection made on the canvas. */
  select(next: Selection): void;
  /** Puts dragged states back where the file says (the edit that follows moves them for real). */
  settle(): void;
  startRename(path: string): void;
  setRenaming(path: string | null): void;
}

/** How "zoom to fit" frames the process. */
/** Fit the process, but never so small that its names cannot be read: a newcomer reads first. */
export const FIT = { padding: 0.12, maxZoom: 1.25, minZoom: 0.5, duration: 250 } as const;
