// The page at the root (`npm start`): the example processes and their cracks (issue 2), until the
// full editor exists. Vite reads every example as text; the core checks them in the browser.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ExampleList } from './ExampleList';
import { checkExamples } from './examples';
import './examples.css';

const files = import.meta.glob<string>('/examples/**/*.process.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ExampleList folders={checkExamples(files)} />
  </StrictMode>,
);
