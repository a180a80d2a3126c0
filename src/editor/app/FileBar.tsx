// The workspace's process files, grouped by folder, each with its check; and "New process".

import { useState } from 'react';
import type { FileSummary } from '../files/api';

interface Props {
  files: FileSummary[];
  current?: string;
  dirty: boolean;
  onOpen(path: string): void;
  onCreate(name: string): Promise<void>;
}

export function FileBar({ files, current, dirty, onOpen, onCreate }: Props) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const groups = new Map<string, FileSummary[]>();
  for (const file of files) {
    const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    groups.set(folder, [...(groups.get(folder) ?? []), file]);
  }
  return (
    <nav className="filebar" data-testid="filebar">
      <div className="filebar-head">
        <span>Processes</span>
        <button
          type="button"
          data-testid="new-process"
          onClick={() => setNaming(true)}
          title="New process"
        >
          + New
        </button>
      </div>
      {naming && (
        <form
          className="new-file"
          onSubmit={(event) => {
            event.preventDefault();
            setNaming(false);
            void onCreate(name);
            setName('');
          }}
        >
          <input
            ref={(el) => el?.focus()}
            placeholder="Process name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNaming(false)}
            data-testid="new-process-name"
          />
        </form>
      )}
      {[...groups].map(([folder, list]) => (
        <div key={folder} className="filebar-group">
          <div className="filebar-folder">{list[0]?.title ?? folder}</div>
          {list.map((file) => {
            const name = file.path
              .slice(file.path.lastIndexOf('/') + 1)
              .replace(/\.process\.json$/, '');
            return (
              <button
                type="button"
                key={file.path}
                className={`filebar-file ${file.path === current ? 'on' : ''}`}
                data-testid={`file-${file.path}`}
                onClick={() => onOpen(file.path)}
                title={file.path}
              >
                <span>
                  {name}
                  {file.path === current && dirty ? ' ●' : ''}
                </span>
                {file.problems?.length ? (
                  <span className="count bad">unreadable</span>
                ) : file.errors ? (
                  <span className="count bad">{file.errors}</span>
                ) : file.warnings ? (
                  <span className="count warn">{file.warnings}</span>
                ) : (
                  <span className="count good">✓</span>
                )}
              </button>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
