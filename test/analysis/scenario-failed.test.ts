// scenario-failed: a scenario's expectation does not hold (reported by the full check).
import { describe, expect, it } from 'vitest';
import { checkProcess } from '../../src/core/check';
import type { Scenario } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const callRouting = (scenarios: Scenario[]) =>
  proc({
    events: ['CALL_IN', 'ANSWERED', 'HUNG_UP'],
    conditions: ['inBusinessHours'],
    roles: ['receptionist'],
    scenarios,
    machine: {
      initial: 'idle',
      states: {
        idle: {
          meta: { role: 'receptionist' },
          on: { CALL_IN: [{ target: 'ringing', guard: 'inBusinessHours' }, { target: 'closed' }] },
        },
        ringing: { meta: { role: 'receptionist' }, on: { ANSWERED: 'done', HUNG_UP: 'closed' } },
        closed: { type: 'final' },
        done: { type: 'final' },
      },
    },
  });

describe('scenario-failed', () => {
  it('fires for a scenario whose case ends elsewhere, with the state it ended in', () => {
    const report = checkProcess(
      callRouting([
        {
          id: 'answered',
          title: 'The call is answered',
          assume: { inBusinessHours: false },
          steps: [{ event: 'CALL_IN' }, { event: 'ANSWERED' }],
          expect: { state: 'done' },
        },
      ]),
    );
    const cracks = rulesOf(report, 'scenario-failed');
    expect(cracks.map(brief)).toEqual([
      { rule: 'scenario-failed', severity: 'error', state: 'closed' },
    ]);
    expect(cracks[0].message).toContain('The call is answered');
    expect(cracks[0].message).toContain('"done"');
    expect(report.ok).toBe(false);
    expect(report.scenarios).toEqual([
      expect.objectContaining({ id: 'answered', passed: false, state: 'closed' }),
    ]);
  });

  it('fires for a step nobody handles when the scenario expects every step handled', () => {
    const report = checkProcess(
      callRouting([
        {
          id: 'double-call',
          assume: { inBusinessHours: true },
          steps: [{ event: 'CALL_IN' }, { event: 'CALL_IN' }, { event: 'ANSWERED' }],
          expect: { done: true, handled: true },
        },
      ]),
    );
    const cracks = rulesOf(report, 'scenario-failed');
    expect(cracks).toHaveLength(1);
    expect(cracks[0].message).toContain('step 2 (CALL_IN) was not handled');
  });

  it('stays silent when every scenario passes', () => {
    const report = checkProcess(
      callRouting([
        {
          id: 'answered',
          assume: { inBusinessHours: true },
          steps: [{ event: 'CALL_IN' }, { event: 'ANSWERED' }],
          expect: { state: 'done', done: true, handled: true, notIn: ['closed'] },
        },
      ]),
    );
    expect(rulesOf(report, 'scenario-failed')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.scenarios).toEqual([
      expect.objectContaining({ id: 'answered', passed: true, state: 'done' }),
    ]);
  });

  it('stays silent, with a note, when the machine is broken and the scenarios cannot run', () => {
    const process = callRouting([{ id: 'any', steps: [], expect: { state: 'done' } }]);
    process.machine.states!.ringing.on = { ANSWERED: 'dnoe' };
    const report = checkProcess(process);
    expect(rulesOf(report, 'scenario-failed')).toEqual([]);
    expect(rulesOf(report, 'invalid-machine')).toHaveLength(1);
    expect(report.scenarios).toEqual([]);
    expect(report.notes.join('\n')).toContain('scenarios not run');
  });
});
