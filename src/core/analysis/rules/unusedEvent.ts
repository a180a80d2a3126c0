// unused-event: a catalogued event is handled nowhere.

import { descriptorMatches } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function unusedEvent(ctx: RuleContext): Crack[] {
  const descriptors = new Set<string>();
  for (const node of ctx.tree.nodes)
    for (const t of node.transitions)
      if (t.kind === 'on' && t.event !== undefined) descriptors.add(t.event);
  const out: Crack[] = [];
  for (const [name, def] of Object.entries(ctx.process.events ?? {})) {
    if ([...descriptors].some((d) => descriptorMatches(d, name))) continue;
    out.push(
      crack('unused-event', {
        event: name,
        path: `events.${name}`,
        message: `${def.exception ? 'The exception' : 'The event'} ${name} is in the catalogue, but no state reacts to it${def.exception ? ': wherever it happens, the case is dropped' : ''}.`,
        hint: def.exception
          ? `Handle ${name} in the states where it can happen, or around them.`
          : `Add a transition for ${name} where it happens, or remove it from "events" if it no longer does.`,
      }),
    );
  }
  return out;
}
