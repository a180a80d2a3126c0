// XState TypeScript: a module that builds the machine with `setup()`, with the event catalogue as a
// type and a typed stub for every condition, action and service the file declares or the machine
// uses. It compiles under `tsc --strict` and runs with the real XState.
//
// Every name and text from the file reaches the module only as a string literal (JSON-quoted), an
// object key (quoted unless it is a plain identifier; `__proto__` computed, so that it stays a key)
// or inside a doc comment with `*/` broken up: nothing in a file can end a comment or a string.

import type { DelayDef, ProcessFile } from '../model/types';
import { delayMs } from '../simulation/machine';
import { analyseForExport, declaredThenUsed, formatMs, lines } from './text';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string as a TypeScript string literal. */
export function tsString(text: string): string {
  return JSON.stringify(text);
}

/** An object key: bare when it is an identifier, quoted otherwise; `__proto__` computed. */
export function tsKey(key: string): string {
  if (key === '__proto__') return `[${tsString(key)}]`;
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** A doc comment at `indent`; `*\/` inside the text cannot close it. */
export function docComment(text: string, indent = ''): string {
  const body = lines(text.replaceAll('*/', '*\\/')).map((line) => line.trimEnd());
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** A JSON value as a TypeScript expression, indented by two spaces a level. */
export function tsLiteral(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string') return tsString(value);
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
    if (typeof value === 'boolean') return String(value);
    return 'null';
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${tsLiteral(item, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${tsKey(key)}: ${tsLiteral(item, inner)},`).join('\n')}\n${indent}}`;
}

function delayNote(def: DelayDef): string {
  const ms = delayMs(def);
  const given =
    typeof def === 'string' ? def : typeof def === 'object' && def ? (def.duration ?? '') : '';
  return given ? `${given} (${formatMs(ms)})` : formatMs(ms);
}

/** One `export const name = { ... };` of stubs, each with its doc comment. */
function stubObject(name: string, note: string, stubs: [string, string, string][]): string {
  const body = stubs.map(
    ([key, doc, value]) => `${docComment(doc, '  ')}  ${tsKey(key)}: ${value},\n`,
  );
  return `${docComment(note)}export const ${name} = {\n${body.join('')}};\n`;
}

function notes(
  names: { declared: string[]; undeclared: string[] },
  describe: (name: string) => string | undefined,
  missing: string,
): [string, string][] {
  return [
    ...names.declared.map((name): [string, string] => [name, describe(name) || name]),
    ...names.undeclared.map((name): [string, string] => [name, missing]),
  ];
}

/** The TypeScript module of a process's machine. */
export function exportXStateTs(process: ProcessFile): string {
  const { refs } = analyseForExport(process);
  const blocks: string[] = [];
  const title = process.title ? `${process.title} (${process.id})` : process.id;
  const header = [
    `${title}${process.stage ? `, ${process.stage}` : ''}: the machine, exported by Plumb.`,
    ...(process.description ? ['', process.description] : []),
    '',
    'The config passed to createMachine is the process file\'s "machine", unchanged: change the',
    'process file, not this module. Implement the stubs (or pass your own with machine.provide()):',
    'each guard answers no, each action does nothing and each service fails until then.',
  ].join('\n');
  const services = notes(
    declaredThenUsed(process.services, refs.services),
    (name) => process.services?.[name]?.description,
    'Invoked by the machine, but not declared in the process file\'s "services".',
  );
  const imports = services.length ? 'fromPromise, setup' : 'setup';
  blocks.push(`${docComment(header)}\nimport { ${imports} } from 'xstate';\n`);

  // Events: the catalogue, then events the machine handles that the catalogue leaves out.
  const events = declaredThenUsed(process.events, refs.events);
  const members = notes(
    events,
    (name) => {
      const def = process.events?.[name] ?? {};
      return [def.description, def.exception ? '(an exception)' : ''].filter(Boolean).join(' ');
    },
    'Handled by the machine, but not in the event catalogue.',
  ).map(([name, doc]) => `${docComment(doc, '  ')}  | { type: ${tsString(name)} }`);
  blocks.push(
    `${docComment('The events of the catalogue.')}${
      members.length
        ? `export type Events =\n${members.join('\n')};\n`
        : 'export type Events = never;\n'
    }`,
  );
  blocks.push(
    `${docComment('What a guard or an action is given: the event (and the machine context).')}export interface Args {\n  context: unknown;\n  event: Events;\n}\n`,
  );

  const guards = notes(
    declaredThenUsed(process.conditions, refs.guards),
    (name) => process.conditions?.[name]?.question,
    'Used by the machine, but not declared in the process file\'s "conditions".',
  );
  blocks.push(
    stubObject(
      'guards',
      'The conditions: each answers a question about the case.',
      guards.map(([name, doc]) => [name, doc, '(_args: Args, _params: unknown): boolean => false']),
    ),
  );

  const actions = notes(
    declaredThenUsed(process.actions, refs.actions),
    (name) => process.actions?.[name]?.description,
    'Used by the machine, but not declared in the process file\'s "actions".',
  );
  blocks.push(
    stubObject(
      'actions',
      'The actions: what the machine does on the way.',
      actions.map(([name, doc]) => [name, doc, '(_args: Args, _params: unknown): void => {}']),
    ),
  );

  blocks.push(
    stubObject(
      'actors',
      'The services the machine invokes: automations that finish or fail.',
      services.map(([name, doc]) => [
        name,
        doc,
        `fromPromise<unknown, unknown>(async () => {\n    throw new Error(${tsString(`the service "${name}" is not implemented`)});\n  })`,
      ]),
    ),
  );

  blocks.push(
    stubObject(
      'delays',
      'The named delays, in milliseconds.',
      Object.entries(process.delays ?? {}).map(([name, def]) => [
        name,
        delayNote(def),
        tsLiteral(delayMs(def)),
      ]),
    ),
  );

  blocks.push(
    `${docComment('The machine.')}export const machine = setup({\n  types: { events: {} as Events },\n  guards,\n  actions,\n  actors,\n  delays,\n}).createMachine(${tsLiteral(process.machine)} as const);\n`,
  );
  return blocks.join('\n');
}
