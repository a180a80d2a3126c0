// Reading and writing `layout` by state path. A state may be called anything, "__proto__" and
// "constructor" included: plain `layout[path]` would read Object.prototype for those, and writing
// it would set the object's prototype. These go by own properties only.

import type { ProcessFile } from '../../core/model/types';
import type { LayoutBox } from './types';

type Layout = NonNullable<ProcessFile['layout']>;

export function boxAt(
  layout: Readonly<Record<string, LayoutBox | undefined>> | undefined,
  path: string,
): LayoutBox | undefined {
  return layout && Object.hasOwn(layout, path) ? layout[path] : undefined;
}

/** A new layout with one box set, every other entry kept in its place. */
export function withBox(layout: Layout | undefined, path: string, box: LayoutBox): Layout {
  const entries = Object.entries(layout ?? {});
  let found = false;
  const next = entries.map(([key, value]): [string, unknown] => {
    if (key !== path) return [key, value];
    found = true;
    return [key, box];
  });
  if (!found) next.push([path, box]);
  return Object.fromEntries(next) as Layout;
}
