// Bugs found by trying process files written the way other people write them; each failed before
// its fix.

import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import { checkProcess } from '../../src/core/check';
import { parseProcess } from '../../src/core/model/parse';
import { sweep } from '../../src/core/simulation/sweep';
import { brief, proc, rulesOf, statesOf } from '../helpers';

describe('regressions', () => {
  it('treats the XState helper names "not", "and", "or" as undeclared guards, and the check survives', () => {
    const process = proc({
      roles: ['r'],
      events: ['GO'],
      machine: {
        initial: 'a',
        meta: { role: 'r' },
        states: {
          a: { on: { GO: [{ target: 'b', guard: 'not' }, { target: 'b' }] } },
          b: { type: 'final' },
        },
      },
      scenarios: [{ id: 's', steps: [{ event: 'GO' }], expect: { done: true } }],
    });
    const report = checkProcess(process);
    expect(rulesOf(report, 'invalid-machine')).toHaveLength(1);
    expect(report.ok).toBe(false);
  });

  it('finishes a parallel state only when every region has finished', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['A', 'B'],
        machine: {
          type: 'parallel',
          meta: { role: 'r' },
          states: {
            one: { initial: 'x', states: { x: { on: { A: 'y' } }, y: { type: 'final' } } },
            two: { initial: 'p', states: { p: { on: { B: 'q' } }, q: { on: { B: 'p' } } } },
          },
        },
      }),
    );
    expect(rulesOf(a, 'never-done')).toHaveLength(1);
    expect(statesOf(a, 'no-way-out')).toEqual(expect.arrayContaining(['two.p', 'two.q']));
  });

  it('calls a region state a dead end when the other region never leaves the parallel state', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['B'],
        machine: {
          initial: 'p',
          meta: { role: 'r' },
          states: {
            p: {
              type: 'parallel',
              onDone: 'done',
              states: {
                r1: { initial: 'x', states: { x: {}, fin: { type: 'final' } } },
                r2: { initial: 'y', states: { y: { on: { B: 'z' } }, z: { type: 'final' } } },
              },
            },
            done: { type: 'final' },
          },
        },
      }),
    );
    expect(rulesOf(a, 'dead-end').map(brief)).toEqual([
      { rule: 'dead-end', severity: 'error', state: 'p.r1.x' },
    ]);
    expect(statesOf(a, 'unreachable-state')).toContain('done');
  });

  it('does not ask an owner or exception handling of a decision state the case passes straight through', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['SUBMIT'],
        exceptions: { CANCEL: true },
        conditions: ['big'],
        machine: {
          initial: 'draft',
          states: {
            draft: { meta: { role: 'r' }, on: { SUBMIT: 'route', CANCEL: 'cancelled' } },
            route: { always: [{ guard: 'big', target: 'bigOrder' }, { target: 'smallOrder' }] },
            bigOrder: { type: 'final' },
            smallOrder: { type: 'final' },
            cancelled: { type: 'final' },
          },
        },
      }),
    );
    expect(a.cracks).toEqual([]);
  });

  it("counts an invoke's onError as a way out, as DESIGN.md says", () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['GO'],
        services: { crm: { description: 'Update the CRM', failureProbability: 0.1 } },
        machine: {
          initial: 'idle',
          meta: { role: 'r' },
          states: {
            idle: { on: { GO: 'calling' } },
            calling: { invoke: { src: 'crm', onError: 'failed' } },
            failed: { type: 'final' },
          },
        },
      }),
    );
    expect(rulesOf(a, 'dead-end')).toEqual([]);
  });

  it('calls an empty machine a dead end', () => {
    const a = analyse(proc({ machine: {} }));
    expect(rulesOf(a, 'dead-end').map(brief)).toEqual([{ rule: 'dead-end', severity: 'error' }]);
  });

  it('accepts the targets and delays XState accepts: "." and "1e3"', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['ASSIGN', 'DONE'],
        machine: {
          initial: 'triage',
          meta: { role: 'r' },
          states: {
            triage: { on: { ASSIGN: '.', DONE: 'done' }, after: { '1e3': 'done' } },
            done: { type: 'final' },
          },
        },
      }),
    );
    expect(rulesOf(a, 'invalid-machine')).toEqual([]);
  });

  it('reports wrongly typed actions with their path instead of crashing', () => {
    const text = JSON.stringify({
      plumb: 1,
      id: 'x',
      machine: {
        initial: 'a',
        states: { a: { entry: 5, on: { GO: { target: 'b', actions: [1, null] } } }, b: {} },
      },
    });
    const parsed = parseProcess(text);
    expect(parsed.problems.map((p) => p.path)).toEqual([
      'machine.states.a.entry',
      'machine.states.a.on.GO.actions[0]',
      'machine.states.a.on.GO.actions[1]',
    ]);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const parsed = parseProcess(`\ufeff${JSON.stringify({ plumb: 1, id: 'x', machine: {} })}`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.process?.id).toBe('x');
  });

  it('sweeps the configurations behind a guarded "always" answered yes', () => {
    const result = sweep(
      proc({
        roles: ['r'],
        events: ['SUBMIT', 'PAY'],
        exceptions: { CANCEL: true },
        conditions: ['approved'],
        machine: {
          initial: 'draft',
          meta: { role: 'r' },
          states: {
            draft: { on: { SUBMIT: 'deciding', CANCEL: 'cancelled' } },
            deciding: {
              always: [{ guard: 'approved', target: 'payment' }, { target: 'rejected' }],
            },
            payment: { on: { PAY: 'paid' } },
            rejected: { type: 'final' },
            paid: { type: 'final' },
            cancelled: { type: 'final' },
          },
        },
      }),
    );
    const payment = result.rows.find((r) => r.states.join() === 'payment');
    expect(payment?.cells.CANCEL).toEqual({ outcome: 'dropped' });
  });
});

