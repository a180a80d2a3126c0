// The editor's shared vocabulary: what is selected, how a transition is named on the canvas, and
// the one way every part of the editor changes the process (an Immer recipe with a label, so that
// every edit can be undone).

import type { ProcessFile } from '../../core/model/types';

/** Where a transition lives in its source state's config. */
export type TransitionSlot =
  | 'on'
  | 'always'
  | 'after'
  | 'onDone'
  | 'invoke.onDone'
  | 'invoke.onError';

/**
 * One transition of the machine, as the file holds it: the source state's path ("" for the root),
 * the slot, the event (for `on`) or delay key (for `after`) or invoke index (for invoke.*), and
 * the index in that slot's array (0 when the slot holds a single transition).
 */
export interface TransitionRef {
  source: string;
  slot: TransitionSlot;
  key?: string;
  index: number;
}

export type Selection =
  | { kind: 'none' }
  | { kind: 'states'; paths: string[] }
  | { kind: 'transition'; ref: TransitionRef }
  | { kind: 'process' };

/** Changes the draft in place; the store records patches for undo. */
export type Recipe = (draft: ProcessFile) => void;

/** Every edit goes through here: a recipe and the words the undo menu shows ("Rename state"). */
export type Edit = (recipe: Recipe, label: string) => void;

/** A position saved in the file's `layout`, relative to the parent state's top-left corner. */
export interface LayoutBox {
  x: number;
  y: number;
  width?: number;
  height?: number;
}

const SEP = '\u241f';

/** The React Flow edge id of a transition. */
export function transitionId(ref: TransitionRef): string {
  return ['t', ref.source, ref.slot, ref.key ?? '', String(ref.index)].join(SEP);
}

export function parseTransitionId(id: string): TransitionRef | undefined {
  const parts = id.split(SEP);
  if (parts.length !== 5 || parts[0] !== 't') return undefined;
  const [, source, slot, key, index] = parts;
  const ref: TransitionRef = { source, slot: slot as TransitionSlot, index: Number(index) };
  if (key !== '') ref.key = key;
  return ref;
}

/** The React Flow node id of a state: its path, with the root as "(root)". */
export function stateNodeId(path: string): string {
  return path === '' ? '(root)' : path;
}
