// JSON paths as people read them: `machine.states.triage.on.DONE`, `scenarios[0].steps[2]`.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends an object key or array index to a JSON path. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (isIdentifier(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

const identifiers = new Map<string, boolean>();

function isIdentifier(key: string): boolean {
  let known = identifiers.get(key);
  if (known === undefined) {
    known = IDENTIFIER.test(key);
    if (identifiers.size < 100_000) identifiers.set(key, known);
  }
  return known;
}

/** The JSON path of a state node's config, from its state path (`a.b` → `machine.states.a.states.b`). */
export function stateJsonPath(segments: readonly string[]): string {
  let path = 'machine';
  for (const segment of segments) path = joinPath(joinPath(path, 'states'), segment);
  return path;
}

/** Line and column (1-based) of a character offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
