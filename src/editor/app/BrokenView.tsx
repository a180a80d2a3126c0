// A file that does not read as a process: its problems and its text, read-only. Nothing is lost
// and nothing is guessed; fix the file in a text editor and open it again.

import type { BrokenFile } from '../files/useEditorFile';

export function BrokenView({ file }: { file: BrokenFile }) {
  const lines = file.text.split('\n');
  const marked = new Set(
    file.problems.map((p) => p.line).filter((l): l is number => l !== undefined),
  );
  return (
    <div className="broken" data-testid="broken-view">
      <h2>{file.path} cannot be opened for editing</h2>
      <p>It is shown read-only. Fix these problems in the file, then open it again:</p>
      <ul className="broken-problems" data-testid="broken-problems">
        {file.problems.map((problem) => (
          <li key={`${problem.path}:${problem.line}:${problem.column}:${problem.message}`}>
            <code>
              {problem.line
                ? `line ${problem.line}, column ${problem.column}`
                : problem.path || '(the file)'}
            </code>{' '}
            {problem.message}
          </li>
        ))}
      </ul>
      <pre className="broken-text">
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          <div key={index} className={marked.has(index + 1) ? 'marked' : ''}>
            <span className="ln">{index + 1}</span>
            {line}
          </div>
        ))}
      </pre>
    </div>
  );
}
