// Property: `analyse` never throws and always terminates, on generated machines of every size and
// on broken variants of them (dropped states, targets that do not exist, missing "initial").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProcess } from '../../bench/generate';
import { type Analysis, analyse } from '../../src/core/analysis/analyse';
import { RULES } from '../../src/core/analysis/types';
import { validateProcess } from '../../src/core/model/parse';
import { buildStateTree } from '../../src/core/model/tree';
import type { ProcessFile, StateConfig } from '../../src/core/model/types';
import { rulesOf } from '../helpers';

const generated = (states: number, seed: number) =>
  generateProcess({ states, seed }) as unknown as ProcessFile;

/** Every crack is well formed: a known rule at its severity, a real state path, words to read. */
function expectWellFormed(process: ProcessFile, analysis: Analysis): void {
  const paths = new Set(buildStateTree(process.machine).byPath.keys());
  for (const crack of [...analysis.cracks, ...analysis.waived]) {
    expect(RULES[crack.rule], crack.rule).toBe(crack.severity);
    if (crack.state !== undefined) expect(paths.has(crack.state), crack.state).toBe(true);
    expect(crack.message.length).toBeGreaterThan(0);
    expect(crack.hint.length).toBeGreaterThan(0);
  }
}

/** Every state config with the map that holds it, its key and its state path. */
function stateConfigs(machine: StateConfig) {
  const out: {
    owner: Record<string, StateConfig>;
    key: string;
    path: string;
    config: StateConfig;
  }[] = [];
  const stack: { prefix: string; config: StateConfig }[] = [{ prefix: '', config: machine }];
  while (stack.length) {
    const { prefix, config } = stack.pop() as { prefix: string; config: StateConfig };
    for (const [key, child] of Object.entries(config.states ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.push({ owner: config.states as Record<string, StateConfig>, key, path, config: child });
      stack.push({ prefix: path, config: child });
    }
  }
  return out;
}

type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'retarget'; pick: number; event: number }
  | { kind: 'deleteInitial'; pick: number }
  | { kind: 'badId'; pick: number }
  | { kind: 'badHistory'; pick: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retarget' as const), pick: fc.nat(), event: fc.nat() }),
  fc.record({ kind: fc.constant('deleteInitial' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('badId' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('badHistory' as const), pick: fc.nat() }),
);

/** Applies a mutation in place; returns what the analyser must then report, if anything. */
function mutate(
  process: ProcessFile,
  m: Mutation,
  n: number,
): { missing?: string; initialOf?: string } {
  const states = stateConfigs(process.machine);
  const at = <T>(list: T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
  switch (m.kind) {
    case 'drop': {
      const victim = at(states, m.pick);
      if (victim) delete victim.owner[victim.key];
      return {};
    }
    case 'retarget': {
      const withOn = states.filter((s) => s.config.on && Object.keys(s.config.on).length > 0);
      const victim = at(withOn, m.pick);
      if (!victim?.config.on) return {};
      const events = Object.keys(victim.config.on);
      const missing = `missing${n}`;
      victim.config.on[events[m.event % events.length]] = missing;
      return { missing };
    }
    case 'deleteInitial': {
      const compound = [
        { path: '', config: process.machine as StateConfig },
        ...states.filter((s) => s.config.initial !== undefined),
      ];
      const victim = at(compound, m.pick);
      if (!victim) return {};
      delete victim.config.initial;
      return { initialOf: victim.path };
    }
    case 'badId': {
      const victim = at(states, m.pick);
      if (!victim || victim.config.type === 'final') return {};
      const missing = `#nobody${n}`;
      victim.config.on = { ...(victim.config.on ?? {}), X0: [{ target: missing }] };
      return { missing };
    }
    case 'badHistory': {
      const victim = at(
        states.filter((s) => s.config.states),
        m.pick,
      );
      if (!victim?.config.states) return {};
      const missing = `gone${n}`;
      victim.config.states[`history${n}`] = { type: 'history', history: 'deep', target: missing };
      return { missing };
    }
  }
}

describe('analyse on generated machines', () => {
  it('never throws on 50 machines of 100 states, and every crack is well formed', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const process = generated(100, seed);
      expect(validateProcess(process).problems).toEqual([]);
      const analysis = analyse(process);
      expect(rulesOf(analysis, 'invalid-machine'), `seed ${seed}`).toEqual([]);
      expectWellFormed(process, analysis);
    }
  });

  it('never throws on machines of 1,000 states', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const process = generated(1000, seed);
      const analysis = analyse(process);
      expect(rulesOf(analysis, 'invalid-machine'), `seed ${seed}`).toEqual([]);
      expectWellFormed(process, analysis);
    }
  });

  it('never throws on tiny machines of every size from 1 to 30 states', () => {
    for (let states = 1; states <= 30; states++) {
      const process = generated(states, states * 7);
      const analysis = analyse(process);
      expect(rulesOf(analysis, 'invalid-machine'), `${states} states`).toEqual([]);
      expectWellFormed(process, analysis);
    }
  });

  it('reports broken variants as invalid-machine instead of throwing', () => {
    let n = 0;
    let broken = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 5, max: 120 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (seed, size, mutations) => {
          const process = generated(size, seed);
          const expected = mutations.map((m) => mutate(process, m, n++));
          // Only what a file may hold reaches the analyser: the shape must still be a process.
          expect(validateProcess(process).problems).toEqual([]);
          const analysis = analyse(process, { xstate: true });
          expectWellFormed(process, analysis);
          const invalid = rulesOf(analysis, 'invalid-machine');
          const tree = buildStateTree(process.machine);
          for (const { missing, initialOf } of expected) {
            if (missing !== undefined && JSON.stringify(process.machine).includes(`"${missing}"`))
              expect(
                invalid.some((c) => c.message.includes(missing)),
                missing,
              ).toBe(true);
            if (initialOf !== undefined && tree.byPath.get(initialOf)?.kind === 'compound')
              expect(
                invalid.some((c) => (c.state ?? '') === initialOf && c.path?.endsWith('initial')),
                `initial of "${initialOf}"`,
              ).toBe(true);
          }
          if (invalid.length > 0) broken++;
        },
      ),
      { numRuns: 150, seed: 20_260_601 },
    );
    // The mutations do break machines (most of the time: a dropped state may be one nobody targets).
    expect(broken).toBeGreaterThan(100);
  });
});
