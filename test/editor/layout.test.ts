// Auto-layout (issue 4, part 6): every state gets a box, children inside their parent, a parallel
// state's regions in one row, siblings apart; the ELK graph it is built from; needsLayout.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { describe, expect, it } from 'vitest';
import { generateProcess } from '../../bench/generate';
import { buildStateTree } from '../../src/core/model/tree';
import type { MachineConfig, ProcessFile } from '../../src/core/model/types';
import { REGION_ROW_ALGORITHM, ROOT_ID, toElkGraph } from '../../src/editor/layout/elkGraph';
import { fromElk } from '../../src/editor/layout/fromElk';
import { layoutProcess, needsLayout } from '../../src/editor/layout/layoutClient';
import type { LayoutBox } from '../../src/editor/state/types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function examples(): { file: string; process: ProcessFile }[] {
  const dir = join(ROOT, 'examples');
  const out: { file: string; process: ProcessFile }[] = [];
  for (const folder of readdirSync(dir).sort())
    for (const name of readdirSync(join(dir, folder)).sort())
      if (name.endsWith('.process.json')) {
        const file = `examples/${folder}/${name}`;
        out.push({ file, process: JSON.parse(readFileSync(join(ROOT, file), 'utf8')) });
      }
  return out;
}

function proc(machine: MachineConfig): ProcessFile {
  return { plumb: 1, id: 'test', machine };
}

type Box = Required<LayoutBox>;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every problem with a layout, as sentences; [] when it is sound. */
function problems(process: ProcessFile, layout: Record<string, LayoutBox>): string[] {
  const out: string[] = [];
  const tree = buildStateTree(process.machine);
  const box = (path: string): Box | undefined => {
    const b = layout[path];
    return b && b.width !== undefined && b.height !== undefined ? (b as Box) : undefined;
  };
  for (const node of tree.nodes) {
    if (node === tree.root) continue;
    const b = box(node.path);
    if (!b) {
      out.push(`${node.path}: no box with a size`);
      continue;
    }
    if (!(b.width > 0 && b.height > 0)) out.push(`${node.path}: empty box`);
    const parent = node.parent && node.parent !== tree.root ? box(node.parent.path) : undefined;
    if (
      parent &&
      (b.x < 0 || b.y < 0 || b.x + b.width > parent.width || b.y + b.height > parent.height)
    )
      out.push(
        `${node.path}: outside its parent ${JSON.stringify(b)} in ${JSON.stringify(parent)}`,
      );
  }
  for (const node of tree.nodes) {
    const kids = node.children.map((c) => ({ path: c.path, b: box(c.path) }));
    for (let i = 0; i < kids.length; i++)
      for (let j = i + 1; j < kids.length; j++) {
        const a = kids[i].b;
        const c = kids[j].b;
        if (a && c && overlaps(a, c)) out.push(`${kids[i].path} overlaps ${kids[j].path}`);
      }
    if (node.kind === 'parallel') {
      // One row, left to right in the file's order: each region right of the one before, and
      // every region level with the first (their vertical ranges overlap).
      for (let i = 1; i < kids.length; i++) {
        const before = kids[i - 1].b;
        const here = kids[i].b;
        if (!before || !here) continue;
        if (here.x < before.x + before.width)
          out.push(`${kids[i].path} is not right of ${kids[i - 1].path}`);
        const first = kids[0].b!;
        if (here.y >= first.y + first.height || first.y >= here.y + here.height)
          out.push(`${kids[i].path} is not level with ${kids[0].path}`);
      }
    }
  }
  return out;
}

