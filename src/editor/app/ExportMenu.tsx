// Export: every format of the core's exporters, downloaded as a file or copied.

import { useState } from 'react';
import {
  EXPORT_EXTENSIONS,
  EXPORT_FORMATS,
  type ExportFormat,
  exportProcess,
} from '../../core/export';
import type { ProcessFile } from '../../core/model/types';

const NAMES: Record<ExportFormat, string> = {
  'xstate-json': 'XState JSON',
  'xstate-ts': 'XState TypeScript',
  scxml: 'SCXML (W3C)',
  mermaid: 'Mermaid diagram',
};

export function ExportMenu({
  process,
  onStatus,
}: {
  process: ProcessFile;
  onStatus(text: string, error?: boolean): void;
}) {
  const [open, setOpen] = useState(false);

  const textOf = (format: ExportFormat): string | undefined => {
    try {
      return exportProcess(process, format);
    } catch (error) {
      onStatus(`${NAMES[format]}: ${error instanceof Error ? error.message : String(error)}`, true);
      return undefined;
    }
  };

  const download = (format: ExportFormat) => {
    const text = textOf(format);
    if (text === undefined) return;
    const name = `${process.id}${format === 'xstate-ts' ? '.machine' : ''}${EXPORT_EXTENSIONS[format]}`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    onStatus(`Exported ${name}`);
    setOpen(false);
  };

  const copy = async (format: ExportFormat) => {
    const text = textOf(format);
    if (text === undefined) return;
    try {
      await navigator.clipboard.writeText(text);
      onStatus(`${NAMES[format]} copied to the clipboard`);
    } catch {
      onStatus('the browser refused the clipboard; use Download', true);
    }
    setOpen(false);
  };

  return (
    <div className="menu">
      <button
        type="button"
        data-testid="export-menu"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        Export ▾
      </button>
      {open && (
        <div className="menu-list">
          {EXPORT_FORMATS.map((format) => (
            <div key={format} className="menu-row">
              <span>{NAMES[format]}</span>
              <button
                type="button"
                data-testid={`export-${format}`}
                onClick={() => download(format)}
              >
                Download
              </button>
              <button type="button" onClick={() => void copy(format)}>
                Copy
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
