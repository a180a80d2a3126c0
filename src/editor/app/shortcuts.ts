// The keyboard shortcuts of the editor: one list, read by the key handler and the help overlay.

export interface Shortcut {
  keys: string;
  what: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl+S', what: 'Save the file (Shift+Ctrl+S overwrites a file changed on disk)' },
  { keys: 'Ctrl+Z', what: 'Undo' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', what: 'Redo' },
  { keys: 'A', what: 'Add a state' },
  { keys: 'Shift+A', what: 'Add a child state to the selected state' },
  { keys: 'F2', what: 'Rename the selected state' },
  { keys: 'Delete / Backspace', what: 'Delete the selection' },
  { keys: 'Ctrl+C / Ctrl+V', what: 'Copy and paste states' },
  { keys: 'Ctrl+A', what: 'Select every state' },
  { keys: 'L', what: 'Auto-layout' },
  { keys: 'M', what: 'Simulate mode on or off' },
  { keys: 'F', what: 'Zoom to fit' },
  { keys: 'P', what: 'Process settings: roles, events, conditions' },
  { keys: 'Drag from a state’s edge', what: 'Draw a transition' },
  { keys: 'Double-click the canvas', what: 'Add a state there' },
  { keys: 'Shift+click / drag a box', what: 'Select several states' },
  { keys: 'Arrows', what: 'Pan (with the canvas focused); + and − zoom' },
  { keys: 'Escape', what: 'Clear the selection, close a dialog' },
  { keys: '?', what: 'This help' },
];

/** True when the key press belongs to a text field, not to the editor. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
