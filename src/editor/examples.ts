// The example processes as the page shows them: one entry per process folder, each file checked
// with the core (in the browser: the core is pure).

import { checkText, type FileReport } from '../core/check';

/** One process file with its check. */
export interface CheckedFile {
  /** The path from the project root, `examples/call-routing/as-is.process.json`. */
  file: string;
  /** The file name without `.process.json`: `as-is`, `to-be`, or another stage. */
  name: string;
  /** The process title, when the file is JSON with a string `title`. */
  title?: string;
  /** The process description, likewise. */
  description?: string;
  report: FileReport;
}

/** A process folder: its as-is and to-be (either may be missing) and any other process files. */
export interface ExampleFolder {
  /** The folder below `examples/`: `call-routing`. */
  folder: string;
  /** The title to show for the whole process: the to-be's, else the as-is's, else the folder. */
  title: string;
  asIs?: CheckedFile;
  toBe?: CheckedFile;
  others: CheckedFile[];
}

const SUFFIX = '.process.json';

/** Checks every file and groups the files by folder, folders in name order. */
export function checkExamples(files: Record<string, string>): ExampleFolder[] {
  const folders = new Map<string, ExampleFolder>();
  for (const served of Object.keys(files).sort()) {
    const file = served.replace(/^\//, '');
    const text = files[served];
    const relative = file.replace(/^examples\//, '');
    const slash = relative.lastIndexOf('/');
    const base = relative.slice(slash + 1);
    const name = base.endsWith(SUFFIX) ? base.slice(0, -SUFFIX.length) : base;
    const folder = slash >= 0 ? relative.slice(0, slash) : name;
    const checked: CheckedFile = { file, name, report: check(text, file) };
    const { title, description } = textsOf(text);
    if (title) checked.title = title;
    if (description) checked.description = description;

    let entry = folders.get(folder);
    if (!entry) {
      entry = { folder, title: folder, others: [] };
      folders.set(folder, entry);
    }
    const stage = checked.report.stage ?? name;
    if (stage === 'as-is' && !entry.asIs) entry.asIs = checked;
    else if (stage === 'to-be' && !entry.toBe) entry.toBe = checked;
    else entry.others.push(checked);
  }
  for (const entry of folders.values())
    entry.title =
      [entry.toBe, entry.asIs, ...entry.others].find((f) => f?.title)?.title ?? entry.folder;
  return [...folders.values()].sort((a, b) => a.folder.localeCompare(b.folder));
}

/** The core's check, never throwing: a file that breaks the checker shows that as its problem. */
function check(text: string, file: string): FileReport {
  try {
    return checkText(text, file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      file,
      ok: false,
      problems: [{ path: '', message: `The check itself failed: ${message}` }],
      cracks: [],
      waived: [],
      scenarios: [],
      notes: [],
    };
  }
}

/** The title and description of a file, where it is JSON that has them as strings. */
function textsOf(text: string): { title?: string; description?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object') return {};
    const { title, description } = value as Record<string, unknown>;
    return {
      title: typeof title === 'string' ? title.trim() || undefined : undefined,
      description: typeof description === 'string' ? description.trim() || undefined : undefined,
    };
  } catch {
    return {}; // Not JSON: the report's problems say so.
  }
}
