// State values as state paths: `{ handling: { notify: 'sent', crm: 'updating' } }` →
// `handling.notify.sent`, `handling.crm.updating`.

export type StateValue = string | { [key: string]: StateValue };

/** The active leaf state paths of a snapshot value. */
export function leafPaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child === undefined || (typeof child === 'object' && Object.keys(child).length === 0))
      out.push(path);
    else out.push(...leafPaths(child, path));
  }
  return out;
}

/** Whether a case at these leaf paths is in (or inside) `path`. */
export function isInPath(leaves: readonly string[], path: string): boolean {
  return leaves.some((leaf) => leaf === path || leaf.startsWith(`${path}.`));
}

/** Every state path a set of leaves is inside (the leaves and all their ancestors). */
export function allPaths(leaves: readonly string[]): string[] {
  const out = new Set<string>();
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return [...out];
}
