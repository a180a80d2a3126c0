// SCXML executable content (<raise>, <send>, <log>, <assign>, <script>, <if>, <foreach>, <cancel>)
// as named actions, in place and in order. A process file names actions and never holds code, so
// what each element DOES is not carried: every kind met is listed as a loss, with its lines, for a
// warning and for the file's description.

import type { ActionDef } from '../model/types';
import { identifier, NameTable } from './names';
import type { XmlElement } from './xml';

/** One kind of content that became named actions without its behaviour. */
export interface Loss {
  /** What is lost, said once for the kind (`the events sent by <send>`). */
  what: string;
  lines: number[];
  names: string[];
}

const MAX_DESCRIPTION = 240;

const clip = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DESCRIPTION ? `${flat.slice(0, MAX_DESCRIPTION - 1)}…` : flat;
};

/** The element written back compactly, for descriptions and for telling equal content apart. */
export function writeElement(element: XmlElement): string {
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  const inner = element.children.map(writeElement).join('') + element.text.trim();
  return inner
    ? `<${element.local}${attributes}>${inner}</${element.local}>`
    : `<${element.local}${attributes}/>`;
}

const LOSSES: Record<string, string> = {
  raise: 'the events raised by <raise> (Plumb does not raise them: a scenario must send them)',
  send: 'the events sent by <send> (Plumb does not send them)',
  cancel: '<cancel> of sent events',
  log: '<log> output',
  assign: 'the data changed by <assign> (the data model is not carried)',
  script: 'the code of <script>',
  if: 'the conditions inside <if> (the whole <if> is one action)',
  foreach: 'the loop of <foreach> (the whole <foreach> is one action)',
};

export class ActionNames {
  readonly actions: Record<string, ActionDef> = {};
  private readonly table = new NameTable();
  private readonly losses = new Map<string, Loss>();
  private scripts = 0;

  /** The action names for a list of executable elements, declaring each new one. */
  names(elements: XmlElement[]): string[] {
    return elements.map((element) => this.name(element));
  }

  name(element: XmlElement): string {
    const a = element.attributes;
    const key = writeElement(element);
    let wanted: string;
    let description: string;
    switch (element.local) {
      case 'raise':
        wanted = `raise_${identifier(a.event ?? '', 'event')}`;
        description = `Raises the event ${a.event ?? '(none)'} inside the machine (SCXML <raise>)`;
        break;
      case 'send': {
        const event = a.event ?? (a.eventexpr ? `(${a.eventexpr})` : '(content)');
        wanted = `send_${identifier(a.event ?? a.eventexpr ?? '', 'event')}`;
        const to = a.target ?? (a.targetexpr ? `(${a.targetexpr})` : undefined);
        const after = a.delay ?? (a.delayexpr ? `(${a.delayexpr})` : undefined);
        description = `Sends the event ${event}${to ? ` to ${to}` : ''}${after ? ` after ${after}` : ''} (SCXML <send>)`;
        break;
      }
      case 'cancel':
        wanted = `cancel_${identifier(a.sendid ?? a.sendidexpr ?? '', 'send')}`;
        description = `Cancels the delayed event sent as ${a.sendid ?? `(${a.sendidexpr})`} (SCXML <cancel>)`;
        break;
      case 'log':
        wanted = `log_${identifier(a.label ?? a.expr ?? '', 'message')}`;
        description = `Logs ${[a.label, a.expr].filter(Boolean).join(': ') || 'a message'} (SCXML <log>)`;
        break;
      case 'assign':
        wanted = `assign_${identifier(a.location ?? '', 'data')}`;
        description = `Sets ${a.location ?? 'data'} to ${a.expr ?? clip(element.text)} (SCXML <assign>)`;
        break;
      case 'script':
        wanted = `script_${this.scripts + 1}`;
        description = a.src
          ? `Runs the script ${a.src} (SCXML <script>)`
          : `Runs the script: ${element.text.trim()} (SCXML <script>)`;
        break;
      case 'if':
        wanted = `if_${identifier(a.cond ?? '', 'condition')}`;
        description = key;
        break;
      case 'foreach':
        wanted = `foreach_${identifier(a.array ?? '', 'item')}`;
        description = key;
        break;
      default:
        wanted = identifier(element.local, 'action');
        description = key;
    }
    const { name, fresh } = this.table.name(key, wanted);
    if (fresh) this.actions[name] = { description: clip(description) };
    if (fresh && element.local === 'script') this.scripts++;
    const what = LOSSES[element.local] ?? `the behaviour of <${element.local}>`;
    const loss = this.losses.get(what) ?? { what, lines: [], names: [] };
    loss.lines.push(element.line);
    if (!loss.names.includes(name)) loss.names.push(name);
    this.losses.set(what, loss);
    return name;
  }

  /** What the named actions do not carry, one entry per kind of content. */
  lost(): Loss[] {
    return [...this.losses.values()];
  }
}
