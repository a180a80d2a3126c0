// The editor: a file of the workspace on the canvas, the panels around it, live checking on every
// edit, simulate mode, export and approval.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Crack } from '../../core/analysis/types';
import type { Scenario } from '../../core/model/types';
import { Canvas } from '../canvas/Canvas';
import { useCheck } from '../check/useCheck';
import { clearDraft } from '../files/drafts';
import { useEditorFile } from '../files/useEditorFile';
import { layoutProcess } from '../layout/layoutClient';
import { LivePanel } from '../live/LivePanel';
import { savedRuntimeUrl, saveRuntimeUrl } from '../live/liveApi';
import { countsOf, useLive } from '../live/useLive';
import { HelpOverlay } from '../panels/HelpOverlay';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { ProcessPanel } from '../panels/ProcessPanel';
import { ScenariosPanel } from '../panels/ScenariosPanel';
import { StatePanel } from '../panels/StatePanel';
import { TransitionPanel } from '../panels/TransitionPanel';
import { SimulatePanel } from '../simulate/SimulatePanel';
import { replaceLayout } from '../state/edits';
import type { Edit, Selection } from '../state/types';
import { BrokenView } from './BrokenView';
import { FileBar } from './FileBar';
import { SHORTCUTS } from './shortcuts';
import { type Mode, Toolbar } from './Toolbar';
import { useShortcuts } from './useShortcuts';
import './app.css';

const NONE: Selection = { kind: 'none' };

