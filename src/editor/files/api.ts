// The workspace server's API, as the editor calls it (src/server/server.ts answers).

import type { FileReport } from '../../core/check';
import type { Problem, ProcessFile } from '../../core/model/types';

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

export interface FileList {
  folder: string;
  files: FileSummary[];
}

export interface OpenedFile {
  path: string;
  text: string;
  process?: ProcessFile;
  problems: Problem[];
  report: FileReport;
  etag: string;
}

export interface SavedFile {
  path: string;
  etag: string;
  report: FileReport;
}

/** An answer of the server that is not a success, with the server's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'the Plumb server does not answer: is `npm start` still running?');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(response.status, `the server answered ${response.status} with no JSON`);
  }
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body
        ? String(body.error)
        : response.statusText;
    throw new ApiError(response.status, message);
  }
  return body as T;
}

const fileUrl = (path: string) => `/api/files/${path.split('/').map(encodeURIComponent).join('/')}`;

export const listFiles = () => call<FileList>('/api/files');

export const openFile = (path: string) => call<OpenedFile>(fileUrl(path));

/** Writes the file; with an etag the server refuses (409) when the file changed on disk since. */
export const saveFile = (path: string, text: string, etag?: string) =>
  call<SavedFile>(fileUrl(path), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(etag ? { text, etag } : { text }),
  });
