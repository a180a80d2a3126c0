// The workspace folder on disk: list its process files, read one, write one atomically.
// Every path goes through the guard of paths.ts; nothing outside the folder is read or written.

import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  type Dirent,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkProcess, checkText, type FileReport } from '../core/check';
import { parseProcess } from '../core/model/parse';
import type { Problem, ProcessFile } from '../core/model/types';
import { HttpError } from './http';
import { isInside, PROCESS_FILE, resolveUnder } from './paths';

export interface FileSummary {
  path: string;
  id?: string;
  title?: string;
  stage?: string;
  ok?: boolean;
  errors: number;
  warnings: number;
  problems?: Problem[];
}

export interface FileContent {
  path: string;
  text: string;
  process?: ProcessFile;
  problems: Problem[];
  report: FileReport;
  etag: string;
}

export const etagOf = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

const count = (report: FileReport, severity: 'error' | 'warning') =>
  report.cracks.filter((c) => c.severity === severity).length;

export class Workspace {
  /** The folder's real path. */
  readonly root: string;
  /** The last summary of each file, by path, kept while its bytes stay the same. */
  private readonly summaries = new Map<string, { etag: string; summary: FileSummary }>();

  constructor(folder: string) {
    let root: string;
    try {
      root = realpathSync(folder);
    } catch {
      throw new Error(`${folder}: no such folder`);
    }
    if (!statSync(root).isDirectory()) throw new Error(`${folder}: not a folder`);
    this.root = root;
  }

  /** Every `*.process.json` under the folder (hidden entries and node_modules skipped), checked. */
  list(): FileSummary[] {
    const seen = new Set<string>();
    const files = this.walk(this.root, '').map((rel) => {
      seen.add(rel);
      return this.summarise(rel);
    });
    for (const rel of this.summaries.keys()) if (!seen.has(rel)) this.summaries.delete(rel);
    return files;
  }

  private walk(folder: string, prefix: string): string[] {
    const out: string[] = [];
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return out;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      // Symlinked folders are not followed (no loops); symlinked files only when inside.
      if (entry.isDirectory()) out.push(...this.walk(join(folder, entry.name), rel));
      else if (PROCESS_FILE.test(entry.name)) {
        if (
          entry.isFile() ||
          (entry.isSymbolicLink() && this.linkStaysInside(join(folder, entry.name)))
        )
          out.push(rel);
      }
    }
    return out;
  }

  private linkStaysInside(path: string): boolean {
    try {
      const real = realpathSync(path);
      return isInside(this.root, real) && PROCESS_FILE.test(real) && statSync(real).isFile();
    } catch {
      return false;
    }
  }

  private summarise(rel: string): FileSummary {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolveUnder(this.root, rel, PROCESS_FILE).real);
    } catch {
      return {
        path: rel,
        ok: false,
        errors: 0,
        warnings: 0,
        problems: [{ path: '', message: 'cannot read the file' }],
      };
    }
    const etag = etagOf(bytes);
    const cached = this.summaries.get(rel);
    if (cached?.etag === etag) return cached.summary;
    const { report, process } = this.check(bytes.toString('utf8'), rel);
    const summary: FileSummary = {
      path: rel,
      ...(process?.id ? { id: process.id } : {}),
      ...(process?.title ? { title: process.title } : {}),
      ...(process?.stage ? { stage: process.stage } : {}),
      ok: report.ok,
      errors: count(report, 'error'),
      warnings: count(report, 'warning'),
    };
    if (report.problems) summary.problems = report.problems;
    this.summaries.set(rel, { etag, summary });
    return summary;
  }

  private check(text: string, rel: string): { report: FileReport; process?: ProcessFile } {
    const parsed = parseProcess(text);
    return parsed.process
      ? { report: checkProcess(parsed.process, rel), process: parsed.process }
      : { report: checkText(text, rel) };
  }

  /** One file: its text exactly as on disk, the process when it reads as one, and its check. */
  read(rel: string): FileContent {
    const { real, exists } = resolveUnder(this.root, rel, PROCESS_FILE);
    if (!exists) throw new HttpError(404, `${rel}: no such file in the workspace`);
    let bytes: Buffer;
    try {
      if (!statSync(real).isFile()) throw new HttpError(404, `${rel}: not a file`);
      bytes = readFileSync(real);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(404, `${rel}: the file cannot be read`);
    }
    const text = bytes.toString('utf8');
    const parsed = parseProcess(text);
    const report = parsed.process ? checkProcess(parsed.process, rel) : checkText(text, rel);
    const content: FileContent = {
      path: rel,
      text,
      problems: parsed.problems,
      report,
      etag: etagOf(bytes),
    };
    if (parsed.process) content.process = parsed.process;
    return content;
  }

  /**
   * Writes a process file: refused (400) when the text is not a process file, (409) when `etag`
   * is given and the file on disk is no longer that version. Written to a temporary file beside
   * it and renamed over it, so a reader never sees half a file. Synchronous from the etag check
   * to the rename, so two requests to this server cannot interleave.
   */
  write(
    rel: string,
    text: string,
    etag?: string,
  ): { path: string; etag: string; report: FileReport; created: boolean } {
    const parsed = parseProcess(text);
    if (!parsed.process) {
      const first = parsed.problems[0];
      const where = first?.line
        ? `:${first.line}:${first.column}`
        : first?.path
          ? ` at ${first.path}`
          : '';
      throw new HttpError(
        400,
        `${rel}${where}: not saved, this is not a process file: ${first?.message ?? 'unreadable'}`,
        { problems: parsed.problems },
      );
    }
    const { real, exists } = resolveUnder(this.root, rel, PROCESS_FILE);
    let current: Buffer | undefined;
    let mode: number | undefined;
    if (exists) {
      const stat = statSync(real);
      if (!stat.isFile()) throw new HttpError(409, `${rel}: a folder has this name`);
      mode = stat.mode & 0o777;
      if (etag !== undefined) current = readFileSync(real);
    }
    if (etag !== undefined) {
      const now = current ? etagOf(current) : undefined;
      if (now !== etag)
        throw new HttpError(
          409,
          now
            ? `${rel} changed on disk since it was read: reload it (or save without an etag to overwrite)`
            : `${rel} was removed from disk since it was read: save without an etag to create it again`,
          { etag: now ?? null },
        );
    }
    const folder = dirname(real);
    try {
      mkdirSync(folder, { recursive: true });
    } catch {
      throw new HttpError(409, `${rel}: its folder cannot be created (a file has that name)`);
    }
    if (!isInside(this.root, realpathSync(folder)))
      throw new HttpError(403, `${rel}: leads outside the workspace, so it is refused`);
    const bytes = Buffer.from(text, 'utf8');
    const temp = join(
      folder,
      `.${basename(real)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      const fd = openSync(temp, 'wx', mode ?? 0o666);
      try {
        if (mode !== undefined) fchmodSync(fd, mode);
        writeFileSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, real);
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
      throw error;
    }
    return {
      path: rel,
      etag: etagOf(bytes),
      report: checkProcess(parsed.process, rel),
      created: !exists,
    };
  }
}