/** The workspace file the address names: `#/folder/file.process.json`. */
function pathInAddress(): string {
  return decodeURIComponent(window.location.hash.replace(/^#\/?/, ''));
}

export function App() {
  const file = useEditorFile({ layout: layoutProcess });
  const process = file.state?.process;
  const { report, checking } = useCheck(process, file.path ?? '');
  const [selection, setSelection] = useState<Selection>(NONE);
  const [mode, setMode] = useState<Mode>('edit');
  const [runtimeUrl, setRuntimeUrl] = useState(savedRuntimeUrl);
  const live = useLive(mode === 'live' ? runtimeUrl : undefined, process?.id);
  const [active, setActive] = useState<string[]>([]);
  const [help, setHelp] = useState(false);
  const [tab, setTab] = useState<'problems' | 'scenarios'>('problems');
  const [focus, setFocus] = useState<{ path: string; nonce: number }>();
  const [renameRequest, setRenameRequest] = useState<{ path: string; nonce: number }>();
  const requestRename = useCallback(
    (path: string) => setRenameRequest({ path, nonce: Date.now() }),
    [],
  );
  /** The file last asked for (none yet at start), so the address changing to it opens nothing twice. */
  const requested = useRef<string | undefined>(undefined);

  /** Back to editing, the simulation's lit states go out. */
  const changeMode = useCallback((next: Mode) => {
    setMode(next);
    if (next === 'edit') setActive([]);
  }, []);

  const { history, setStatus } = file;
  const edit: Edit = useCallback(
    (recipe, label) => {
      const error = history?.apply(recipe, label);
      if (error) setStatus({ kind: 'error', text: error });
    },
    [history, setStatus],
  );

  // Open the file named in the address (#/folder/file.process.json), else the first one.
  useEffect(() => {
    if (requested.current !== undefined || file.files.length === 0) return;
    const wanted = pathInAddress();
    const first = file.files.find((f) => f.path === wanted) ?? file.files[0];
    if (first) {
      requested.current = first.path;
      void file.open(first.path);
    }
  }, [file.files, file.open]);

  const openPath = useCallback(
    (path: string) => {
      if (file.dirty) {
        if (!window.confirm('Discard the unsaved changes of this file?')) return;
        // Discarded means discarded: the browser's draft goes too.
        if (file.path) clearDraft(file.path);
      }
      requested.current = path;
      window.location.hash = `/${path}`;
      setSelection(NONE);
      setMode('edit');
      setActive([]);
      void file.open(path);
    },
    [file.dirty, file.open, file.path],
  );

  // The address names the file: typed in, or Back and Forward, it opens that file.
  useEffect(() => {
    const onHash = () => {
      const wanted = pathInAddress();
      if (wanted === requested.current) return;
      if (wanted && file.files.some((f) => f.path === wanted)) openPath(wanted);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [file.files, openPath]);

  // A message of success goes by itself; an error stays until it is dismissed.
  useEffect(() => {
    if (file.status?.kind !== 'info') return;
    const timer = setTimeout(() => setStatus(undefined), 5000);
    return () => clearTimeout(timer);
  }, [file.status, setStatus]);

  const cracks: Crack[] = report?.cracks ?? [];
  const pickCrack = useCallback((crack: Crack) => {
    if (crack.state === undefined) {
      setSelection({ kind: 'process' });
      return;
    }
    setSelection({ kind: 'states', paths: [crack.state] });
    setFocus({ path: crack.state, nonce: Date.now() });
  }, []);

  const saveScenario = useCallback(
    (scenario: Scenario) => {
      edit((draft) => {
        draft.scenarios = [...(draft.scenarios ?? []), scenario];
      }, 'Save scenario');
      setTab('scenarios');
      setStatus({ kind: 'info', text: `Scenario "${scenario.title ?? scenario.id}" added` });
    },
    [edit, setStatus],
  );

  const status = useCallback(
    (text: string, error?: boolean) => setStatus({ kind: error ? 'error' : 'info', text }),
    [setStatus],
  );

  const autoLayout = useCallback(async () => {
    if (!process) return;
    try {
      const boxes = await layoutProcess(process);
      edit(replaceLayout(boxes), 'Auto-layout');
      setFocus({ path: '', nonce: Date.now() });
    } catch (error) {
      status(`auto-layout failed: ${error instanceof Error ? error.message : String(error)}`, true);
    }
  }, [process, edit, status]);

  useShortcuts({
    file,
    process,
    selection,
    setSelection,
    edit,
    mode,
    setMode: changeMode,
    autoLayout,
    help,
    setHelp,
    onFit: () => setFocus({ path: '', nonce: Date.now() }),
    onRename: requestRename,
  });

  const layout = useMemo(() => process?.layout ?? {}, [process]);
  const readOnly = mode !== 'edit';
  const counts = useMemo(() => countsOf(live.view), [live.view]);

  return (
    <div className="app" data-testid="app">
      <Toolbar
        file={file}
        process={process}
        report={report}
        checking={checking}
        mode={mode}
        onMode={changeMode}
        onAutoLayout={() => void autoLayout()}
        onHelp={() => setHelp(true)}
        onProcess={() => setSelection({ kind: 'process' })}
        onStatus={status}
        edit={edit}
        selection={selection}
        onSelect={setSelection}
        onAdded={requestRename}
      />
      <div className="app-body">
        <FileBar
          files={file.files}
          current={file.path}
          dirty={file.dirty}
          onOpen={openPath}
          onCreate={file.create}
        />
        <main className="app-main">
          {file.draftOffer && (
            <div className="banner" data-testid="draft-banner">
              Unsaved changes from {new Date(file.draftOffer.savedAt).toLocaleString()} were kept in
              this browser.
              <button type="button" onClick={file.restoreDraft}>
                Restore them
              </button>
              <button type="button" onClick={file.discardDraft}>
                Discard
              </button>
            </div>
          )}
          {file.broken ? (
            <BrokenView file={file.broken} />
          ) : process ? (
            <Canvas
              process={process}
              layout={layout}
              cracks={cracks}
              selection={selection}
              active={mode === 'simulate' ? active : undefined}
              counts={mode === 'live' ? counts : undefined}
              readOnly={readOnly}
              onSelect={setSelection}
              edit={edit}
              focus={focus}
              renameRequest={renameRequest}
            />
          ) : (
            <div className="empty" data-testid="empty">
              {file.loading
                ? 'Opening…'
                : file.files.length === 0
                  ? 'No process files in this workspace yet: create one.'
                  : 'Pick a process on the left.'}
            </div>
          )}
          {process && (
            <section className="app-bottom">
              <nav className="tabs">
                <button
                  type="button"
                  className={tab === 'problems' ? 'on' : ''}
                  onClick={() => setTab('problems')}
                  data-testid="tab-problems"
                >
                  Problems {report ? `(${cracks.length + file.saveProblems.length})` : ''}
                </button>
                <button
                  type="button"
                  className={tab === 'scenarios' ? 'on' : ''}
                  onClick={() => setTab('scenarios')}
                  data-testid="tab-scenarios"
                >
                  Scenarios ({process.scenarios?.length ?? 0})
                </button>
              </nav>
              {tab === 'problems' ? (
                <ProblemsPanel
                  cracks={cracks}
                  waived={report?.waived}
                  problems={file.saveProblems}
                  onPick={pickCrack}
                />
              ) : (
                <ScenariosPanel process={process} edit={edit} checked={report?.scenarios} />
              )}
            </section>
          )}
        </main>
        {process && (
          <aside className="app-side">
            {mode === 'live' ? (
              <LivePanel
                processId={process.id}
                runtimeUrl={runtimeUrl}
                onRuntimeUrl={(url) => {
                  saveRuntimeUrl(url);
                  setRuntimeUrl(url);
                }}
                view={live.view}
                error={live.error}
                state={
                  selection.kind === 'states' && selection.paths.length === 1
                    ? selection.paths[0]
                    : undefined
                }
                onClose={() => setMode('edit')}
              />
            ) : mode === 'simulate' ? (
              <SimulatePanel
                process={process}
                onActiveStates={setActive}
                onSaveScenario={saveScenario}
                onClose={() => setMode('edit')}
              />
            ) : selection.kind === 'states' && selection.paths.length === 1 ? (
              <StatePanel
                process={process}
                path={selection.paths[0]}
                edit={edit}
                onSelect={setSelection}
              />
            ) : selection.kind === 'transition' ? (
              <TransitionPanel
                process={process}
                transition={selection.ref}
                edit={edit}
                onSelect={setSelection}
              />
            ) : (
              <ProcessPanel process={process} edit={edit} />
            )}
          </aside>
        )}
      </div>
      {file.status && (
        <div className={`status ${file.status.kind}`} data-testid="status" role="status">
          {file.status.text}
          <button type="button" aria-label="Dismiss" onClick={() => setStatus(undefined)}>
            ×
          </button>
        </div>
      )}
      {help && <HelpOverlay shortcuts={SHORTCUTS} onClose={() => setHelp(false)} />}
    </div>
  );
}
