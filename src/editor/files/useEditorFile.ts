// The open file: read from the workspace, edited through an undo history, kept as a local draft on
// every change, saved on request with the etag it was read at (a file changed on disk since is
// never overwritten silently).

import { produce } from 'immer';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { parseProcess } from '../../core/model/parse';
import { formatProcess } from '../../core/model/serialize';
import type { Problem, ProcessFile } from '../../core/model/types';
import { replaceLayout } from '../state/edits';
import { EditHistory, type HistoryState } from '../state/history';
import { ApiError, type FileSummary, listFiles, openFile, saveFile } from './api';
import { clearDraft, type Draft, readDraft, writeDraft } from './drafts';

export interface BrokenFile {
  path: string;
  text: string;
  problems: Problem[];
}

export interface EditorFile {
  files: FileSummary[];
  folder?: string;
  path?: string;
  /** The file could not be read as a process: shown read-only with its problems. */
  broken?: BrokenFile;
  history?: EditHistory;
  state?: HistoryState;
  dirty: boolean;
  /** A draft newer than the file on disk, waiting for Restore or Discard. */
  draftOffer?: Draft;
  status?: { kind: 'info' | 'error'; text: string };
  loading: boolean;
  /** Problems the last save found in the file (schema errors with their JSON paths). */
  saveProblems: Problem[];
  open(path: string): Promise<void>;
  save(force?: boolean): Promise<void>;
  create(name: string): Promise<void>;
  restoreDraft(): void;
  discardDraft(): void;
  refreshList(): Promise<void>;
  setStatus(status?: { kind: 'info' | 'error'; text: string }): void;
}

const EMPTY: HistoryState | undefined = undefined;
const noop = () => () => {};

export interface FileOptions {
  /** Lays out a process that has no `layout` (ELK in a worker). */
  layout?: (process: ProcessFile) => Promise<Record<string, { x: number; y: number }>>;
}

