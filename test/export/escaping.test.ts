// Names and texts that try to break out: a state called `a"b</state>` or `${x}`, descriptions with
// `*/` and `</script>`, `__proto__`, Mermaid directives. Every format keeps them as data. (The
// TypeScript module of the same process compiles and runs in xstate-ts.test.ts.)
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${x}" is a name that must stay text

import { describe, expect, it } from 'vitest';
import {
  exportMermaid,
  exportScxml,
  exportXStateJson,
  exportXStateTs,
} from '../../src/core/export';
import { trickyProcess } from './tricky';
import { allElements, parseXml } from './xml';

const process = trickyProcess();
const description = process.machine.states?.['a"b</state>']?.description ?? '';

describe('XState JSON', () => {
  it('parses back to the same config, __proto__ a key like any other', () => {
    const config = JSON.parse(exportXStateJson(process));
    expect(config).toEqual(process.machine);
    expect(Object.keys(config.states)).toEqual(['a"b</state>', '${x}', 'with space', '__proto__']);
  });
});

describe('SCXML', () => {
  const document = parseXml(exportScxml(process));
  const elements = allElements(document);

  it('is well-formed, and every key and text comes back as it was', () => {
    const metas = elements
      .filter((e) => e.name === 'plumb:meta')
      .map((e) => JSON.parse(e.text) as { key?: string; description?: string });
    expect(metas.map((m) => m.key).filter(Boolean)).toEqual([
      'a"b</state>',
      '${x}',
      'inner */',
      'next</script>',
      'with space',
    ]);
    expect(metas.find((m) => m.key === 'a"b</state>')?.description).toBe(description);
    const kept = JSON.parse(elements.find((e) => e.name === 'plumb:process')?.text ?? '{}');
    const { machine: _machine, ...rest } = process;
    expect(kept).toEqual(rest);
  });

  it('ids are NCNames without dots; events and guards stay data', () => {
    for (const element of elements)
      if (element.attributes.id !== undefined && element.name !== 'send')
        expect(element.attributes.id).toMatch(/^[A-Za-z_][\w-]*$/);
    const events = elements.map((e) => e.attributes.event).filter(Boolean);
    expect(events).toContain('GO"</state>');
    expect(events).toContain('${x}');
    expect(events).toContain('with_space');
    const conds = elements.map((e) => e.attributes.cond).filter(Boolean);
    expect(conds).toContain('plumbGuard("is \\"ok\\"?")');
    // The params are JSON (with what XML cannot hold as \\u escapes): the same value comes back.
    const call = conds.find((c) => c?.startsWith('ok(')) ?? '';
    expect(JSON.parse(call.slice(3, -1))).toEqual({ said: description });
    const actions = elements.filter((e) => e.name === 'plumb:action');
    expect(actions[0].attributes.name).toBe('say</script>');
  });
});

describe('TypeScript', () => {
  const text = exportXStateTs(process);

  it('no text ends a comment early', () => {
    // Outside string literals, every "*/" closes a comment that "/**" opened on an earlier line.
    const code = text.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
    let open = false;
    for (const token of code.match(/\/\*\*|\*\//g) ?? []) {
      expect(token === '/**' ? !open : open).toBe(true);
      open = token === '/**';
    }
    expect(open).toBe(false);
  });

  it('names are string literals or quoted keys; __proto__ a computed key', () => {
    expect(text).toContain('| { type: "GO\\"</state>" }');
    expect(text).toContain('"is \\"ok\\"?": (_args: Args, _params: unknown): boolean => false,');
    expect(text).toContain('["__proto__"]: {');
    // No template literal anywhere: outside strings and comments, not one backtick.
    const code = text.replace(/"(?:[^"\\\n]|\\.)*"/g, '""').replace(/\/\*\*[\s\S]*?\*\//g, '');
    expect(code).not.toContain('`');
  });
});

describe('Mermaid', () => {
  const text = exportMermaid(process);

  it('labels hold no quote, angle bracket, brace, colon or comment start of their own', () => {
    for (const line of text.split('\n').slice(1)) {
      const label =
        /^\s*state "([^"]*)" as \w+$/.exec(line)?.[1] ?? /[^:]* : (.*)$/.exec(line)?.[1];
      if (label === undefined) continue;
      expect(label.replace(/#\d+;/g, '')).not.toMatch(/["<>{}:;%`#]/);
    }
    expect(text).not.toContain('%%');
    expect(text).not.toContain('<');
  });

  it('the names come back when Mermaid decodes its entity codes', () => {
    const decode = (label: string) =>
      label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
    const labels = [...text.matchAll(/state "([^"]*)" as/g)].map((m) => decode(m[1]));
    expect(labels).toEqual(
      expect.arrayContaining(['a"b</state>', '${x}', 'inner */', '__proto__']),
    );
  });
});
