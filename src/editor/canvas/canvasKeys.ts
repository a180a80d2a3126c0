// The canvas's keyboard, while it has the focus: Delete/Backspace delete the selection, arrows
// pan (or nudge the selected states), + and - zoom, 0 fits, F2 or Enter renames, Escape clears.
// Keys with Ctrl, Cmd or Alt, and keys typed into fields, are left to the App.

import type { KeyboardEvent } from 'react';
import { deleteStates, deleteTransition, setLayout } from '../state/edits';
import { boxAt } from '../state/layoutAccess';
import { stateNodeId } from '../state/types';
import { type CanvasCore, FIT } from './canvasCore';

const PAN_STEP = 80;
const NUDGE_STEP = 8;

export function canvasKeyHandler(core: CanvasCore, renaming: string | null) {
  const { rf, latest, run, select, startRename, setRenaming } = core;
  return (event: KeyboardEvent) => {
    const element = event.target as HTMLElement;
    if (element.closest('input, textarea, select, [contenteditable="true"]')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const { selection, readOnly, layout } = latest.current.props;
    const states = selection.kind === 'states' ? selection.paths : [];
    let handled = true;
    switch (event.key) {
      case 'Delete':
      case 'Backspace':
        if (readOnly) break;
        if (states.length > 0) {
          const label = states.length === 1 ? 'Delete state' : `Delete ${states.length} states`;
          if (run(deleteStates(states), label)) select({ kind: 'none' });
        } else if (selection.kind === 'transition') {
          if (run(deleteTransition(selection.ref), 'Delete transition')) select({ kind: 'none' });
        } else handled = false;
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'ArrowUp':
      case 'ArrowDown': {
        const dx = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
        const dy = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
        if (states.length > 0 && !readOnly) {
          const step = event.shiftKey ? NUDGE_STEP * 5 : NUDGE_STEP;
          core.runPlaced((draft) => {
            for (const path of states) {
              const node = rf.getNode(stateNodeId(path));
              if (!node || node.type === 'region') continue;
              setLayout(path, {
                ...boxAt(layout, path),
                x: node.position.x + dx * step,
                y: node.position.y + dy * step,
              })(draft);
            }
          }, 'Nudge');
        } else {
          const { x, y, zoom } = rf.getViewport();
          const step = event.shiftKey ? PAN_STEP * 4 : PAN_STEP;
          void rf.setViewport({ x: x - dx * step, y: y - dy * step, zoom }, { duration: 120 });
        }
        break;
      }
      case '+':
      case '=':
        void rf.zoomIn({ duration: 150 });
        break;
      case '-':
      case '_':
        void rf.zoomOut({ duration: 150 });
        break;
      case '0':
        void rf.fitView(FIT);
        break;
      case 'F2':
      case 'Enter':
        if (states.length === 1 && !readOnly) startRename(states[0]);
        else handled = false;
        break;
      case 'Escape':
        if (renaming) setRenaming(null);
        else if (selection.kind !== 'none') select({ kind: 'none' });
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };
}