export function useEditorFile(options: FileOptions = {}): EditorFile {
  const [files, setFiles] = useState<FileSummary[]>([]);
  const [folder, setFolder] = useState<string>();
  const [path, setPath] = useState<string>();
  const [broken, setBroken] = useState<BrokenFile>();
  const [history, setHistory] = useState<EditHistory>();
  const [savedRevision, setSavedRevision] = useState<number>();
  const [draftOffer, setDraftOffer] = useState<Draft>();
  const [status, setStatus] = useState<EditorFile['status']>();
  const [loading, setLoading] = useState(false);
  const [saveProblems, setSaveProblems] = useState<Problem[]>([]);
  const etag = useRef<string | undefined>(undefined);
  const layoutRef = useRef(options.layout);
  layoutRef.current = options.layout;

  const state = useSyncExternalStore(
    history?.subscribe ?? noop,
    history?.getSnapshot ?? (() => EMPTY),
  );
  const dirty = state !== undefined && savedRevision !== state.revision;

  const refreshList = useCallback(async () => {
    try {
      const list = await listFiles();
      setFiles(list.files);
      setFolder(list.folder);
    } catch (error) {
      setStatus({ kind: 'error', text: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    void refreshList();
  }, [refreshList]);

  const open = useCallback(async (target: string) => {
    setLoading(true);
    setStatus(undefined);
    setSaveProblems([]);
    try {
      const opened = await openFile(target);
      etag.current = opened.etag;
      setPath(target);
      setDraftOffer(undefined);
      if (!opened.process) {
        setHistory(undefined);
        setBroken({ path: target, text: opened.text, problems: opened.problems });
        return;
      }
      setBroken(undefined);
      let process = opened.process;
      if (!process.layout && layoutRef.current) {
        try {
          // Part of opening, not an edit: the laid-out file is where undo starts.
          process = produce(process, replaceLayout(await layoutRef.current(process)));
        } catch (error) {
          setStatus({ kind: 'error', text: `auto-layout failed: ${messageOf(error)}` });
        }
      }
      const next = new EditHistory(process);
      setHistory(next);
      setSavedRevision(next.state.revision);
      const draft = readDraft(target);
      if (draft && draft.text !== formatProcess(process) && draft.text !== opened.text)
        setDraftOffer(draft);
      else if (draft) clearDraft(target);
    } catch (error) {
      setStatus({ kind: 'error', text: `${target}: ${messageOf(error)}` });
    } finally {
      setLoading(false);
    }
  }, []);

  // Every change is kept in the browser until it is saved.
  useEffect(() => {
    if (!path || !state || !dirty) return;
    const timer = setTimeout(() => {
      writeDraft(path, {
        text: formatProcess(state.process),
        etag: etag.current,
        savedAt: Date.now(),
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [path, state, dirty]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useCallback(
    async (force = false) => {
      if (!path || !history) return;
      const current = history.state;
      const text = formatProcess(current.process);
      const problems = parseProcess(text).problems;
      setSaveProblems(problems);
      try {
        const saved = await saveFile(path, text, force ? undefined : etag.current);
        etag.current = saved.etag;
        setSavedRevision(current.revision);
        clearDraft(path);
        setStatus({
          kind: 'info',
          text:
            problems.length > 0
              ? `Saved ${path}, with ${problems.length} schema problem${problems.length === 1 ? '' : 's'} listed under Problems`
              : `Saved ${path}`,
        });
        void refreshList();
      } catch (error) {
        if (error instanceof ApiError && error.status === 409)
          setStatus({
            kind: 'error',
            text: `${error.message}. Your edits are kept as a draft; Save again with Shift to overwrite.`,
          });
        else setStatus({ kind: 'error', text: `not saved: ${messageOf(error)}` });
      }
    },
    [path, history, refreshList],
  );

  const create = useCallback(
    async (name: string) => {
      const slug = name
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9._/-]+/g, '-')
        .replace(/^-+|-+$/g, '');
      if (!slug) {
        setStatus({ kind: 'error', text: 'a new process needs a name' });
        return;
      }
      const file = slug.endsWith('.process.json') ? slug : `${slug}/as-is.process.json`;
      const id = (file.split('/')[0] ?? slug).replace(/\.process\.json$/, '');
      const process: ProcessFile = {
        plumb: 1,
        id,
        title: name.trim(),
        stage: 'as-is',
        roles: {},
        events: { START: { description: 'The case starts' } },
        machine: {
          id,
          initial: 'start',
          states: { start: { on: { START: 'done' } }, done: { type: 'final' } },
        },
        scenarios: [],
        layout: { start: { x: 0, y: 0 }, done: { x: 260, y: 0 } },
      };
      try {
        await saveFile(file, formatProcess(process));
        await refreshList();
        await open(file);
      } catch (error) {
        setStatus({ kind: 'error', text: `${file} not created: ${messageOf(error)}` });
      }
    },
    [open, refreshList],
  );

  const restoreDraft = useCallback(() => {
    if (!draftOffer || !history) return;
    const parsed = parseProcess(draftOffer.text);
    if (parsed.process) {
      const restored = parsed.process;
      history.apply((draft) => {
        for (const key of Object.keys(draft)) delete (draft as Record<string, unknown>)[key];
        Object.assign(draft, restored);
      }, 'Restore draft');
    } else setStatus({ kind: 'error', text: 'the draft no longer reads as a process' });
    setDraftOffer(undefined);
  }, [draftOffer, history]);

  const discardDraft = useCallback(() => {
    if (path) clearDraft(path);
    setDraftOffer(undefined);
  }, [path]);

  return useMemo(
    () => ({
      files,
      folder,
      path,
      broken,
      history,
      state,
      dirty,
      draftOffer,
      status,
      loading,
      saveProblems,
      open,
      save,
      create,
      restoreDraft,
      discardDraft,
      refreshList,
      setStatus,
    }),
    [
      files,
      folder,
      path,
      broken,
      history,
      state,
      dirty,
      draftOffer,
      status,
      loading,
      saveProblems,
      open,
      save,
      create,
      restoreDraft,
      discardDraft,
      refreshList,
    ],
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
