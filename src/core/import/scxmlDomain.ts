// Which states a transition leaves and re-enters: its domain, by SCXML's rules and by XState's.
//
// SCXML: an internal transition of a compound state whose targets all lie inside it stays in it;
// any other transition's domain is the nearest COMPOUND proper ancestor of the source that holds
// every target. XState v5: a transition without `reenter` whose targets are the source or inside
// it stays in the source; otherwise the nearest proper ancestor of the first target holding the
// source and every other target, which may be a PARALLEL state. They differ only there.

import {
  ancestors,
  isCompound,
  isProperDescendant,
  type ScState,
  type ScTransition,
} from './scxmlDocument';

/** Whether XState needs `reenter: true` to leave and re-enter the source as SCXML does. */
export function needsReenter(transition: ScTransition, targets: ScState[]): boolean {
  if (targets.length === 0) return false;
  const { source } = transition;
  const within = targets.every((t) => t === source || isProperDescendant(t, source));
  return within && !staysInSource(transition, targets);
}

/** SCXML's internal transition that stays inside its source. */
function staysInSource(transition: ScTransition, targets: ScState[]): boolean {
  const { source } = transition;
  return (
    transition.internal && isCompound(source) && targets.every((t) => isProperDescendant(t, source))
  );
}

export function scxmlDomain(transition: ScTransition, targets: ScState[]): ScState | undefined {
  if (targets.length === 0) return undefined;
  if (staysInSource(transition, targets)) return transition.source;
  for (const ancestor of ancestors(transition.source))
    if (
      (ancestor.kind === 'scxml' || isCompound(ancestor)) &&
      targets.every((t) => isProperDescendant(t, ancestor))
    )
      return ancestor;
  return undefined;
}

export function xstateDomain(
  transition: ScTransition,
  targets: ScState[],
  reenter: boolean,
): ScState | undefined {
  if (targets.length === 0) return undefined;
  const { source } = transition;
  if (!reenter && targets.every((t) => t === source || isProperDescendant(t, source)))
    return source;
  const [head, ...tail] = targets;
  for (const ancestor of ancestors(head))
    if ([source, ...tail].every((s) => isProperDescendant(s, ancestor))) return ancestor;
  return undefined;
}
