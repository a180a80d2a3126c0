// Runs an exported SCXML document under SCION (`@scion-scxml/scxml`, the interpreter DESIGN.md
// section 5 names as the measure) the way the scenario runner runs the process on XState: each
// `cond` answered from the assumptions, delayed `<send>`s on a virtual clock, services (`<invoke
// type="urn:plumb:service">`) settled by that clock after their state's duration, done or failed
// as the assumption named after the service says. The configuration is read back as state paths.

import { createRequire } from 'node:module';
import { exportScxml, PLUMB_NS, PLUMB_SERVICE } from '../../src/core/export';
import { scxmlEvent } from '../../src/core/export/scxmlNames';
import { buildStateTree } from '../../src/core/model/tree';
import type { ProcessFile } from '../../src/core/model/types';
import { VirtualClock } from '../../src/core/simulation/clock';
import { parseXml, type XmlElement } from './xml';

interface ScionEvent {
  name: string;
  data?: unknown;
  invokeid?: string;
  sendid?: string;
}

interface ScionStatechart {
  start(): string[];
  gen(event: ScionEvent): string[];
  getConfiguration(): string[];
  isFinal(): boolean;
  on(event: string, listener: (...args: unknown[]) => void): void;
}

interface ScionInvoke {
  id: string;
  src: string;
  type: string;
}

interface ScionOptions {
  customSend: (this: unknown, event: ScionEvent, options: { delay?: number }) => void;
  customCancel: (this: unknown, sendid: string) => void;
  invokers: Record<
    string,
    (
      session: ScionStatechart,
      invoke: ScionInvoke,
      context: unknown,
      done: (error: unknown, child: { cancel(): void }) => void,
    ) => void
  >;
  console: { log: () => void };
}

type ModelFactory = unknown;

interface Scxml {
  documentStringToModel(
    url: string,
    document: string,
    cb: (error: unknown, model: { prepare: Prepare }) => void,
  ): void;
  registerCustomActionTags(tags: Record<string, Record<string, () => string>>): void;
  core: { Statechart: new (model: ModelFactory, options: ScionOptions) => ScionStatechart };
}

type Prepare = (cb: (error: unknown, model: ModelFactory) => void, context: object) => void;

const require = createRequire(import.meta.url);
const scxml = require('@scion-scxml/scxml') as Scxml;

// SCION 4.3.27 names the function of an extension action after its tag with the namespace in
// braces (`function ${urn:plumb:scxml}action_l12_c7(_event)`), which is no JavaScript identifier:
// any document with executable content in another namespace fails to compile. The compiled module
// passes through `compileScript`, where the braces are taken out.
const platform = require('@scion-scxml/scxml/lib/runtime/platform-bootstrap/node/platform') as {
  module: { compileScript: (src: string, options: unknown) => unknown };
};
const compileScript = platform.module.compileScript;
const BRACED = /\$\{([^}]*)\}(\w+)_l(\d+)_c(\d+)/g;
platform.module.compileScript = (src, options) =>
  compileScript(
    src.replace(BRACED, (_all, ns: string, tag: string, line: string, column: string) => {
      const safe = ns.replace(/\W/g, '_');
      return `$${safe}_${tag}_l${line}_c${column}`;
    }),
    options,
  );
// Plumb's actions do nothing in simulation: `<plumb:action>` is an action that does nothing here.
scxml.registerCustomActionTags({ [PLUMB_NS]: { action: () => '' } });

const STATE_TAGS = new Set(['state', 'parallel', 'final']);

/** The state path of every SCXML state id, by the document's nesting and `<plumb:meta>` keys. */
export function scxmlPaths(document: XmlElement): Map<string, string> {
  const paths = new Map<string, string>();
  const walk = (element: XmlElement, parent: string) => {
    for (const child of element.children) {
      if (!STATE_TAGS.has(child.name)) continue;
      const metaText = child.children.find((c) => c.name === 'plumb:meta')?.text;
      const meta = metaText ? JSON.parse(metaText) : {};
      const id = child.attributes.id;
      const path = meta.root ? '' : parent ? `${parent}.${meta.key ?? id}` : (meta.key ?? id);
      paths.set(id, path);
      walk(child, path);
    }
  };
  walk(document, '');
  return paths;
}

/** Minutes a service of an invoking state takes in simulation: the mode of its duration. */
function durationMs(process: ProcessFile, path: string): number {
  const duration = buildStateTree(process.machine).byPath.get(path)?.config.meta?.duration;
  if (typeof duration === 'number') return duration * 60_000;
  if (duration && typeof duration === 'object') return duration.mode * 60_000;
  return 0;
}

