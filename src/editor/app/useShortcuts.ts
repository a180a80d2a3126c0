// The editor's keyboard: one listener on the window, ignoring keys typed into fields.

import { useEffect, useRef } from 'react';
import type { ProcessFile } from '../../core/model/types';
import type { EditorFile } from '../files/useEditorFile';
import { statePaths } from '../panels/format';
import { addState, type Clipboard, copyStates, pasteStates, uniqueStateKey } from '../state/edits';
import { freeSpot } from '../state/freeSpot';
import { joinStatePath, splitStatePath } from '../state/refs';
import type { Edit, Selection } from '../state/types';
import { isTyping } from './shortcuts';
import { type Mode, selectedState } from './Toolbar';

interface Options {
  file: EditorFile;
  process?: ProcessFile;
  selection: Selection;
  setSelection(selection: Selection): void;
  edit: Edit;
  mode: Mode;
  setMode(mode: Mode): void;
  autoLayout(): void;
  help: boolean;
  setHelp(open: boolean): void;
  onFit(): void;
  onRename?(path: string): void;
}

export function useShortcuts(options: Options): void {
  const latest = useRef(options);
  latest.current = options;
  const clipboard = useRef<Clipboard | undefined>(undefined);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const o = latest.current;
      const ctrl = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (ctrl && key === 's') {
        event.preventDefault();
        void o.file.save(event.shiftKey);
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === 'Escape') {
        if (o.help) o.setHelp(false);
        else o.setSelection({ kind: 'none' });
        return;
      }
      const process = o.process;
      if (!process) return;
      const editing = o.mode === 'edit';
      if (ctrl && key === 'z' && !event.shiftKey) {
        event.preventDefault();
        if (editing) o.file.history?.undo();
        return;
      }
      if (ctrl && (key === 'y' || (key === 'z' && event.shiftKey))) {
        event.preventDefault();
        if (editing) o.file.history?.redo();
        return;
      }
      if (ctrl && key === 'c' && o.selection.kind === 'states') {
        clipboard.current = copyStates(process, o.selection.paths);
        return;
      }
      if (ctrl && key === 'v' && clipboard.current && editing) {
        event.preventDefault();
        const parent = pasteParent(process, o.selection);
        const clip = clipboard.current;
        o.edit(
          pasteStates(parent, clip, (paths) => o.setSelection({ kind: 'states', paths })),
          'Paste',
        );
        return;
      }
      if (ctrl && key === 'a') {
        event.preventDefault();
        o.setSelection({ kind: 'states', paths: statePaths(process) });
        return;
      }
      if (ctrl || event.altKey) return;
      if (event.key === '?') o.setHelp(!o.help);
      else if (key === 'm') o.setMode(o.mode === 'edit' ? 'simulate' : 'edit');
      else if (key === 'f') o.onFit();
      else if (key === 'p') o.setSelection({ kind: 'process' });
      else if (!editing) return;
      else if (key === 'a') {
        const parent = event.shiftKey ? selectedState(o.selection) : '';
        const newKey = uniqueStateKey(process, parent);
        o.edit(addState(parent, newKey, freeSpot(process, parent)), 'Add state');
        const path = joinStatePath(parent, newKey);
        o.setSelection({ kind: 'states', paths: [path] });
        o.onRename?.(path);
      } else if (key === 'l') o.autoLayout();
      else if (
        event.key === 'F2' &&
        o.selection.kind === 'states' &&
        o.selection.paths.length === 1
      )
        o.onRename?.(o.selection.paths[0]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Pasted states go beside the first selected state (into its parent), else at the top. */
function pasteParent(process: ProcessFile, selection: Selection): string {
  if (selection.kind !== 'states' || selection.paths.length === 0) return '';
  void process;
  return splitStatePath(selection.paths[0]).parent;
}
