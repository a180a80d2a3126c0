// The open process and its undo history. Every edit is an Immer recipe; its patches and inverse
// patches are kept so that undo and redo replay exactly what changed, nothing else.

import { applyPatches, enablePatches, type Patch, produceWithPatches } from 'immer';
import type { ProcessFile } from '../../core/model/types';
import { EditError } from './edits';
import type { Recipe } from './types';

enablePatches();

interface Entry {
  id: number;
  label: string;
  patches: Patch[];
  inverse: Patch[];
}

export interface HistoryState {
  process: ProcessFile;
  /** Changes with every edit, undo and redo; equal revisions mean equal files. */
  revision: number;
  undoLabel?: string;
  redoLabel?: string;
}

let nextId = 1;

export class EditHistory {
  private past: Entry[] = [];
  private future: Entry[] = [];
  private base = nextId++;
  private current: HistoryState;
  private readonly listeners = new Set<() => void>();

  constructor(process: ProcessFile) {
    this.current = { process, revision: this.base };
  }

  get state(): HistoryState {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): HistoryState => this.current;

  /** Applies an edit; returns the reason when it cannot be made (nothing changes then). */
  apply(recipe: Recipe, label: string): string | undefined {
    let result: readonly [ProcessFile, readonly Patch[], readonly Patch[]];
    try {
      result = produceWithPatches(this.current.process, recipe);
    } catch (error) {
      if (error instanceof EditError) return error.message;
      return `${label} failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    const [process, patches, inverse] = result;
    if (patches.length === 0) return undefined;
    this.past.push({ id: nextId++, label, patches: [...patches], inverse: [...inverse] });
    if (this.past.length > 500) this.past.shift();
    this.future = [];
    this.publish(process);
    return undefined;
  }

  undo(): boolean {
    const entry = this.past.pop();
    if (!entry) return false;
    this.future.push(entry);
    this.publish(applyPatches(this.current.process, entry.inverse));
    return true;
  }

  redo(): boolean {
    const entry = this.future.pop();
    if (!entry) return false;
    this.past.push(entry);
    this.publish(applyPatches(this.current.process, entry.patches));
    return true;
  }

  /** Starts over on another process (a file opened or reloaded): no undo across files. */
  reset(process: ProcessFile): void {
    this.past = [];
    this.future = [];
    this.base = nextId++;
    this.publish(process);
  }

  private publish(process: ProcessFile): void {
    const top = this.past[this.past.length - 1];
    const next = this.future[this.future.length - 1];
    this.current = {
      process,
      revision: top ? top.id : this.base,
      undoLabel: top?.label,
      redoLabel: next?.label,
    };
    for (const listener of this.listeners) listener();
  }
}
