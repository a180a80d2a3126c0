// The canvas's pure parts: a process as React Flow nodes and edges (one node per state, children
// inside their parents, one edge per targeted transition with the words a person reads), the
// fallback placement, the arrow geometry, and the gesture decisions.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { Crack } from '../../src/core/analysis/types';
import { buildStateTree } from '../../src/core/model/tree';
import type { ProcessFile } from '../../src/core/model/types';
import { borderPoint, edgeGeometry, loopGeometry } from '../../src/editor/canvas/edgePath';
import type { StateFlowNode } from '../../src/editor/canvas/flowTypes';
import {
  dropParent,
  fillLayout,
  nameProblem,
  reconcileNodes,
  selectionKey,
  selectionOf,
} from '../../src/editor/canvas/gestures';
import { legendRoles } from '../../src/editor/canvas/Legend';
import {
  afterInWords,
  durationInWords,
  ROLE_PALETTE,
  roleColours,
} from '../../src/editor/canvas/labels';
import { EDGE_COLOURS, toFlow } from '../../src/editor/canvas/toFlow';
import { parseTransitionId, stateNodeId } from '../../src/editor/state/types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function examples(): { file: string; process: ProcessFile }[] {
  const out: { file: string; process: ProcessFile }[] = [];
  for (const folder of readdirSync(join(ROOT, 'examples')).sort())
    for (const stage of ['as-is', 'to-be']) {
      const file = join('examples', folder, `${stage}.process.json`);
      try {
        out.push({ file, process: JSON.parse(readFileSync(join(ROOT, file), 'utf8')) });
      } catch {
        // Not every folder has both stages.
      }
    }
  return out;
}

function load(file: string): ProcessFile {
  return JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
}

/** A machine with every kind of state and transition the canvas draws. */
const ALL_KINDS: ProcessFile = {
  plumb: 1,
  id: 'all-kinds',
  roles: { clerk: { title: 'Clerk' }, boss: {} },
  events: { GO: {}, BACK: {}, FIRE: { exception: true }, PING: {}, RETRY: {}, NOTE: {} },
  conditions: { ok: { question: 'OK?' } },
  actions: { log: {}, tell: {} },
  services: { fetch: {} },
  delays: { sla: 'PT2H', odd: 'soon' },
  machine: {
    id: 'allKinds',
    initial: 'start',
    states: {
      start: {
        meta: { role: 'clerk' },
        on: {
          GO: [{ target: 'work', guard: 'ok', actions: ['log', 'tell'] }, { target: 'end' }],
          RETRY: { target: 'start', reenter: true },
          PING: 'start',
          NOTE: { actions: 'log' },
        },
        after: { '30000': 'work', sla: 'end', odd: 'end' },
      },
      work: {
        meta: { role: 'boss' },
        initial: 'a',
        on: { FIRE: 'end', BACK: 'start' },
        states: {
          a: { always: { target: 'b', guard: 'ok' } },
          b: { invoke: { src: 'fetch', onDone: 'c', onError: '#allKinds.end' } },
          c: { type: 'final' },
          hist: { type: 'history', history: 'deep' },
        },
        onDone: 'both',
      },
      both: {
        type: 'parallel',
        states: {
          left: { initial: 'l1', states: { l1: { on: { GO: 'l2' } }, l2: { type: 'final' } } },
          right: { initial: 'r1', states: { r1: { on: { GO: 'r2' } }, r2: { type: 'final' } } },
        },
        onDone: 'end',
      },
      end: { type: 'final' },
    },
  },
};