/** A prepared SCION model of one process's SCXML export, with its id ↔ path mapping. */
export interface ScionModel {
  document: string;
  paths: Map<string, string>;
  /** The state path holding each invoke, by invoke id. */
  invokers: Map<string, string>;
  run(assume?: Record<string, boolean>): ScionRun;
}

export interface ScionRun {
  send(event: string, data?: Record<string, unknown>): Promise<void>;
  wait(ms: number): Promise<void>;
  assume(answers: Record<string, boolean>): void;
  /** The active atomic states as state paths, sorted. */
  leaves(): string[];
  done(): boolean;
  errors: unknown[];
}

/** Lets SCION's promise-based invoke cancellation happen before the next step. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function loadScion(process: ProcessFile): Promise<ScionModel> {
  const document = exportScxml(process);
  const parsed = parseXml(document);
  const paths = scxmlPaths(parsed);
  const invokers = new Map<string, string>();
  const walk = (element: XmlElement, state: string | undefined) => {
    for (const child of element.children) {
      if (child.name === 'invoke' && state !== undefined)
        invokers.set(child.attributes.id, paths.get(state) ?? '');
      walk(child, STATE_TAGS.has(child.name) ? child.attributes.id : state);
    }
  };
  walk(parsed, undefined);

  // Every guard answers from the current run's assumptions, as ProcessCase answers XState's.
  const current: { answers: Record<string, boolean> } = { answers: {} };
  const answer = (name: string) =>
    Object.hasOwn(current.answers, name) && current.answers[name] === true;
  const names = new Set(Object.keys(process.conditions ?? {}));
  for (const node of buildStateTree(process.machine).nodes)
    for (const t of node.transitions) if (t.guard) names.add(t.guard);
  const context: Record<string, unknown> = { plumbGuard: (name: string) => answer(name) };
  for (const name of names) if (!(name in context)) context[name] = () => answer(name);

  // SCION calls back once more after a compile error (with a broken factory): the first call counts.
  const model = await new Promise<ModelFactory>((resolve, reject) => {
    let called = false;
    scxml.documentStringToModel('plumb-export.scxml', document, (error, factory) => {
      if (called) return;
      called = true;
      if (error) return reject(error);
      factory.prepare((error2, prepared) => (error2 ? reject(error2) : resolve(prepared)), context);
    });
  });

  return {
    document,
    paths,
    invokers,
    run(assume = {}) {
      current.answers = { ...assume };
      const answers = current.answers;
      const clock = new VirtualClock();
      const sends = new Map<string, number>();
      const errors: unknown[] = [];
      let statechart: ScionStatechart;
      const options: ScionOptions = {
        console: { log: () => {} },
        customSend(event, sendOptions) {
          const timer = clock.setTimeout(() => {
            if (event.sendid) sends.delete(event.sendid);
            statechart.gen({ name: event.name, data: event.data, sendid: event.sendid });
          }, sendOptions.delay ?? 0);
          if (event.sendid) sends.set(event.sendid, timer);
        },
        customCancel(sendid) {
          const timer = sends.get(sendid);
          if (timer !== undefined) clock.clearTimeout(timer);
          sends.delete(sendid);
        },
        invokers: {
          [PLUMB_SERVICE]: (session, invoke, _context, done) => {
            const service = decodeURIComponent(invoke.src);
            const ms = durationMs(process, invokers.get(invoke.id) ?? '');
            const timer = clock.setTimeout(() => {
              const ok = answers[service] !== false;
              session.gen({
                name: `${ok ? 'done.invoke' : 'error.platform'}.${invoke.id}`,
                invokeid: invoke.id,
              });
            }, ms);
            done(undefined, { cancel: () => clock.clearTimeout(timer) });
          },
        },
      };
      statechart = new scxml.core.Statechart(model, options);
      statechart.on('onError', (error) => errors.push(error));
      statechart.start();
      const leaves = () =>
        statechart
          .getConfiguration()
          .map((id) => paths.get(id) ?? `?${id}`)
          .sort();
      return {
        errors,
        async send(event, data) {
          // A user event goes by its SCXML name (whitespace as `_`), as the export writes it.
          if (!statechart.isFinal()) statechart.gen({ name: scxmlEvent(event), data });
          await settle();
        },
        async wait(ms) {
          const end = clock.now() + ms;
          for (let fired = 0; fired < 10_000; fired++) {
            const due = clock.nextDue();
            if (due === undefined || due > end || statechart.isFinal()) break;
            clock.advance(due - clock.now(), 1);
            await settle();
          }
          if (clock.now() < end) clock.advance(end - clock.now(), 0);
        },
        assume(more) {
          Object.assign(answers, more);
        },
        leaves,
        done: () => statechart.isFinal(),
      };
    },
  };
}
