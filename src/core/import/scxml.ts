// SCXML → process file, keeping SCXML's meaning (DESIGN.md section 5). The XML is read strictly
// (no DOCTYPE, no entities), the states and transitions are carried into an XState machine that
// behaves the same, and whatever cannot be carried (scripts, the data model, <log>, the events
// <raise> and <send> produce) is named in a warning and in the file's description.

import { validateProcess } from '../model/parse';
import type { EventDef, ProcessFile } from '../model/types';
import { ImportError, type ImportResult } from './errors';
import { humanise, kebabCase } from './names';
import type { Loss } from './scxmlActions';
import { readScxml, type ScDocument } from './scxmlDocument';
import { normaliseDescriptor, scxmlMatches } from './scxmlEvents';
import { buildMachine } from './scxmlMachine';
import { importPlumbScxml } from './scxmlPlumb';
import { parseXml } from './xml';

export interface ScxmlOptions {
  /** Where the document came from (a file name), for the ids when <scxml> has no name. */
  name?: string;
}

/** A process file from SCXML text. Throws ImportError, with the line, for what is not SCXML. */
export function importScxml(text: string, options: ScxmlOptions = {}): ImportResult<ProcessFile> {
  const xml = parseXml(text);
  const doc = readScxml(xml);
  // What Plumb exported comes back as the process file it was.
  const exported = importPlumbScxml(xml, doc);
  if (exported) return exported;
  const name = doc.name?.trim() || options.name || '';
  const machineId = name.replace(/[.#\\\s]+/g, '_') || 'scxml';
  const built = buildMachine(doc, machineId);
  const losses = [...documentLosses(doc), ...built.losses];
  const warnings = [
    ...doc.ignored.map(({ element, why }) => `line ${element.line}: ${why}: ignored`),
    ...errorEventWarnings(doc),
    ...built.warnings,
    ...losses.map(lossWarning),
  ];

  const events: Record<string, EventDef> = {};
  for (const event of built.events) events[event] = {};
  const process: ProcessFile = {
    plumb: 1,
    id: kebabCase(name) || 'imported-process',
    title: humanise(name) || 'Imported SCXML machine',
    stage: 'as-is',
    description: describe(doc, losses),
    events,
  } as ProcessFile;
  if (Object.keys(built.conditions).length > 0) process.conditions = built.conditions;
  if (Object.keys(built.actions).length > 0) process.actions = built.actions;
  if (Object.keys(built.services).length > 0) process.services = built.services;
  process.machine = built.machine;
  const checked = validateProcess(process);
  if (!checked.process)
    throw new ImportError(
      `the import made a process file Plumb cannot read (please report this): ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return { process: checked.process, warnings };
}

const plural = (lines: number[]) => {
  const unique = [...new Set(lines)].sort((a, b) => a - b);
  return `${unique.length === 1 ? 'line' : 'lines'} ${unique.join(', ')}`;
};

function lossWarning(loss: Loss): string {
  const kept =
    loss.names.length === 0
      ? ''
      : ` (kept in place as the named action${loss.names.length === 1 ? '' : 's'} ${loss.names.map((n) => `"${n}"`).join(', ')})`;
  return `${plural(loss.lines)}: not carried over: ${loss.what}${kept}`;
}

function describe(doc: ScDocument, losses: Loss[]): string {
  const from = `Imported from SCXML${doc.name ? ` (${doc.name})` : ''}.`;
  if (losses.length === 0) return from;
  return `${from} Not carried over: ${losses.map((loss) => `${loss.what} (${plural(loss.lines)})`).join('; ')}.`;
}

/** What the document holds besides states: the data model, scripts, done data, foreign elements. */
function documentLosses(doc: ScDocument): Loss[] {
  const losses: Loss[] = [];
  const add = (what: string, line: number) => {
    const loss = losses.find((l) => l.what === what);
    if (loss) loss.lines.push(line);
    else losses.push({ what, lines: [line], names: [] });
  };
  const data: { id: string; line: number }[] = [];
  for (const state of [doc.root, ...doc.states])
    for (const model of state.datamodel) {
      for (const item of model.children)
        if (item.local === 'data') data.push({ id: item.attributes.id ?? '?', line: item.line });
      if (model.children.length === 0) data.push({ id: '(empty)', line: model.line });
    }
  const kind = doc.root.element.attributes.datamodel;
  if (data.length > 0 || (kind && kind !== 'null')) {
    const what = `the data model${kind ? ` (${kind})` : ''}${data.length > 0 ? ` and its data ${data.map((d) => d.id).join(', ')}` : ''}: conditions become named conditions answered by whoever simulates`;
    for (const line of data.length > 0 ? data.map((d) => d.line) : [doc.root.element.line])
      add(what, line);
  }
  for (const script of doc.scripts) add('the top-level <script>', script.line);
  for (const state of doc.states)
    if (state.donedata) add('<donedata> of final states', state.donedata.line);
  for (const element of doc.foreign)
    add(`elements of other namespaces (<${element.name}>)`, element.line);
  return losses;
}

function errorEventWarnings(doc: ScDocument): string[] {
  const lines: number[] = [];
  const names = new Set<string>();
  for (const state of doc.states)
    for (const t of state.transitions)
      for (const d of (t.events ?? []).map(normaliseDescriptor))
        if (/^error(\.|$)/.test(d)) {
          lines.push(t.line);
          names.add(d);
        }
  const out: string[] = [];
  // XState raises the done event of a parallel state whose last region to finish is itself a
  // parallel state; the SCXML algorithm raises done events for the final state's parent and
  // grandparent only.
  for (const state of doc.states) {
    if (state.kind !== 'parallel' || !state.children.some((c) => c.kind === 'parallel')) continue;
    const event = `done.state.${state.id}`;
    const listeners = doc.states.flatMap((s) =>
      s.transitions.filter((t) =>
        (t.events ?? []).some((d) => scxmlMatches(normaliseDescriptor(d), event)),
      ),
    );
    if (listeners.length > 0)
      out.push(
        `${plural(listeners.map((t) => t.line))}: ${event} may differ: the parallel state "${state.id}" has a parallel region; when that region finishes last, XState raises ${event} and SCXML's algorithm does not`,
      );
  }
  if (lines.length > 0)
    out.push(
      `${plural(lines)}: SCXML raises ${[...names].join(', ')} events itself when something fails; XState never raises them, so these transitions run only when such an event is sent`,
    );
  return out;
}