describe('toFlow on the examples', () => {
  for (const { file, process } of examples()) {
    it(`${file}: a node per state, parents right, an edge per targeted transition`, () => {
      const tree = buildStateTree(process.machine);
      const { cracks } = analyse(process);
      const flow = toFlow(process, {}, cracks);
      expect(flow.nodes).toHaveLength(tree.nodes.length - 1);
      const ids = new Set(flow.nodes.map((n) => n.id));
      for (const node of tree.nodes) {
        if (!node.parent) continue;
        const flowNode = flow.nodes.find((n) => n.id === stateNodeId(node.path))!;
        expect(flowNode, node.path).toBeDefined();
        expect(flowNode.parentId).toBe(node.parent.parent ? node.parent.path : undefined);
        expect(flowNode.data.kind).toBe(node.kind);
      }
      // React Flow needs every parent before its children.
      const seen = new Set<string>();
      for (const n of flow.nodes) {
        if (n.parentId) expect(seen.has(n.parentId)).toBe(true);
        seen.add(n.id);
      }
      const targeted = tree.nodes
        .filter((n) => n.parent)
        .flatMap((n) => n.transitions.flatMap((t) => t.targets.filter((x) => x.parent)));
      expect(flow.edges).toHaveLength(targeted.length);
      for (const edge of flow.edges) {
        expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
        if (edge.data!.targetIndex === 0)
          expect(parseTransitionId(edge.id)).toEqual(edge.data!.ref);
      }
      // Every crack about a state shows on its badge.
      const onStates = cracks.filter((c) => c.state && tree.byPath.has(c.state));
      const shown = flow.nodes.reduce((sum, n) => sum + n.data.errors + n.data.warnings, 0);
      expect(shown).toBe(onStates.length);
    });
  }

  it('call-routing to-be: labels, timers in words, exceptions in red, roles', () => {
    const process = load('examples/call-routing/to-be.process.json');
    const flow = toFlow(process, {}, []);
    const labels = (source: string) =>
      flow.edges.filter((e) => e.source === source).map((e) => e.data!.label);
    expect(labels('idle')).toEqual(['CALL_IN [inBusinessHours]', 'CALL_IN']);
    expect(labels('extension')).toEqual(['PICKED_UP', 'HUNG_UP / logMissedCall', '⏱ after 30 s']);
    expect(labels('reception.autoAttendant')).toContain('⏱ after 45 s');
    expect(labels('callbackQueued.withCallee')).toContain('⏱ after 4 h');
    expect(labels('callbackQueued.teamQueue')).toContain('⏱ after 2 h');
    expect(labels('awaitingCustomer')).toContain('⏱ after 2 days / closeAsUnreachable');
    const full = flow.edges.find((e) => e.data!.event === 'VOICEMAIL_FULL')!;
    expect(full.data!.exception).toBe(true);
    expect(full.markerEnd).toMatchObject({ color: EDGE_COLOURS.exception });
    const picked = flow.edges.find((e) => e.data!.event === 'PICKED_UP')!;
    expect(picked.data!.exception).toBe(false);
    expect(picked.markerEnd).toMatchObject({ color: EDGE_COLOURS.normal });
    const ringing = flow.nodes.find((n) => n.id === 'reception.ringing')!;
    expect(ringing.data.role).toBe('receptionist');
    expect(ringing.data.roleColor).toBe(ROLE_PALETTE[0]);
    expect(ringing.data.initial).toBe(true);
    expect(flow.nodes.find((n) => n.id === 'idle')!.data.initial).toBe(true);
    expect(flow.nodes.find((n) => n.id === 'extension')!.data.roleColor).toBe(ROLE_PALETTE[1]);
  });

  it('support-escalation to-be: the parallel state holds its regions side by side', () => {
    const process = load('examples/support-escalation/to-be.process.json');
    const flow = toFlow(process, {}, []);
    const closing = flow.nodes.find((n) => n.id === 'closing')!;
    expect(closing.type).toBe('parallel');
    const regions = flow.nodes.filter((n) => n.parentId === 'closing');
    expect(regions.map((r) => [r.type, r.data.divider])).toEqual([
      ['region', false],
      ['region', true],
    ]);
    const [left, right] = regions;
    expect(right.position.x).toBe(left.position.x + left.width!);
    expect(right.position.y).toBe(left.position.y);
    expect(left.height).toBe(right.height);
    expect(left.position.x + left.width! + right.width!).toBeLessThanOrEqual(closing.width!);
    expect(regions.every((r) => r.draggable === false)).toBe(true);
    expect(flow.nodes.find((n) => n.id === 'closing.customer.notifying')!.parentId).toBe(
      'closing.customer',
    );
  });
});

