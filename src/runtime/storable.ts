// What a database can keep: PostgreSQL (and PGlite) text and jsonb refuse the NUL character and
// unpaired UTF-16 surrogates. JSON allows both (`"\u0000"`, `"\ud800"`), so a body can be valid
// JSON and still unstorable: it is refused with a 400 naming the field, before any work.

import { HttpError } from '../server/http';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(text))
    return 'contains an unpaired surrogate (\\ud800–\\udfff), which is not valid Unicode';
  return undefined;
}

/** Throws a 400 naming the first string (or key) inside `value` that cannot be stored. */
export function requireStorable(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    if (problem) throw new HttpError(400, `${path}: ${problem}`);
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) requireStorable(item, `${path}[${index}]`);
    return;
  }
  if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = problemOf(key);
      if (keyProblem) throw new HttpError(400, `${path}: a key ${keyProblem}`);
      requireStorable(item, path ? `${path}.${key}` : key);
    }
}