describe('history defaults', () => {
  it('follows a history default given by #id', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['NEXT', 'FINISH', 'RESUME'],
        machine: {
          id: 'm',
          initial: 'paused',
          meta: { role: 'r' },
          states: {
            form: {
              initial: 'intro',
              states: {
                intro: { on: { NEXT: 'details' } },
                details: { on: { FINISH: '#m.done' } },
                special: { id: 'special', on: { NEXT: 'details' } },
                hist: { type: 'history', history: 'deep', target: '#special' },
              },
            },
            paused: { on: { RESUME: 'form.hist' } },
            done: { type: 'final' },
          },
        },
      }),
    );
    // The default enters form.special; nothing ever enters form.intro.
    expect(statesOf(a, 'unreachable-state')).toEqual(['form.intro']);
    expect(rulesOf(a, 'invalid-machine')).toEqual([]);
  });
});

describe('exceptions in parallel states, by configuration', () => {
  const process = () =>
    proc({
      roles: ['r'],
      events: ['NEXT'],
      exceptions: { EX1: true },
      machine: {
        initial: 'p',
        meta: { role: 'r' },
        states: {
          p: {
            type: 'parallel',
            onDone: 'done',
            states: {
              r1: {
                initial: 'a1',
                states: {
                  a1: { on: { EX1: 'a1', NEXT: 'a2' } },
                  a2: { on: { NEXT: 'a3' } },
                  a3: { type: 'final' },
                },
              },
              r2: {
                initial: 'b1',
                states: { b1: { on: { NEXT: 'b2' } }, b2: { type: 'final' } },
              },
            },
          },
          done: { type: 'final' },
        },
      },
    });

  it('clears a state whose every configuration has the exception handled beside it', () => {
    // One NEXT moves both regions: b1 is only ever active beside a1, which handles EX1; a2 is
    // beside b2 (a final state), and nobody handles EX1 there. State by state, b1 looks unhandled.
    expect(statesOf(analyse(process()), 'unhandled-exception')).toContain('p.r2.b1');
    const report = checkProcess(process());
    expect(statesOf(report, 'unhandled-exception')).toEqual(['p.r1.a2']);
  });
});

describe('third look at the rules', () => {
  it('reports a stuck state inside a compound with onDone as a dead end only, not also a trap', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['GO', 'FIN'],
        machine: {
          initial: 'p',
          meta: { role: 'r' },
          states: {
            p: {
              initial: 'a',
              onDone: 'done',
              states: { a: { on: { GO: 'b', FIN: 'f' } }, b: {}, f: { type: 'final' } },
            },
            done: { type: 'final' },
          },
        },
      }),
    );
    expect(statesOf(a, 'dead-end')).toEqual(['p.b']);
    expect(rulesOf(a, 'no-way-out')).toEqual([]);
  });

  it('does not reach a state only a shadowed transition leads to', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['GO'],
        machine: {
          initial: 'a',
          meta: { role: 'r' },
          states: {
            a: { on: { GO: ['done', 'b'] } },
            b: { on: { GO: 'done' } },
            done: { type: 'final' },
          },
        },
      }),
    );
    expect(statesOf(a, 'shadowed-transition')).toEqual(['a']);
    expect(statesOf(a, 'unreachable-state')).toEqual(['b']);
  });

  it('reports a transition into two sibling regions once', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['JUMP'],
        machine: {
          id: 'm',
          initial: 'w',
          meta: { role: 'r' },
          states: {
            w: {
              type: 'parallel',
              states: {
                r1: {
                  initial: 'a',
                  states: { a: { on: { JUMP: { target: ['#m.w.r2.y', '#m.w.r3.z'] } } } },
                },
                r2: { initial: 'x', states: { x: {}, y: {} } },
                r3: { initial: 'u', states: { u: {}, z: {} } },
              },
            },
          },
        },
      }),
    );
    expect(rulesOf(a, 'cross-region-transition')).toHaveLength(1);
  });

  it('sees no guard gap in a guarded wildcard', () => {
    const a = analyse(
      proc({
        roles: ['r'],
        events: ['GO'],
        conditions: ['ok'],
        machine: {
          initial: 'a',
          meta: { role: 'r' },
          states: {
            a: { on: { GO: 'done', '*': { target: 'done', guard: 'ok' } } },
            done: { type: 'final' },
          },
        },
      }),
    );
    expect(rulesOf(a, 'guard-gap')).toEqual([]);
  });

  it('names one state path for a scenario that ends in parallel regions, and lists the leaves', () => {
    const report = checkProcess(
      proc({
        roles: ['r'],
        events: ['GO'],
        machine: {
          initial: 'w',
          meta: { role: 'r' },
          states: {
            w: {
              type: 'parallel',
              states: {
                r1: { initial: 'a', states: { a: { on: { GO: 'b' } }, b: {} } },
                r2: { initial: 'x', states: { x: {} } },
              },
            },
          },
        },
        scenarios: [{ id: 'p2', steps: [{ event: 'GO' }], expect: { state: 'w.r1.a' } }],
      }),
    );
    expect(report.scenarios[0]).toMatchObject({
      passed: false,
      state: 'w',
      states: ['w.r1.b', 'w.r2.x'],
    });
    expect(rulesOf(report, 'scenario-failed')[0].state).toBe('w');
  });
});