describe('toFlow on every kind of state and transition', () => {
  const flow = toFlow(ALL_KINDS, {}, []);
  const node = (path: string) => flow.nodes.find((n) => n.id === path)!;
  const edgesFrom = (path: string) => flow.edges.filter((e) => e.source === path);

  it('draws each kind its own way', () => {
    expect(Object.fromEntries(flow.nodes.map((n) => [n.id, n.type]))).toEqual({
      start: 'atomic',
      work: 'compound',
      both: 'parallel',
      end: 'final',
      'work.a': 'atomic',
      'work.b': 'atomic',
      'work.c': 'final',
      'work.hist': 'history',
      'both.left': 'region',
      'both.right': 'region',
      'both.left.l1': 'atomic',
      'both.left.l2': 'final',
      'both.right.r1': 'atomic',
      'both.right.r2': 'final',
    });
    expect(node('work.hist').data.history).toBe('deep');
    expect(node('work.a').data.role).toBe('boss');
    expect(node('work.a').data.roleInherited).toBe(true);
    expect(node('work').data.roleInherited).toBe(false);
    expect(node('both.left.l1').data.initial).toBe(true);
    expect(node('both.left').data.initial).toBe(false);
  });

  it('labels guards, actions, timers, always, done and error', () => {
    expect(edgesFrom('start').map((e) => [e.target, e.data!.label])).toEqual([
      ['work', 'GO [ok] / log, tell'],
      ['end', 'GO'],
      ['start', 'RETRY'],
      ['start', 'PING'],
      ['work', '⏱ after 30 s'],
      ['end', '⏱ after 2 h'],
      ['end', '⏱ after odd'],
    ]);
    expect(edgesFrom('work.a').map((e) => [e.data!.slot, e.data!.label])).toEqual([
      ['always', 'always [ok]'],
    ]);
    expect(edgesFrom('work.b').map((e) => [e.target, e.data!.label])).toEqual([
      ['work.c', 'done'],
      ['end', 'error'],
    ]);
    expect(edgesFrom('work').map((e) => e.data!.label)).toEqual(['FIRE', 'BACK', 'done']);
    expect(edgesFrom('work').find((e) => e.data!.event === 'FIRE')!.data!.exception).toBe(true);
  });

  it('draws self-transitions as loops and leaves targetless ones on the state', () => {
    const loops = edgesFrom('start').filter((e) => e.data!.selfLoop);
    expect(loops.map((e) => [e.data!.event, e.data!.loopIndex])).toEqual([
      ['RETRY', 0],
      ['PING', 1],
    ]);
    expect(
      edgesFrom('start')
        .filter((e) => !e.data!.selfLoop)
        .every((e) => e.target !== 'start'),
    );
    expect(node('start').data.internal).toEqual(['NOTE / log']);
    expect(flow.edges.some((e) => e.data!.event === 'NOTE')).toBe(false);
  });

  it('fans out transitions between the same two states', () => {
    const toWork = edgesFrom('start').filter((e) => e.target === 'work');
    const back = edgesFrom('work').filter((e) => e.target === 'start');
    // Bends are sideways of each edge's own direction: in one direction they must all differ.
    const bends = [...toWork, ...back].map((e) => e.data!.bend * (e.source < e.target ? 1 : -1));
    expect(new Set(bends).size).toBe(3);
    const toEnd = edgesFrom('start').filter((e) => e.target === 'end');
    expect(new Set(toEnd.map((e) => e.data!.bend)).size).toBe(3);
  });

  it('counts cracks per state and lists them, errors first', () => {
    const cracks: Crack[] = [
      {
        rule: 'no-owner',
        severity: 'warning',
        state: 'work.b',
        message: 'nobody owns b',
        hint: '',
      },
      { rule: 'dead-end', severity: 'error', state: 'work.b', message: 'b is stuck', hint: '' },
      { rule: 'guard-gap', severity: 'error', state: 'work.b', message: 'gap', hint: '' },
      { rule: 'never-done', severity: 'warning', message: 'machine-wide', hint: '' },
      { rule: 'dead-end', severity: 'error', state: 'gone', message: 'renamed away', hint: '' },
      {
        rule: 'shadowed-transition',
        severity: 'warning',
        state: 'start',
        event: 'GO',
        message: 'shadowed',
        hint: '',
      },
    ];
    const withCracks = toFlow(ALL_KINDS, {}, cracks);
    const b = withCracks.nodes.find((n) => n.id === 'work.b')!;
    expect([b.data.errors, b.data.warnings]).toEqual([2, 1]);
    expect(b.data.crackMessages).toEqual([
      'Error: b is stuck',
      'Error: gap',
      'Warning: nobody owns b',
    ]);
    expect(withCracks.nodes.find((n) => n.id === 'start')!.data.warnings).toBe(1);
    const go = withCracks.edges.filter((e) => e.source === 'start' && e.data!.event === 'GO');
    expect(go.map((e) => e.data!.crack)).toEqual(['warning', 'warning']);
    expect(withCracks.nodes.find((n) => n.id === 'end')!.data.errors).toBe(0);
  });

  it('marks the selection and the active states', () => {
    const selected = toFlow(ALL_KINDS, {}, [], {
      selection: { kind: 'states', paths: ['start', 'work.a'] },
      active: ['both.left.l1', 'both.right.r1'],
    });
    expect(selected.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['start', 'work.a']);
    expect(selected.nodes.filter((n) => n.data.active).map((n) => n.id)).toEqual([
      'both.left.l1',
      'both.right.r1',
    ]);
    expect(selected.nodes.find((n) => n.id === 'both')!.data.containsActive).toBe(true);
    expect(selected.nodes.find((n) => n.id === 'work')!.data.containsActive).toBe(false);
    const ref = flow.edges.find((e) => e.data!.event === 'BACK')!.data!.ref;
    const edgeSelected = toFlow(ALL_KINDS, {}, [], { selection: { kind: 'transition', ref } });
    expect(edgeSelected.edges.filter((e) => e.selected).map((e) => e.data!.label)).toEqual([
      'BACK',
    ]);
  });

  it('keeps containers under edges and edges under states', () => {
    for (const n of flow.nodes)
      expect(n.zIndex! < 0).toBe(['compound', 'parallel', 'region'].includes(n.type!));
  });
});

