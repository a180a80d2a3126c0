// A file that cannot be imported: what is wrong, and where (line and column when known).

export class ImportError extends Error {
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, where: { line?: number; column?: number } = {}) {
    super(message);
    this.name = 'ImportError';
    this.line = where.line;
    this.column = where.column;
  }
}

/** What an importer gives: the process file, and what it could not carry over exactly. */
export interface ImportResult<P> {
  process: P;
  warnings: string[];
}
