// What the editor's Live mode reads from a running `plumb run` (DESIGN.md section 8): the cases
// per state with the oldest wait, the drops, the cases in one state, one case's history.

export interface LiveView {
  processId: string;
  at: string;
  active: number;
  done: number;
  error: number;
  states: Record<string, { count: number; oldestSince: string; oldestCaseId: string }>;
  drops: { caseId: string; at: string; event: string; state: string[] }[];
}

export interface LiveCase {
  caseId: string;
  paths: string[];
  status: string;
  since?: string;
  updatedAt?: string;
}

export interface CaseHistory {
  caseId: string;
  processId: string;
  status: string;
  paths: string[];
  history: { at: string; event: string; from: string[]; to: string[]; handled: boolean }[];
}

const RUNTIME_KEY = 'plumb.runtime';

export function savedRuntimeUrl(): string {
  try {
    return localStorage.getItem(RUNTIME_KEY) ?? 'http://127.0.0.1:7070';
  } catch {
    return 'http://127.0.0.1:7070';
  }
}

export function saveRuntimeUrl(url: string): void {
  try {
    localStorage.setItem(RUNTIME_KEY, url);
  } catch {
    // Not remembered; Live mode still works.
  }
}

async function get<T>(base: string, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base.replace(/\/+$/, '')}${path}`);
  } catch {
    throw new Error(`no runtime answers at ${base}: start one with \`npx plumb run machines\``);
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body as T;
}

const id = (text: string) => encodeURIComponent(text);

export const fetchLive = (base: string, processId: string) =>
  get<LiveView>(base, `/api/processes/${id(processId)}/live`);

export const fetchCasesIn = (base: string, processId: string, state: string) =>
  get<{ cases: LiveCase[] }>(base, `/api/processes/${id(processId)}/cases?state=${id(state)}`).then(
    (answer) => answer.cases,
  );

export const fetchCase = (base: string, caseId: string) =>
  get<CaseHistory>(base, `/api/cases/${id(caseId)}`);