describe('placement', () => {
  it('uses the saved layout, relative to the parent, and grows containers to fit', () => {
    const layout = {
      start: { x: 500, y: 40 },
      work: { x: 10, y: 300, width: 100, height: 100 },
      'work.a': { x: 20, y: 60 },
      'work.b': { x: 400, y: 60 },
    };
    const flow = toFlow(ALL_KINDS, layout, []);
    const node = (path: string) => flow.nodes.find((n) => n.id === path)!;
    expect(node('start').position).toEqual({ x: 500, y: 40 });
    expect(node('work.a').position).toEqual({ x: 20, y: 60 });
    const work = node('work');
    expect(work.position).toEqual({ x: 10, y: 300 });
    expect(work.width!).toBeGreaterThanOrEqual(400 + node('work.b').width!);
    // Children the layout lacks go below the ones it has.
    expect(node('work.c').position.y).toBeGreaterThan(60 + node('work.a').height!);
  });

  it('without a layout, places siblings without overlap, finals last', () => {
    for (const process of [ALL_KINDS, ...examples().map((e) => e.process)]) {
      const flow = toFlow(process, {}, []);
      const byParent = new Map<string, StateFlowNode[]>();
      for (const n of flow.nodes) {
        const list = byParent.get(n.parentId ?? '') ?? [];
        list.push(n);
        byParent.set(n.parentId ?? '', list);
      }
      for (const siblings of byParent.values())
        for (const a of siblings)
          for (const b of siblings) {
            if (a === b) continue;
            const apart =
              a.position.x + a.width! <= b.position.x ||
              b.position.x + b.width! <= a.position.x ||
              a.position.y + a.height! <= b.position.y ||
              b.position.y + b.height! <= a.position.y;
            expect(apart, `${process.id}: ${a.id} and ${b.id} overlap`).toBe(true);
          }
      const top = byParent.get('')!;
      const finals = top.filter((n) => n.type === 'final');
      const others = top.filter((n) => n.type !== 'final');
      for (const f of finals)
        for (const o of others) expect(f.position.x).toBeGreaterThan(o.position.x);
      // Children sit inside their parent's box.
      for (const n of flow.nodes) {
        if (!n.parentId) continue;
        const parent = flow.nodes.find((p) => p.id === n.parentId)!;
        expect(n.position.x).toBeGreaterThanOrEqual(0);
        expect(n.position.y).toBeGreaterThanOrEqual(0);
        expect(n.position.x + n.width!).toBeLessThanOrEqual(parent.width!);
        expect(n.position.y + n.height!).toBeLessThanOrEqual(parent.height!);
      }
    }
  });
});

