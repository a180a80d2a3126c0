// undeclared-event: a transition uses an event that is not in the catalogue (often a typo).

import { descriptorMatches } from '../../model/tree';
import { crack, type RuleContext } from '../context';
import type { Crack } from '../types';

export function undeclaredEvent(ctx: RuleContext): Crack[] {
  const catalogue = Object.keys(ctx.process.events ?? {});
  const out: Crack[] = [];
  for (const node of ctx.tree.nodes) {
    for (const t of node.transitions) {
      if (t.kind !== 'on' || t.event === undefined || t.order > 0) continue;
      const event = t.event;
      if (event === '*' || event.startsWith('xstate.')) continue;
      if (catalogue.includes(event)) continue;
      if (event.endsWith('.*') && catalogue.some((name) => descriptorMatches(event, name)))
        continue;
      const close = catalogue.find(
        (name) => name.toLowerCase() === event.toLowerCase() || editDistance(name, event) <= 2,
      );
      out.push(
        crack('undeclared-event', {
          state: node.path || undefined,
          event,
          path: t.jsonPath,
          message: `${node.path ? `"${node.path}"` : 'The machine'} reacts to ${event}, which is not in the event catalogue${close ? ` (did you mean ${close}?)` : ''}.`,
          hint: close
            ? `Rename it to ${close}, or declare ${event} under "events" with a description.`
            : `Declare ${event} under "events" with a description of what happened.`,
        }),
      );
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
