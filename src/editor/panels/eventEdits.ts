// Edits of the event catalogue: add, change (description, exception flag, scope), rename (every
// `on` key, scenario step and waiver that uses it follows) and delete.

import type { EventDef, ExceptionScope, ProcessFile } from '../../core/model/types';
import { transitionList } from '../state/refs';
import type { Recipe } from '../state/types';
import {
  checkName,
  eachState,
  fail,
  isProbability,
  mergeSlots,
  renameKey,
  tidyScope,
} from './editHelpers';

export function addEvent(name: string, def: EventDef = {}): Recipe {
  return (draft) => {
    const key = checkName(name, 'event');
    if (/\s/.test(key)) fail('an event name cannot hold spaces');
    if (draft.events?.[key]) fail(`there is already an event "${key}"`);
    draft.events = { ...(draft.events ?? {}), [key]: def };
  };
}

export interface EventChange {
  description?: string;
  exception?: boolean;
  /** Where an exception can happen; empty lists (or null) clear the scope. */
  when?: ExceptionScope | null;
  /** The Monte Carlo chance per step; null clears it. */
  probability?: number | null;
}

export function setEvent(name: string, change: EventChange): Recipe {
  return (draft) => {
    const event = draft.events?.[name] ?? fail(`there is no event "${name}"`);
    if (change.description !== undefined) {
      if (change.description.trim() === '') delete event.description;
      else event.description = change.description;
    }
    if (change.exception !== undefined) {
      if (change.exception) event.exception = true;
      else delete event.exception;
    }
    if (change.when !== undefined) {
      const states = (change.when?.states ?? []).map((s) => s.trim()).filter(Boolean);
      const roles = (change.when?.roles ?? []).map((r) => r.trim()).filter(Boolean);
      event.when = { states, roles };
      tidyScope(event);
    }
    if (change.probability !== undefined) {
      if (change.probability === null) delete event.probability;
      else if (!isProbability(change.probability)) fail('a probability is a number from 0 to 1');
      else event.probability = change.probability;
    }
  };
}

/**
 * Renames an event in the catalogue and everywhere it is used: the `on` keys of every state (a
 * state that already handles the new name keeps its transitions first), scenario steps, waivers.
 */
export function renameEvent(from: string, to: string): Recipe {
  return (draft) => {
    const name = checkName(to, 'event');
    if (/\s/.test(name)) fail('an event name cannot hold spaces');
    if (name === from) return;
    if (draft.events?.[name]) fail(`there is already an event "${name}"`);
    if (draft.events?.[from]) draft.events = renameKey(draft.events, from, name);
    eachState(draft.machine, (state) => {
      const on = state.on;
      if (!on || !(from in on)) return;
      if (name in on) {
        const merged = mergeSlots(on[name], on[from]);
        delete on[from];
        on[name] = merged;
      } else state.on = renameKey(on, from, name);
    });
    for (const scenario of draft.scenarios ?? [])
      for (const step of scenario.steps ?? [])
        if ('event' in step && step.event === from) step.event = name;
    for (const waiver of draft.waivers ?? []) if (waiver.event === from) waiver.event = name;
  };
}

/** How many `on` transitions use an event, over the whole machine. */
export function eventUses(process: ProcessFile, name: string): number {
  let count = 0;
  eachState(process.machine, (state) => {
    const slot = state.on?.[name];
    if (slot !== undefined) count += transitionList(slot).length;
  });
  return count;
}

/**
 * Deletes an event from the catalogue. Its transitions stay (and show as undeclared) unless
 * `withTransitions` is set, when every `on` transition for it goes too.
 */
export function deleteEvent(name: string, withTransitions = false): Recipe {
  return (draft) => {
    if (!draft.events?.[name]) fail(`there is no event "${name}"`);
    delete draft.events[name];
    if (!withTransitions) return;
    eachState(draft.machine, (state) => {
      if (!state.on || !(name in state.on)) return;
      delete state.on[name];
      if (Object.keys(state.on).length === 0) delete state.on;
    });
  };
}
