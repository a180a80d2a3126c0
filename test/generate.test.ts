import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { countStates, generateProcess, mulberry32 } from '../bench/generate';

interface StateConfig {
  type?: string;
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, unknown>;
  after?: Record<string, unknown>;
  always?: unknown;
  onDone?: unknown;
  meta?: { role?: string; duration?: { min: number; mode: number; max: number } };
}

interface Generated {
  plumb: number;
  id: string;
  stage: string;
  roles: Record<string, { title: string; costPerHour: number }>;
  events: Record<
    string,
    { description: string; exception?: boolean; when?: { states?: string[]; roles?: string[] } }
  >;
  conditions: Record<string, { question: string; probability: number }>;
  machine: StateConfig & { id: string };
  scenarios: { id: string; steps: unknown[]; expect: Record<string, unknown> }[];
}

const generate = (states: number, seed: number, more: { exceptions?: number } = {}): Generated =>
  generateProcess({ states, seed, ...more }) as unknown as Generated;

/** Every state node below the root, with its path, counted independently of the generator. */
function nodes(machine: StateConfig): { path: string; node: StateConfig; depth: number }[] {
  const out: { path: string; node: StateConfig; depth: number }[] = [];
  const stack: { prefix: string; states: Record<string, StateConfig>; depth: number }[] = [
    { prefix: '', states: machine.states ?? {}, depth: 1 },
  ];
  while (stack.length > 0) {
    const { prefix, states, depth } = stack.pop()!;
    for (const [key, node] of Object.entries(states)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.push({ path, node, depth });
      if (node.states) stack.push({ prefix: path, states: node.states, depth: depth + 1 });
    }
  }
  return out;
}

function createFrom(generated: Generated) {
  const guards = Object.fromEntries(
    Object.keys(generated.conditions).map((name) => [name, () => true]),
  );
  const machineSetup = setup({ guards });
  return machineSetup.createMachine(
    generated.machine as unknown as Parameters<typeof machineSetup.createMachine>[0],
  );
}

/** Transition targets of a state's `on`, `after`, `always` and `onDone`. */
function targets(node: StateConfig): string[] {
  const out: string[] = [];
  const add = (transitions: unknown) => {
    for (const t of Array.isArray(transitions) ? transitions : [transitions]) {
      if (typeof t === 'string') out.push(t);
      else if (t && typeof t === 'object' && 'target' in t) out.push(String(t.target));
    }
  };
  for (const group of [node.on, node.after]) for (const t of Object.values(group ?? {})) add(t);
  if (node.always) add(node.always);
  if (node.onDone) add(node.onDone);
  return out;
}

