// What the panels' recipe makers share: failing with a reason, renaming a key in its place,
// walking every state, fresh names, probabilities.

import type { EventDef, StateConfig, TransitionsConfig } from '../../core/model/types';
import { EditError } from '../state/edits';

export function fail(message: string): never {
  throw new EditError(message);
}

/** A record with one key renamed in its place, the others in their order. */
export function renameKey<T>(
  record: Record<string, T>,
  from: string,
  to: string,
): Record<string, T> {
  const next: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) next[key === from ? to : key] = value;
  return next;
}

export function checkName(name: string, what: string): string {
  const key = name.trim();
  if (!key) fail(`a ${what} needs a name`);
  return key;
}

/** A name not yet a key of the record: base, base 2, base 3… (joined by `sep`). */
export function uniqueKey(
  record: Record<string, unknown> | undefined,
  base: string,
  sep = '',
): string {
  if (!record || !(base in record)) return base;
  for (let n = 2; ; n++) if (!(`${base}${sep}${n}` in record)) return `${base}${sep}${n}`;
}

/** Every state config of the machine, the root included. */
export function eachState(machine: StateConfig, visit: (state: StateConfig) => void): void {
  const queue: StateConfig[] = [machine];
  for (let i = 0; i < queue.length; i++) {
    const state = queue[i];
    visit(state);
    for (const child of Object.values(state.states ?? {}))
      if (child && typeof child === 'object') queue.push(child);
  }
}

/** Whether a probability is a number from 0 to 1. */
export function isProbability(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

/** Appends `extra` to a slot value, keeping the simplest form. */
export function mergeSlots(a: TransitionsConfig, b: TransitionsConfig): TransitionsConfig {
  const list = [...(Array.isArray(a) ? a : [a]), ...(Array.isArray(b) ? b : [b])];
  return list.length === 1 ? list[0] : list;
}

/** Drops an exception scope's empty lists, and the scope when nothing is left. */
export function tidyScope(event: EventDef): void {
  const when = event.when;
  if (!when) return;
  if (when.states && when.states.length === 0) delete when.states;
  if (when.roles && when.roles.length === 0) delete when.roles;
  if (Object.keys(when).length === 0) delete event.when;
}
