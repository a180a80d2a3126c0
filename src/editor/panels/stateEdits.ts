// State and transition edits the panels need beyond those of state/edits.ts: a history state's
// depth, a state's description, a transition's Monte Carlo weight.

import type { StateConfig } from '../../core/model/types';
import { EditError } from '../state/edits';
import { slotOf, stateAt, transitionList, writeTransition } from '../state/refs';
import type { Recipe, TransitionRef } from '../state/types';
import { isProbability } from './editHelpers';

function stateOrFail(machine: StateConfig, path: string): StateConfig {
  const state = stateAt(machine, path);
  if (!state) throw new EditError(`there is no state "${path}"`);
  return state;
}

/** Shallow history remembers the direct child; deep history the whole configuration inside. */
export function setHistoryDepth(path: string, depth: 'shallow' | 'deep'): Recipe {
  return (draft) => {
    const state = stateOrFail(draft.machine, path);
    if (state.type !== 'history') throw new EditError('only a history state has a depth');
    state.history = depth;
  };
}

/** Sets or clears ('') the state's description (XState's own field, outside meta). */
export function setStateDescription(path: string, text: string): Recipe {
  return (draft) => {
    const state = stateOrFail(draft.machine, path);
    if (text.trim() === '') delete state.description;
    else state.description = text;
  };
}

/** Sets or clears (null) a transition's Monte Carlo weight among its state's events. */
export function setTransitionProbability(ref: TransitionRef, probability: number | null): Recipe {
  return (draft) => {
    const state = stateOrFail(draft.machine, ref.source);
    const item = transitionList(slotOf(state, ref.slot, ref.key).get())[ref.index];
    if (!item) throw new EditError('that transition no longer exists');
    if (probability !== null && !isProbability(probability))
      throw new EditError('a probability is a number from 0 to 1');
    const meta = { ...(item.meta ?? {}) };
    if (probability === null) delete meta.probability;
    else meta.probability = probability;
    if (Object.keys(meta).length === 0) delete item.meta;
    else item.meta = meta;
    writeTransition(state, ref, item);
    // Nothing left but the target: write it back bare, as it was before the weight was set.
    if (typeof item.target === 'string' && Object.keys(item).length === 1) {
      const holder = slotOf(state, ref.slot, ref.key);
      const raw = holder.get();
      if (Array.isArray(raw)) raw[ref.index] = item.target;
      else holder.set(item.target);
    }
  };
}
