// Loaded into the browser by the e2e test (through Vite): shows the examples page for files the test
// makes up, to see unreadable files and an empty folder without touching examples/.

import { createRoot } from 'react-dom/client';
import { ExampleList } from '../../src/editor/ExampleList';
import { checkExamples } from '../../src/editor/examples';
import '../../src/editor/examples.css';

export function renderExamples(files: Record<string, string>): void {
  document.getElementById('root')?.remove();
  const root = document.createElement('div');
  root.id = 'root';
  document.body.append(root);
  createRoot(root).render(<ExampleList folders={checkExamples(files)} />);
}
