// The state tree: state paths, and targets resolved as XState v5 resolves them.
import { describe, expect, it } from 'vitest';
import { buildStateTree, resolveTarget, type StateNode } from '../../src/core/model/tree';
import type { MachineConfig } from '../../src/core/model/types';

const machine: MachineConfig = {
  id: 'call',
  initial: 'triage',
  states: {
    triage: {
      initial: 'reading',
      states: { reading: {}, 'asking the customer': {} },
    },
    queue: { id: 'callbackQueue', initial: 'waiting', states: { waiting: {} } },
    'dot.key': {},
    done: { type: 'final' },
  },
};
const tree = buildStateTree(machine);
const node = (path: string) => tree.byPath.get(path) as StateNode;
const resolved = (from: string, target: string) => {
  const result = resolveTarget(node(from), target, tree.byId);
  return 'node' in result ? result.node.path : `error: ${result.reason}`;
};

describe('buildStateTree', () => {
  it('names every state by its path and its JSON path', () => {
    expect(tree.nodes.map((n) => n.path)).toContain('triage.asking the customer');
    expect(node('triage.asking the customer').jsonPath).toBe(
      'machine.states.triage.states["asking the customer"]',
    );
    expect(node('triage').kind).toBe('compound');
    expect(node('done').kind).toBe('final');
    expect(tree.problems).toEqual([]);
  });

  it('gives each state its XState id: its own, or the machine id and path', () => {
    expect(tree.byId.get('callbackQueue')?.path).toBe('queue');
    expect(node('triage.reading').id).toBe('call.triage.reading');
  });
});

describe('resolveTarget', () => {
  it('resolves a plain key as a sibling', () => {
    expect(resolved('triage', 'queue')).toBe('queue');
    expect(resolved('triage.reading', 'asking the customer')).toBe('triage.asking the customer');
    expect(resolved('triage', 'queue.waiting')).toBe('queue.waiting');
  });

  it('resolves ".child" below the source', () => {
    expect(resolved('triage', '.reading')).toBe('triage.reading');
    expect(resolved('', '.queue.waiting')).toBe('queue.waiting');
  });

  it('resolves "#id" and "#id.child", with the machine id as an id too', () => {
    expect(resolved('triage.reading', '#callbackQueue')).toBe('queue');
    expect(resolved('triage.reading', '#callbackQueue.waiting')).toBe('queue.waiting');
    expect(resolved('done', '#call.triage.reading')).toBe('triage.reading');
  });

  it('reads an escaped dot as part of a key', () => {
    expect(resolved('triage', 'dot\\.key')).toBe('dot.key');
  });

  it('says why an unknown target does not resolve', () => {
    expect(resolved('triage', 'trige')).toBe(
      'error: target "trige" does not exist; did you mean "triage"?',
    );
    // Nothing close: no guess.
    expect(resolved('triage', 'elsewhere')).toBe('error: target "elsewhere" does not exist');
    expect(resolved('triage', '.nothing')).toMatch(/^error: "nothing" is not a child of "triage"/);
    expect(resolved('triage', '#nowhere')).toBe('error: no state has the id "#nowhere"');
    expect(resolved('', 'triage')).toMatch(/did you mean "\.triage"\?/);
  });
});