describe('auto-layout', () => {
  for (const { file, process } of examples()) {
    it(`lays out every state of ${file}`, async () => {
      const layout = await layoutProcess(process);
      const paths = buildStateTree(process.machine)
        .nodes.map((n) => n.path)
        .filter((p) => p !== '');
      expect(Object.keys(layout).sort()).toEqual(paths.sort());
      expect(problems(process, layout)).toEqual([]);
      expect(needsLayout({ ...process, layout: layout as ProcessFile['layout'] })).toBe(false);
    });
  }

  it('puts the regions of a parallel state side by side, whatever their sizes', async () => {
    const region = (n: number, final = true): MachineConfig => {
      const states: Record<string, MachineConfig> = {};
      for (let i = 0; i < n; i++) states[`step${i}`] = { on: { NEXT: `step${i + 1}` } };
      states[`step${n}`] = final ? { type: 'final' } : { on: { OOPS: '#m.failed' } };
      return { initial: 'step0', states } as MachineConfig;
    };
    const process = proc({
      id: 'm',
      initial: 'start',
      states: {
        start: { on: { GO: 'work' } },
        work: {
          type: 'parallel',
          onDone: 'done',
          states: {
            short: region(1),
            long: region(6),
            nested: {
              initial: 'inner',
              states: { inner: region(2, false) as never, after: { type: 'final' } },
            },
            lone: { type: 'final' },
          },
        },
        failed: { type: 'final' },
        done: { type: 'final' },
      },
    } as MachineConfig);
    const layout = await layoutProcess(process);
    expect(problems(process, layout)).toEqual([]);
    const xs = ['short', 'long', 'nested', 'lone'].map((k) => layout[`work.${k}`].x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // Drawn as tall as the tallest, so that the dashed dividers run the whole height.
    const heights = new Set(
      ['short', 'long', 'nested', 'lone'].map((k) => layout[`work.${k}`].height),
    );
    expect(heights.size).toBe(1);
    // The flow reads left to right, wrapping into rows: start, the parallel state, done.
    const startFirst =
      layout.start.x < layout.work.x || layout.start.y + layout.start.height! <= layout.work.y;
    expect(startFirst).toBe(true);
    const rightOf = layout.work.x + layout.work.width! <= layout.done.x;
    const below = layout.work.y + layout.work.height! <= layout.done.y;
    expect(rightOf || below).toBe(true);
  });

  it('lays out a generated machine of 200 states', async () => {
    const process = generateProcess({ states: 200, seed: 7 }) as unknown as ProcessFile;
    const layout = await layoutProcess(process);
    expect(Object.keys(layout)).toHaveLength(200);
    expect(problems(process, layout)).toEqual([]);
  }, 60_000);

  it('rejects with ELK’s reason when ELK cannot lay the graph out', async () => {
    const process = proc({ initial: 'a', states: { a: {} } });
    await expect(
      layoutProcess(process, { layoutOptions: { 'elk.algorithm': 'no.such.algorithm' } }),
    ).rejects.toThrow(/Auto-layout failed/);
  });
});

describe('the ELK graph', () => {
  const machine = {
    id: 'm',
    initial: 'a',
    states: {
      a: { on: { GO: 'b', AGAIN: 'b', SELF: 'a' }, after: { 1000: 'b' } },
      b: {
        initial: 'x',
        states: {
          x: { on: { NEXT: 'y', OUT: '#m.c', UP: '#m.b' } },
          y: { always: { target: '#m.p.left.l1' } },
        },
      },
      c: { invoke: { src: 'svc', onDone: 'a', onError: 'p' } },
      p: {
        type: 'parallel',
        states: {
          left: { initial: 'l1', states: { l1: { on: { CROSS: '#m.p.right.r1' } } } },
          right: { initial: 'r1', states: { r1: {}, h: { type: 'history' } } },
        },
      },
    },
  } as MachineConfig;

  function find(graph: ElkNode, id: string): ElkNode | undefined {
    if (graph.id === id) return graph;
    for (const child of graph.children ?? []) {
      const found = find(child, id);
      if (found) return found;
    }
    return undefined;
  }
  const edgesOf = (node: ElkNode | undefined) =>
    (node?.edges ?? []).map((e) => `${e.sources[0]}>${e.targets[0]}`).sort();

  it('has a node per state, sized by kind, and one edge per pair of states', () => {
    const graph = toElkGraph(proc(machine));
    expect(graph.id).toBe(ROOT_ID);
    expect(find(graph, 'a')).toMatchObject({ width: 160, height: 56 });
    expect(find(graph, 'p.right.h')).toMatchObject({ width: 40, height: 40 });
    expect(find(graph, 'b')?.width).toBeUndefined(); // a container: ELK sizes it
    // a>b once for GO, AGAIN and after; no a>a; b.x>c lifted to b>c; b.y>p.left.l1 to b>p.
    expect(edgesOf(graph)).toEqual(['a>b', 'b>c', 'b>p', 'c>a', 'c>p']);
    expect(edgesOf(find(graph, 'b'))).toEqual(['b.x>b.y']);
    // No edge between regions: they stay in one row.
    expect(edgesOf(find(graph, 'p'))).toEqual([]);
    expect(find(graph, 'p')?.layoutOptions?.['elk.algorithm']).toBe(REGION_ROW_ALGORITHM);
  });

  it('keeps edges between nested states when ELK lays out the whole hierarchy at once', () => {
    const graph = toElkGraph(proc(machine), { hierarchy: 'include' });
    expect(edgesOf(graph)).toEqual(['a>b', 'b.x>c', 'b.y>p', 'c>a', 'c>p']);
  });

  it('widens a state for a long name', () => {
    const name = 'waitingForTheRecordOwnerToComeBack';
    const graph = toElkGraph(proc({ initial: name, states: { [name]: {} } }));
    expect(find(graph, name)!.width).toBeGreaterThanOrEqual(name.length * 7.5);
  });

  it('reads positions relative to the parent, sizes included', () => {
    const layout = fromElk({
      id: ROOT_ID,
      children: [
        {
          id: 'p',
          x: 10.4,
          y: 20,
          width: 300,
          height: 100,
          layoutOptions: { 'elk.algorithm': REGION_ROW_ALGORITHM },
          children: [
            { id: 'p.a', x: 16, y: 48, width: 100.4, height: 30 },
            { id: 'p.b', x: 116.4, y: 48, width: 100, height: 40 },
          ],
        },
      ],
    });
    expect(layout).toEqual({
      p: { x: 10, y: 20, width: 300, height: 100 },
      'p.a': { x: 16, y: 48, width: 100, height: 40 },
      'p.b': { x: 116, y: 48, width: 100, height: 40 },
    });
  });
});

describe('needsLayout', () => {
  const machine: MachineConfig = {
    initial: 'a',
    states: { a: { on: { GO: 'b' } }, b: { initial: 'c', states: { c: {} } } },
  };
  it('is true without a layout, or when it lacks a state, false when it has them all', () => {
    expect(needsLayout(proc(machine))).toBe(true);
    const full = { a: { x: 0, y: 0 }, b: { x: 200, y: 0 }, 'b.c': { x: 16, y: 48 } };
    expect(needsLayout({ ...proc(machine), layout: full })).toBe(false);
    const { 'b.c': _, ...partial } = full;
    expect(needsLayout({ ...proc(machine), layout: partial })).toBe(true);
  });

  it('wraps a long chain into rows instead of one line too wide to read', async () => {
    const states: Record<string, MachineConfig> = {};
    for (let i = 0; i < 30; i++) states[`step ${i}`] = { on: { NEXT: `step ${i + 1}` } };
    states['step 30'] = { type: 'final' };
    const process = proc({ id: 'chain', initial: 'step 0', states } as MachineConfig);
    const layout = await layoutProcess(process);
    expect(problems(process, layout)).toEqual([]);
    const boxes = Object.values(layout);
    const width = Math.max(...boxes.map((b) => b.x + (b.width ?? 0)));
    const height = Math.max(...boxes.map((b) => b.y + (b.height ?? 0)));
    expect(width / height).toBeLessThan(4);
  });
});
