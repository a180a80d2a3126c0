// Names for what an importer creates: process ids, titles, guard and action names.

/** `callRouting`, `Call Routing`, `call_routing` → `call-routing`. */
export function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** `call-routing` → `Call routing`. */
export function humanise(text: string): string {
  const words = kebabCase(text).split('-').filter(Boolean).join(' ');
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

/**
 * An identifier-like name from any text: `x > 5` → `x_gt_5`, `In('s1')` → `In_s1`.
 * Never empty: `fallback` when nothing is left.
 */
export function identifier(text: string, fallback: string): string {
  const spelled = text
    .replace(/&&/g, ' and ')
    .replace(/\|\|/g, ' or ')
    .replace(/===?/g, ' eq ')
    .replace(/!==?/g, ' ne ')
    .replace(/>=/g, ' ge ')
    .replace(/<=/g, ' le ')
    .replace(/>/g, ' gt ')
    .replace(/</g, ' lt ')
    .replace(/!/g, ' not ');
  const name = spelled
    .replace(/[^A-Za-z0-9_$]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  if (!name) return fallback;
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Hands out names that are unique: the same key gets the same name, a clash gets `_2`, `_3`. */
export class NameTable {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  /** The name for `key`, made from `wanted`; `fresh` is true the first time. */
  name(key: string, wanted: string): { name: string; fresh: boolean } {
    const known = this.byKey.get(key);
    if (known !== undefined) return { name: known, fresh: false };
    let name = wanted;
    for (let n = 2; this.taken.has(name); n++) name = `${wanted}_${n}`;
    this.taken.add(name);
    this.byKey.set(key, name);
    return { name, fresh: true };
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}
