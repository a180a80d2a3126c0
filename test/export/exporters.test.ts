// Every format for every example and for generated machines: produced without throwing, XState
// JSON that round-trips through createMachine, well-formed SCXML with one element per state node
// and every reference resolved, a Mermaid diagram with every state and transition.

import { describe, expect, it } from 'vitest';
import { type AnyStateNode, createMachine } from 'xstate';
import {
  EXPORT_FORMATS,
  exportMermaid,
  exportProcess,
  exportScxml,
  exportXStateJson,
  PLUMB_NS,
  SCXML_NS,
} from '../../src/core/export';
import { buildStateTree } from '../../src/core/model/tree';
import type { ProcessFile } from '../../src/core/model/types';
import { createProcessMachine } from '../../src/core/simulation/machine';
import { allProcesses } from './fixtures';
import { allElements, parseXml, type XmlElement } from './xml';

const processes = allProcesses();

/** Every state node of a real XState machine: its path and type. */
function xstateNodes(root: AnyStateNode): string[] {
  const out: string[] = [];
  const walk = (node: AnyStateNode) => {
    out.push(`${node.path.join('.')}:${node.type}`);
    // By the config's keys: XState keeps a state called `__proto__` where Object.values misses it.
    for (const key of Object.keys(node.config.states ?? {})) walk(node.states[key] as AnyStateNode);
  };
  walk(root);
  return out.sort();
}

const STATE_TAGS = new Set(['state', 'parallel', 'final', 'history']);

function scxmlStates(document: XmlElement): XmlElement[] {
  return allElements(document).filter((e) => e.namespace === SCXML_NS && STATE_TAGS.has(e.name));
}

describe.each(processes)('%s', (_name, process: ProcessFile) => {
  const tree = buildStateTree(process.machine);

  it('exports to every format without throwing', () => {
    for (const format of EXPORT_FORMATS)
      expect(exportProcess(process, format).length).toBeGreaterThan(0);
  });

  it('XState JSON is the machine config, and createMachine builds the same state tree from it', () => {
    const config = JSON.parse(exportXStateJson(process));
    expect(config).toEqual(process.machine);
    const machine = createMachine(config);
    expect(xstateNodes(machine.root)).toEqual(xstateNodes(createProcessMachine(process).root));
    expect(xstateNodes(machine.root).length).toBe(tree.nodes.length);
  });

  it('SCXML is well-formed, with one state element per state node and every reference resolved', () => {
    const document = parseXml(exportScxml(process));
    expect(document.name).toBe('scxml');
    expect(document.namespace).toBe(SCXML_NS);
    expect(document.attributes['xmlns:plumb']).toBe(PLUMB_NS);
    const states = scxmlStates(document);
    const wrapped = states.some((s) =>
      s.children.some((c) => c.name === 'plumb:meta' && JSON.parse(c.text).root),
    );
    expect(states.length).toBe(tree.nodes.length - (wrapped ? 0 : 1));
    const ids = new Set(states.map((s) => s.attributes.id));
    expect(ids.size).toBe(states.length);
    for (const node of tree.nodes.slice(1)) {
      const key = node.key;
      // Each state is findable: its id, or its key in <plumb:meta>.
      const found = states.some((s) => {
        const meta = s.children.find((c) => c.name === 'plumb:meta');
        const recorded = meta ? JSON.parse(meta.text).key : undefined;
        return recorded === key || s.attributes.id === key;
      });
      expect(found, `state ${node.path}`).toBe(true);
    }
    if (document.attributes.initial) expect(ids.has(document.attributes.initial)).toBe(true);
    const sends = new Set<string>();
    for (const element of allElements(document)) {
      const { target, initial } = element.attributes;
      if (element.name === 'transition' && target)
        for (const id of target.split(' ')) expect(ids.has(id), `target ${id}`).toBe(true);
      if (initial && element.name !== 'scxml') {
        const child = allElements(element).find(
          (e) => e !== element && e.attributes.id === initial,
        );
        expect(child, `initial ${initial}`).toBeDefined();
      }
      if (element.name === 'send') {
        expect(sends.has(element.attributes.id)).toBe(false);
        sends.add(element.attributes.id);
        expect(element.attributes.delay).toMatch(/^\d+(\.\d+)?ms$/);
      }
      const meta = element.name === 'plumb:meta' ? element.text : element.attributes['plumb:meta'];
      if (meta !== undefined) expect(() => JSON.parse(meta)).not.toThrow();
    }
    for (const element of allElements(document))
      if (element.name === 'cancel') expect(sends.has(element.attributes.sendid)).toBe(true);
    // Every transition of the machine is there, once (history defaults come on top).
    const transitions = states
      .filter((s) => s.name !== 'history')
      .flatMap((s) => s.children.filter((c) => c.name === 'transition'));
    const expected = tree.nodes
      .flatMap((n) => n.transitions)
      .filter((t) => !(t.source === tree.root && t.kind === 'onDone')).length;
    expect(transitions.length).toBe(expected);
  });

  it('Mermaid has every state and every transition', () => {
    const text = exportMermaid(process);
    const lines = text.split('\n');
    expect(lines[0]).toBe('stateDiagram-v2');
    const declarations = lines.filter((line) => /^\s*state "[^"]*" as \w+$/.test(line));
    const wrapped = declarations.some((line) => / as m_root$/.test(line));
    expect(declarations.length).toBe(tree.nodes.length - (wrapped ? 0 : 1));
    const edges = lines.filter((line) => /^ {2}\w+ --> \w+ : /.test(line));
    const expected = tree.nodes
      .flatMap((n) => n.transitions)
      .filter((t) => !(t.source === tree.root && t.kind === 'onDone'))
      .reduce((sum, t) => sum + Math.max(1, t.targets.length), 0);
    expect(edges.length).toBe(expected);
    // Nothing in a label can break the line structure: every line is one statement.
    for (const line of lines.slice(1))
      if (line.trim())
        expect(line).toMatch(/^\s*(state |note right of |\[\*\] --> |\w+ --> |--$|}$)/);
  });
});
