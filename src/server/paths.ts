// The path guard: a request path becomes a file inside a root folder, or it is refused.
// Decoded once, normalised, and refused when it climbs out (`..`), is absolute, or goes through a
// symlink that leads outside the root (checked on the real path).

import { lstatSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { HttpError } from './http';

export const PROCESS_FILE = /\.process\.json$/;

/** Decodes a URL path (percent-encoding, once) or refuses it with a 400. */
export function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, `the path "${raw}" is not valid URL encoding`);
  }
}

/**
 * A decoded path relative to a root, as segments joined with `/`: no `..`, not absolute, no
 * backslashes or NUL, no hidden (`.name`) segments. `.` and empty segments are dropped.
 */
export function normaliseRelative(decoded: string): string {
  const refuse = (why: string) => new HttpError(403, `${JSON.stringify(decoded)}: ${why}`);
  if (decoded.includes('\0')) throw refuse('a path cannot hold a NUL character');
  if (decoded.includes('\\')) throw refuse('use / between folders, not \\');
  if (decoded.startsWith('/') || /^[A-Za-z]:/.test(decoded))
    throw refuse('absolute paths are refused: give a path inside the workspace');
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw refuse('the path climbs out of the workspace');
  if (segments.some((s) => s.startsWith('.')))
    throw refuse('hidden files and folders are not part of the workspace');
  return segments.join('/');
}

/** `..`-free relative path of a process file, or a 403. */
export function processFilePath(decoded: string): string {
  const rel = normaliseRelative(decoded);
  if (!PROCESS_FILE.test(rel))
    throw new HttpError(
      403,
      `${JSON.stringify(decoded)}: only *.process.json files of the workspace can be read or written`,
    );
  return rel;
}

export const isInside = (root: string, path: string): boolean =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

export interface Resolved {
  /** The path under the root, as asked for. */
  path: string;
  /** The file's real path (symlinks followed) when it exists, else the path to create. */
  real: string;
  exists: boolean;
}

/**
 * Resolves a normalised relative path under a root that is itself a real path. An existing file
 * must really be inside the root; a missing one must have its nearest existing folder inside it.
 */
export function resolveUnder(root: string, rel: string, mustMatch?: RegExp): Resolved {
  const path = join(root, ...rel.split('/'));
  if (!isInside(root, path)) throw new HttpError(403, `${rel}: outside the workspace`);
  const outside = () =>
    new HttpError(403, `${rel}: leads outside the workspace (a symbolic link), so it is refused`);
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    // A dangling symlink is not a file to create: where it points is not ours to decide.
    if (isSymlink(path)) throw outside();
    let ancestor = dirname(path);
    for (;;) {
      try {
        const realAncestor = realpathSync(ancestor);
        if (!isInside(root, realAncestor)) throw outside();
        break;
      } catch (inner) {
        if (inner instanceof HttpError) throw inner;
        const next = dirname(ancestor);
        if (next === ancestor || !isInside(root, next)) throw outside();
        ancestor = next;
      }
    }
    return { path, real: path, exists: false };
  }
  if (!isInside(root, real)) throw outside();
  if (mustMatch && !mustMatch.test(real))
    throw new HttpError(403, `${rel}: a link to a file that is not a *.process.json file`);
  return { path, real, exists: true };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
