// Runs an edit on a throwaway copy first, so that a field can show why an edit cannot be made
// (a taken name, a probability out of range) next to itself instead of somewhere else.

import { produce } from 'immer';
import type { ProcessFile } from '../../core/model/types';
import { EditError } from '../state/edits';
import type { Edit, Recipe } from '../state/types';

/** The reason the recipe cannot be applied, or undefined when it can. */
export function editProblem(process: ProcessFile, recipe: Recipe): string | undefined {
  try {
    produce(process, recipe);
    return undefined;
  } catch (error) {
    if (error instanceof EditError) return error.message;
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Applies the edit when it can be made; otherwise returns the reason (for the field to show).
 * Recipes with side effects (onMoved callbacks) must not go through here: they would run twice.
 */
export function tryEdit(
  process: ProcessFile,
  edit: Edit,
  recipe: Recipe,
  label: string,
): string | undefined {
  const problem = editProblem(process, recipe);
  if (problem) return problem;
  edit(recipe, label);
  return undefined;
}