describe('labels', () => {
  it('says delays in words', () => {
    expect(durationInWords(30_000)).toBe('30 s');
    expect(durationInWords(120_000)).toBe('2 min');
    expect(durationInWords(3_600_000)).toBe('1 h');
    expect(durationInWords(5_400_000)).toBe('1 h 30 min');
    expect(durationInWords(90_000)).toBe('1 min 30 s');
    expect(durationInWords(86_400_000)).toBe('1 day');
    expect(durationInWords(259_200_000)).toBe('3 days');
    expect(durationInWords(1_209_600_000)).toBe('2 weeks');
    expect(durationInWords(2_592_000_000)).toBe('30 days');
    expect(durationInWords(500)).toBe('500 ms');
    expect(afterInWords(ALL_KINDS, '60000')).toBe('after 1 min');
    expect(afterInWords(ALL_KINDS, 'sla')).toBe('after 2 h');
    expect(afterInWords(ALL_KINDS, 'missing')).toBe('after missing');
  });

  it('gives roles stable colours in file order, undeclared ones after', () => {
    const colours = roleColours(ALL_KINDS, ['temp', 'clerk']);
    expect([...colours]).toEqual([
      ['clerk', ROLE_PALETTE[0]],
      ['boss', ROLE_PALETTE[1]],
      ['temp', ROLE_PALETTE[2]],
    ]);
    expect(legendRoles(ALL_KINDS).map((r) => [r.key, r.title])).toEqual([
      ['clerk', 'Clerk'],
      ['boss', 'boss'],
    ]);
  });
});

describe('edge geometry', () => {
  const a = { x: 0, y: 0, width: 100, height: 50 };
  const b = { x: 300, y: 0, width: 100, height: 50 };

  it('runs from border to border', () => {
    expect(borderPoint(a, { x: 350, y: 25 })).toEqual({ x: 100, y: 25 });
    const straight = edgeGeometry(a, b);
    expect(straight.path).toBe('M 100 25 Q 200 25 300 25');
    expect(straight.label).toEqual({ x: 200, y: 25 });
  });

  it('bows bent edges to opposite sides', () => {
    const up = edgeGeometry(a, b, 20);
    const down = edgeGeometry(b, a, 20);
    expect(up.label.y).toBeGreaterThan(25 + 15);
    expect(down.label.y).toBeLessThan(25 - 15);
    expect(up.label.x).toBeCloseTo(200);
  });

  it('loops a self-transition off the top-left corner', () => {
    const loop = loopGeometry(a, 0);
    expect(loop.path.startsWith('M 28 0 C')).toBe(true);
    expect(loop.path.endsWith(' 0 14')).toBe(true);
    expect(loop.label.y).toBeLessThan(0);
    expect(loop.label.x).toBeLessThan(0);
    expect(loopGeometry(a, 1).label.y).toBeLessThan(loop.label.y);
  });

  it('drops from the header to a state inside', () => {
    const outer = { x: 0, y: 0, width: 400, height: 300 };
    const inner = { x: 100, y: 100, width: 100, height: 50 };
    const geometry = edgeGeometry(outer, inner);
    expect(geometry.path.startsWith('M 150 32')).toBe(true);
  });
});

