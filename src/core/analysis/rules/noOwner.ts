// no-owner: a reachable non-final leaf state has no role, so nobody is responsible for the case there.

import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function noOwner(ctx: RuleContext): Crack[] {
  return ctx.reachableLeaves
    .filter((leaf) => leaf.path !== '' && ctx.roleOf(leaf) === undefined)
    .map((leaf) =>
      crack('no-owner', {
        state: leaf.path,
        path: leaf.jsonPath,
        message: `Nobody owns "${leaf.path}": when a case sits there, no role is responsible for moving it on.`,
        hint: `Set "meta": { "role": ... } on "${leaf.path}" (or on a state around it) to one of the process roles.`,
      }),
    );
}
