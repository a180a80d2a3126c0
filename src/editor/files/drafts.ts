// Local drafts: every edit is kept in the browser until it is saved, so a reload or a crash loses
// nothing. A draft remembers the etag of the file it was made from.

export interface Draft {
  text: string;
  /** The etag of the file on disk the draft started from. */
  etag?: string;
  savedAt: number;
}

const PREFIX = 'plumb.draft:';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function readDraft(path: string): Draft | undefined {
  const raw = storage()?.getItem(PREFIX + path);
  if (!raw) return undefined;
  try {
    const draft = JSON.parse(raw) as Draft;
    return typeof draft.text === 'string' ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(path: string, draft: Draft): void {
  try {
    storage()?.setItem(PREFIX + path, JSON.stringify(draft));
  } catch {
    // A full storage must not stop editing; the file on disk is still there.
  }
}

export function clearDraft(path: string): void {
  storage()?.removeItem(PREFIX + path);
}
