// The keyboard shortcuts, in a modal. Escape, the close button or a click outside closes it.

import { useEffect, useRef } from 'react';
import './panels.css';
import './lists.css';

export interface Shortcut {
  /** As written: "Ctrl+Z", "Shift+A", "Delete". */
  keys: string;
  what: string;
}

export interface HelpOverlayProps {
  shortcuts: Shortcut[];
  onClose(): void;
}

/**
 * The ways to press a shortcut, each as its keys: "Ctrl+Shift+Z / Ctrl+Y" →
 * [["Ctrl", "Shift", "Z"], ["Ctrl", "Y"]]. A lone "+" or "/" stays a key.
 */
export function splitKeys(keys: string): string[][] {
  return keys.split(/\s+\/\s+/).map((combo) => combo.split(/(?<=.)\+(?=.)/).map((k) => k.trim()));
}

export function HelpOverlay({ shortcuts, onClose }: HelpOverlayProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div className="pn-overlay">
      <button
        type="button"
        className="pn-backdrop"
        aria-label="Close the shortcuts"
        tabIndex={-1}
        onClick={onClose}
      />
      <div
        ref={dialog}
        className="pn-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pn-help-title"
        tabIndex={-1}
        data-testid="help-overlay"
      >
        <header className="pn-dialog-head">
          <h2 id="pn-help-title" className="pn-title">
            Keyboard shortcuts
          </h2>
          <button
            type="button"
            className="pn-close"
            aria-label="Close"
            data-testid="help-close"
            onClick={onClose}
          >
            ×
          </button>
        </header>
        <table className="pn-shortcuts">
          <tbody>
            {shortcuts.map((s) => (
              <tr key={`${s.keys}|${s.what}`}>
                <td className="pn-keys">
                  {splitKeys(s.keys).map((combo, c) => (
                    <span key={combo.join('+')}>
                      {c > 0 && <span className="pn-muted"> or </span>}
                      {combo.map((k, i) => (
                        <span key={k}>
                          {i > 0 && '+'}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </span>
                  ))}
                </td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
