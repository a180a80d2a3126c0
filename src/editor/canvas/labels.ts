// The words on the canvas: a transition's label (`EVENT [condition] / actions`), a delay in words
// ("after 30 s"), a role's colour. Pure, so the tests read exactly what a person sees.

import type { Transition } from '../../core/model/tree';
import type { ProcessFile } from '../../core/model/types';
import { afterInWords } from '../format/time';

export { afterInWords, durationInWords } from '../format/time';

/** What starts the transition: the event, "⏱ after 30 s", "always", "done" or "error". */
export function triggerLabel(process: ProcessFile, transition: Transition): string {
  switch (transition.kind) {
    case 'on':
      return transition.event ?? '';
    case 'after':
      return `⏱ ${afterInWords(process, transition.event ?? '')}`;
    case 'always':
      return 'always';
    case 'onDone':
    case 'invoke.onDone':
      return 'done';
    case 'invoke.onError':
      return 'error';
  }
}

/** The whole label: `EVENT [condition] / action1, action2`. */
export function transitionLabel(process: ProcessFile, transition: Transition): string {
  let label = triggerLabel(process, transition);
  if (transition.guard) label += ` [${transition.guard}]`;
  if (transition.actions.length > 0) label += ` / ${transition.actions.join(', ')}`;
  return label;
}

/** Whether the transition's event is a catalogued exception. */
export function isException(process: ProcessFile, transition: Transition): boolean {
  return (
    transition.kind === 'on' &&
    transition.event !== undefined &&
    process.events?.[transition.event]?.exception === true
  );
}

/** Role colours: distinct, readable on white, stable by the roles' order in the file. */
export const ROLE_PALETTE = [
  '#2563eb',
  '#d97706',
  '#7c3aed',
  '#0d9488',
  '#db2777',
  '#65a30d',
  '#0891b2',
  '#ea580c',
  '#4f46e5',
  '#be123c',
] as const;

/** Colour of each role: declared roles in file order, then any undeclared role a state names. */
export function roleColours(
  process: ProcessFile,
  extra: Iterable<string> = [],
): Map<string, string> {
  const colours = new Map<string, string>();
  for (const role of Object.keys(process.roles ?? {}))
    colours.set(role, ROLE_PALETTE[colours.size % ROLE_PALETTE.length]);
  for (const role of extra)
    if (!colours.has(role)) colours.set(role, ROLE_PALETTE[colours.size % ROLE_PALETTE.length]);
  return colours;
}