describe('mulberry32', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

describe('generateProcess', () => {
  it('gives the same process for the same seed', () => {
    for (const size of [100, 1000]) {
      expect(generateProcess({ states: size, seed: 7 })).toEqual(
        generateProcess({ states: size, seed: 7 }),
      );
    }
    expect(JSON.stringify(generate(10000, 3))).toBe(JSON.stringify(generate(10000, 3)));
  });

  it('gives different processes for different seeds', () => {
    expect(generate(100, 1)).not.toEqual(generate(100, 2));
    expect(generate(1000, 1).machine).not.toEqual(generate(1000, 2).machine);
  });

  it('has the process file fields', () => {
    const p = generate(100, 5);
    expect(p.plumb).toBe(1);
    expect(p.id).toBe('generated-100-5');
    expect(p.stage).toBe('to-be');
    const roleCount = Object.keys(p.roles).length;
    expect(roleCount).toBeGreaterThanOrEqual(3);
    expect(roleCount).toBeLessThanOrEqual(5);
    for (const role of Object.values(p.roles)) expect(role.costPerHour).toBeGreaterThan(0);
    const exceptions = Object.entries(p.events).filter(([, e]) => e.exception);
    expect(exceptions.map(([name]) => name)).toEqual(Array.from({ length: 10 }, (_, i) => `X${i}`));
    expect(exceptions.some(([, e]) => e.when?.states)).toBe(true);
    expect(exceptions.some(([, e]) => e.when?.roles)).toBe(true);
    expect(exceptions.some(([, e]) => !e.when)).toBe(true);
    for (const c of Object.values(p.conditions)) {
      expect(c.probability).toBeGreaterThanOrEqual(0);
      expect(c.probability).toBeLessThanOrEqual(1);
    }
    expect(p.scenarios.length).toBeGreaterThan(0);
    expect(
      Object.keys(generate(100, 5, { exceptions: 3 }).events).filter((e) => e.startsWith('X')),
    ).toHaveLength(3);
  });

  it.each([100, 1000, 10000])('has %i state nodes, give or take 10%%', (size) => {
    for (const seed of [1, 2, 3]) {
      const p = generate(size, seed);
      const count = nodes(p.machine).length;
      expect(count).toBeGreaterThanOrEqual(size * 0.9);
      expect(count).toBeLessThanOrEqual(size * 1.1);
      expect(countStates(p.machine.states)).toBe(count);
    }
  });

  it('nests compound and parallel states, with bounded depth', () => {
    const all = nodes(generate(10000, 11).machine);
    expect(Math.max(...all.map((n) => n.depth))).toBeLessThanOrEqual(5);
    const parallels = all.filter((n) => n.node.type === 'parallel');
    expect(parallels.length).toBeGreaterThan(0);
    for (const { node } of parallels) {
      expect(node.onDone).toBeDefined();
      for (const region of Object.values(node.states ?? {})) {
        expect(region.initial).toBeDefined();
        expect(Object.values(region.states ?? {}).some((s) => s.type === 'final')).toBe(true);
      }
    }
    for (const { node } of all) {
      if (node.states && node.type !== 'parallel') {
        expect(Object.keys(node.states)).toContain(node.initial);
      }
    }
    const leaves = all.filter((n) => !n.node.states && n.node.type !== 'final');
    expect(leaves.some((n) => n.node.after)).toBe(true);
    expect(leaves.some((n) => n.node.always)).toBe(true);
  });

  it('refers only to declared names and existing states', () => {
    for (const seed of [1, 2, 3, 4]) {
      const p = generate(1000, seed);
      const all = nodes(p.machine);
      const paths = new Set(all.map((n) => n.path));
      for (const e of Object.values(p.events)) {
        for (const path of e.when?.states ?? []) expect(paths).toContain(path);
        for (const role of e.when?.roles ?? []) expect(p.roles).toHaveProperty(role);
      }
      const json = JSON.stringify(p.machine);
      for (const [, guard] of json.matchAll(/"guard":"([^"]+)"/g)) {
        expect(p.conditions).toHaveProperty(guard);
      }
      for (const { node } of all) {
        if (node.meta?.role) expect(p.roles).toHaveProperty(node.meta.role);
        for (const event of Object.keys(node.on ?? {})) expect(p.events).toHaveProperty(event);
        const d = node.meta?.duration;
        if (d) {
          expect(d.min).toBeLessThanOrEqual(d.mode);
          expect(d.mode).toBeLessThanOrEqual(d.max);
        }
      }
    }
  });

  it('leaves most states able to reach a final state, with a few cracks', () => {
    const p = generate(1000, 9);
    const all = nodes(p.machine);
    const leaves = all.filter((n) => !n.node.states && n.node.type !== 'final');
    const withoutTransitions = leaves.filter((n) => targets(n.node).length === 0);
    expect(withoutTransitions.length).toBeLessThan(leaves.length * 0.1);
    // Back edges: some transition targets a sibling listed before the state itself.
    let backEdges = 0;
    for (const { node } of all) {
      const keys = Object.keys(node.states ?? {});
      for (const [key, child] of Object.entries(node.states ?? {})) {
        for (const t of targets(child))
          if (keys.indexOf(t) >= 0 && keys.indexOf(t) < keys.indexOf(key)) backEdges++;
      }
    }
    expect(backEdges).toBeGreaterThan(0);
  });

  it('is accepted by XState createMachine', () => {
    for (const size of [100, 1000]) {
      for (const seed of [1, 2, 3, 4, 5]) {
        const machine = createFrom(generate(size, seed));
        const actor = createActor(machine);
        actor.start();
        expect(actor.getSnapshot().status).toBe('active');
        actor.stop();
      }
    }
  });

  it('copes with tiny sizes', () => {
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const p = generate(size, 1);
      expect(nodes(p.machine)).toHaveLength(size);
      expect(() => createFrom(p)).not.toThrow();
    }
  });
});
