// Where a new state goes when no point was clicked: in the empty space below its siblings, so it
// lands on nothing and the picture does not move.

import type { ProcessFile } from '../../core/model/types';
import { boxAt } from './layoutAccess';
import { joinStatePath, stateAt } from './refs';

export function freeSpot(process: ProcessFile, parentPath: string): { x: number; y: number } {
  const siblings = Object.keys(stateAt(process.machine, parentPath)?.states ?? {});
  const boxes = siblings
    .map((key) => boxAt(process.layout, joinStatePath(parentPath, key)))
    .filter((box): box is NonNullable<typeof box> => box !== undefined);
  if (boxes.length === 0) return { x: 40, y: parentPath === '' ? 40 : 48 };
  const left = Math.min(...boxes.map((b) => b.x));
  const bottom = Math.max(
    ...boxes.map((b) => b.y + (typeof b.height === 'number' ? b.height : 56)),
  );
  return { x: left, y: bottom + 48 };
}
