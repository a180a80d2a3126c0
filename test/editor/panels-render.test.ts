// The panels render what they promise, with their test ids, from a real example: server-side
// rendering, so no DOM library is needed.

import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { Crack } from '../../src/core/analysis/types';
import { parseProcess } from '../../src/core/model/parse';
import type { ProcessFile } from '../../src/core/model/types';
import { HelpOverlay, splitKeys } from '../../src/editor/panels/HelpOverlay';
import { ProblemsPanel, sortCracks } from '../../src/editor/panels/ProblemsPanel';
import { ProcessPanel } from '../../src/editor/panels/ProcessPanel';
import { ScenariosPanel } from '../../src/editor/panels/ScenariosPanel';
import { StatePanel } from '../../src/editor/panels/StatePanel';
import { TransitionPanel } from '../../src/editor/panels/TransitionPanel';
import type { Recipe } from '../../src/editor/state/types';

function load(file: string): ProcessFile {
  const parsed = parseProcess(readFileSync(file, 'utf8'));
  if (!parsed.process) throw new Error(`${file} does not parse`);
  return parsed.process;
}

const asIs = load('examples/call-routing/as-is.process.json');
const edit = (_recipe: Recipe, _label: string) => {};
const onSelect = () => {};

describe('panels render', () => {
  it('the process panel shows roles, events and conditions', () => {
    const html = renderToStaticMarkup(createElement(ProcessPanel, { process: asIs, edit }));
    expect(html).toContain('data-testid="process-panel"');
    expect(html).toContain('data-testid="role-receptionist"');
    expect(html).toContain('data-testid="event-CALL_IN"');
    expect(html).toContain('Inbound call routing');
  });

  it('the state panel shows the state and its transitions out', () => {
    const html = renderToStaticMarkup(
      createElement(StatePanel, { process: asIs, path: 'extension', edit, onSelect }),
    );
    expect(html).toContain('data-testid="state-panel"');
    expect(html).toContain('value="extension"');
    expect(html).toContain('data-testid="state-transition-0"');
    expect(html).toMatch(/after 30 s/);
  });

  it('the transition panel shows an after transition in words', () => {
    const html = renderToStaticMarkup(
      createElement(TransitionPanel, {
        process: asIs,
        transition: { source: 'extension', slot: 'after', key: '30000', index: 0 },
        edit,
        onSelect,
      }),
    );
    expect(html).toContain('data-testid="transition-delay"');
    expect(html).toContain('after 30 s');
    expect(html).toContain('data-testid="transition-delete"');
  });

  it('the problems panel lists errors first, and says so when there are none', () => {
    const cracks = analyse(asIs).cracks;
    expect(cracks.length).toBeGreaterThan(0);
    const html = renderToStaticMarkup(createElement(ProblemsPanel, { cracks, onPick: () => {} }));
    expect(html).toContain('data-testid="problems-panel"');
    const first = cracks.find((c) => c.state) as Crack;
    expect(html).toContain(`data-testid="problem-${first.rule}-${first.state}"`);
    const sorted = sortCracks(cracks);
    const firstWarning = sorted.findIndex((c) => c.severity === 'warning');
    if (firstWarning >= 0)
      expect(sorted.slice(firstWarning).every((c) => c.severity === 'warning')).toBe(true);
    const none = renderToStaticMarkup(createElement(ProblemsPanel, { cracks: [], onPick() {} }));
    expect(none).toContain('No cracks');
  });

  it('the scenarios panel lists the scenarios with run buttons', () => {
    const html = renderToStaticMarkup(createElement(ScenariosPanel, { process: asIs, edit }));
    expect(html).toContain('data-testid="scenario-run-all"');
    for (const scenario of asIs.scenarios ?? [])
      expect(html).toContain(`data-testid="scenario-run-${scenario.id}"`);
  });

  it('the help overlay lists the shortcuts', () => {
    const html = renderToStaticMarkup(
      createElement(HelpOverlay, {
        shortcuts: [{ keys: 'Ctrl+Shift+Z / Ctrl+Y', what: 'Redo' }],
        onClose() {},
      }),
    );
    expect(html).toContain('data-testid="help-overlay"');
    expect(html).toContain('<kbd>Shift</kbd>');
    expect(splitKeys('Ctrl+Shift+Z / Ctrl+Y')).toEqual([
      ['Ctrl', 'Shift', 'Z'],
      ['Ctrl', 'Y'],
    ]);
  });
});