describe('gestures', () => {
  const containers = [
    { path: 'work', depth: 1, accepts: true, rect: { x: 0, y: 0, width: 500, height: 400 } },
    {
      path: 'work.inner',
      depth: 2,
      accepts: true,
      rect: { x: 50, y: 50, width: 200, height: 200 },
    },
    { path: 'both', depth: 1, accepts: false, rect: { x: 600, y: 0, width: 300, height: 300 } },
    {
      path: 'both.left',
      depth: 2,
      accepts: true,
      rect: { x: 600, y: 32, width: 150, height: 268 },
    },
  ];

  it('finds the compound state a state is dropped into', () => {
    expect(dropParent('start', { x: 100, y: 100 }, containers)).toBe('work.inner');
    expect(dropParent('start', { x: 400, y: 300 }, containers)).toBe('work');
    expect(dropParent('start', { x: 1000, y: 100 }, containers)).toBe('');
    expect(dropParent('start', { x: 650, y: 100 }, containers)).toBe('both.left');
    // The header of a parallel state takes no states: stay put.
    expect(dropParent('start', { x: 800, y: 10 }, containers)).toBeUndefined();
    // Never into itself.
    expect(dropParent('work.inner', { x: 100, y: 100 }, containers)).toBe('work');
    expect(dropParent('work', { x: 100, y: 100 }, containers)).toBe('');
  });

  it('checks new names', () => {
    expect(nameProblem('  ', 'a', [])).toMatch(/needs a name/);
    expect(nameProblem('b', 'a', ['a', 'b'])).toMatch(/already exists/);
    expect(nameProblem('x.y', 'a', [])).toMatch(/dot/);
    expect(nameProblem('a', 'a', ['a'])).toBeUndefined();
    expect(nameProblem('waiting for owner', 'a', ['a'])).toBeUndefined();
  });

  it('reads React Flow selections as the editor selection', () => {
    const flow = toFlow(ALL_KINDS, {}, []);
    const [start, work] = flow.nodes;
    expect(selectionOf([start, work], [])).toEqual({ kind: 'states', paths: ['start', 'work'] });
    expect(selectionOf([], [flow.edges[0]])).toEqual({
      kind: 'transition',
      ref: flow.edges[0].data!.ref,
    });
    expect(selectionOf([], [])).toEqual({ kind: 'none' });
    expect(selectionKey({ kind: 'states', paths: ['b', 'a'] })).toBe(
      selectionKey({ kind: 'states', paths: ['a', 'b'] }),
    );
    expect(selectionKey({ kind: 'process' })).toBe(selectionKey({ kind: 'none' }));
  });

  it('saves the shown positions of states the layout lacks, regions aside', () => {
    const flow = toFlow(ALL_KINDS, { start: { x: 1, y: 2 } }, []);
    const draft = structuredClone(ALL_KINDS);
    draft.layout = { start: { x: 1, y: 2 } };
    fillLayout(flow.nodes, { start: { x: 1, y: 2 } })(draft);
    const saved = Object.keys(draft.layout);
    expect(saved).toHaveLength(flow.nodes.length - 2);
    expect(saved).not.toContain('both.left');
    expect(draft.layout.start).toEqual({ x: 1, y: 2 });
    const work = flow.nodes.find((n) => n.id === 'work')!;
    expect(draft.layout.work).toEqual({ x: work.position.x, y: work.position.y });
    // Drawn again from the saved layout, nothing moves.
    const again = toFlow(ALL_KINDS, draft.layout as never, []);
    expect(again.nodes.map((n) => n.position)).toEqual(flow.nodes.map((n) => n.position));
  });

  it('keeps unchanged nodes as they were', () => {
    const before = toFlow(ALL_KINDS, {}, []).nodes;
    const after = reconcileNodes(
      before,
      toFlow(ALL_KINDS, {}, [], { selection: { kind: 'states', paths: ['end'] } }).nodes,
    );
    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed).toEqual(['end']);
  });
});

describe('where labels sit', () => {
  it('moves a label off a state that sits half way along its arrow', async () => {
    const { toFlow } = await import('../../src/editor/canvas/toFlow');
    const process = {
      plumb: 1 as const,
      id: 'labels',
      events: { GO: {} },
      machine: {
        id: 'labels',
        initial: 'a',
        states: { a: { on: { GO: 'c' } }, b: {}, c: {} },
      },
      layout: {
        a: { x: 0, y: 0, width: 160, height: 56 },
        b: { x: 250, y: 0, width: 60, height: 56 },
        c: { x: 400, y: 0, width: 160, height: 56 },
      },
    };
    const { edges } = toFlow(process, process.layout, [], {});
    const edge = edges.find((e) => e.data?.event === 'GO');
    expect(edge?.data?.labelT).toBeDefined();
    // Half way is on b (x 250–310): the label goes toward an end, clear of b.
    expect(edge?.data?.labelT).not.toBe(0.5);
    const t = edge?.data?.labelT ?? 0.5;
    const x = 160 + t * 240;
    expect(x + 15 <= 250 || x - 15 >= 310).toBe(true);
  });
});
