// The process panel's edits keep the file whole: a renamed role, event, condition or delay takes
// every use with it; a delete lets go of it or is refused while it is in use; numbers are checked.

import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { ProcessFile } from '../../src/core/model/types';
import { runScenario } from '../../src/core/simulation/scenario';
import { durationError, msInWords, parseList, readNumber } from '../../src/editor/panels/format';
import {
  addCondition,
  addEvent,
  addRole,
  conditionUses,
  deleteCondition,
  deleteDelay,
  deleteEvent,
  deleteRole,
  deleteScenario,
  eventUses,
  renameCondition,
  renameDelay,
  renameEvent,
  renameRole,
  setCondition,
  setDelay,
  setEvent,
  setRole,
  setStage,
  setTitle,
  uniqueKey,
} from '../../src/editor/panels/processEdits';
import {
  setHistoryDepth,
  setStateDescription,
  setTransitionProbability,
} from '../../src/editor/panels/stateEdits';
import { editProblem, tryEdit } from '../../src/editor/panels/tryEdit';
import { EditHistory } from '../../src/editor/state/history';
import { stateAt } from '../../src/editor/state/refs';
import type { Recipe } from '../../src/editor/state/types';

const sample = (): ProcessFile => ({
  plumb: 1,
  id: 'calls',
  title: 'Calls',
  roles: {
    receptionist: { title: 'Receptionist', costPerHour: 28 },
    agent: { title: 'Agent', costPerHour: 40 },
  },
  events: {
    CALL_IN: { description: 'A call arrives' },
    ANSWERED: {},
    DONE: {},
    OWNER_GONE: { exception: true, when: { roles: ['agent', 'receptionist'] } },
  },
  conditions: { inHours: { question: 'Within business hours?', probability: 0.8 } },
  delays: { ring: 30000 },
  machine: {
    id: 'calls',
    initial: 'idle',
    states: {
      idle: { on: { CALL_IN: 'ringing' } },
      ringing: {
        meta: { role: 'receptionist' },
        on: {
          ANSWERED: [{ target: 'talking', guard: 'inHours' }, { target: 'closed' }],
          OWNER_GONE: 'closed',
        },
        after: { ring: 'closed' },
      },
      talking: {
        meta: { role: 'agent', duration: 5 },
        on: { DONE: 'closed', CALL_IN: { target: 'talking', guard: { type: 'inHours' } } },
      },
      closed: { type: 'final' },
    },
  },
  scenarios: [
    {
      id: 'answered',
      steps: [{ event: 'CALL_IN' }, { event: 'ANSWERED' }, { assume: { inHours: true } }],
      assume: { inHours: true },
      expect: { state: 'talking' },
    },
    { id: 'other', steps: [{ event: 'CALL_IN' }], expect: { state: 'ringing' } },
  ],
  waivers: [{ rule: 'unused-event', event: 'DONE', reason: 'test' }],
});

/** Applies the recipes through the editor's own history (so undo is exercised too). */
function apply(process: ProcessFile, ...recipes: Recipe[]): ProcessFile {
  const history = new EditHistory(process);
  for (const recipe of recipes) {
    const error = history.apply(recipe, 'edit');
    if (error) throw new Error(error);
  }
  const after = history.state.process;
  while (history.undo()) {}
  expect(history.state.process).toEqual(process);
  return after;
}

function refusal(process: ProcessFile, recipe: Recipe): string | undefined {
  return new EditHistory(process).apply(recipe, 'edit');
}

describe('process text', () => {
  it('sets and clears title and stage', () => {
    const next = apply(sample(), setTitle('  Inbound calls  '), setStage('to-be'));
    expect(next.title).toBe('Inbound calls');
    expect(next.stage).toBe('to-be');
    expect('title' in apply(sample(), setTitle('   '))).toBe(false);
  });
});

describe('roles', () => {
  it('renaming a role updates every state that it owns and every exception scope', () => {
    const next = apply(sample(), renameRole('agent', 'callee'));
    expect(Object.keys(next.roles ?? {})).toEqual(['receptionist', 'callee']);
    expect(next.roles?.callee).toEqual({ title: 'Agent', costPerHour: 40 });
    expect(stateAt(next.machine, 'talking')?.meta?.role).toBe('callee');
    expect(stateAt(next.machine, 'ringing')?.meta?.role).toBe('receptionist');
    expect(next.events?.OWNER_GONE.when?.roles).toEqual(['callee', 'receptionist']);
  });

  it('refuses a taken or empty name', () => {
    expect(refusal(sample(), renameRole('agent', 'receptionist'))).toMatch(/already a role/);
    expect(refusal(sample(), renameRole('agent', ' '))).toMatch(/needs a name/);
    expect(refusal(sample(), addRole('agent'))).toMatch(/already/);
  });

  it('deleting a role leaves its states without an owner and drops it from scopes', () => {
    const next = apply(sample(), deleteRole('agent'));
    expect(next.roles?.agent).toBeUndefined();
    expect(stateAt(next.machine, 'talking')?.meta).toEqual({ duration: 5 });
    expect(next.events?.OWNER_GONE.when).toEqual({ roles: ['receptionist'] });
    const both = apply(sample(), deleteRole('agent'), deleteRole('receptionist'));
    expect(both.events?.OWNER_GONE.when).toBeUndefined();
    expect(stateAt(both.machine, 'ringing')?.meta).toBeUndefined();
    // The states it owned are now reported as without owner.
    expect(analyse(next).cracks.some((c) => c.rule === 'no-owner' && c.state === 'talking')).toBe(
      true,
    );
  });

  it('checks the cost per hour and clears fields', () => {
    expect(refusal(sample(), setRole('agent', { costPerHour: -1 }))).toMatch(/0 or more/);
    expect(refusal(sample(), setRole('agent', { costPerHour: Number.NaN }))).toMatch(/number/);
    const next = apply(sample(), setRole('agent', { costPerHour: undefined, title: 'Callee' }));
    expect(next.roles?.agent).toEqual({ title: 'Callee' });
  });
});

describe('events', () => {
  it('renaming an event renames its on-keys in every state, scenario steps and waivers', () => {
    const next = apply(sample(), renameEvent('CALL_IN', 'RING'));
    expect(Object.keys(next.events ?? {})).toEqual(['RING', 'ANSWERED', 'DONE', 'OWNER_GONE']);
    expect(next.events?.RING).toEqual({ description: 'A call arrives' });
    expect(stateAt(next.machine, 'idle')?.on).toEqual({ RING: 'ringing' });
    expect(Object.keys(stateAt(next.machine, 'talking')?.on ?? {})).toEqual(['DONE', 'RING']);
    expect(next.scenarios?.[0].steps[0]).toEqual({ event: 'RING' });
    expect(next.scenarios?.[1].steps[0]).toEqual({ event: 'RING' });
    const renamedWaiver = apply(sample(), renameEvent('DONE', 'FINISHED'));
    expect(renamedWaiver.waivers?.[0].event).toBe('FINISHED');
    // The scenario still runs the same way.
    expect(runScenario(next, next.scenarios![0]).passed).toBe(true);
    expect(analyse(next).cracks.filter((c) => c.rule === 'undeclared-event')).toEqual([]);
  });

  it('renames an event used without being catalogued, merging where the name is handled', () => {
    const process = sample();
    delete process.events?.DONE;
    delete process.events?.CALL_IN;
    const next = apply(process, renameEvent('DONE', 'CALL_IN'));
    // talking already handled CALL_IN: its transitions come first, DONE's after them.
    expect(stateAt(next.machine, 'talking')?.on).toEqual({
      CALL_IN: [{ target: 'talking', guard: { type: 'inHours' } }, 'closed'],
    });
  });

  it('refuses a taken name or a name with spaces', () => {
    expect(refusal(sample(), renameEvent('CALL_IN', 'DONE'))).toMatch(/already an event/);
    expect(refusal(sample(), renameEvent('CALL_IN', 'CALL IN'))).toMatch(/spaces/);
    expect(refusal(sample(), addEvent('DONE'))).toMatch(/already/);
  });

  it('deletes from the catalogue only, or with its transitions', () => {
    const kept = apply(sample(), deleteEvent('CALL_IN'));
    expect(kept.events?.CALL_IN).toBeUndefined();
    expect(stateAt(kept.machine, 'idle')?.on).toEqual({ CALL_IN: 'ringing' });
    expect(analyse(kept).cracks.some((c) => c.rule === 'undeclared-event')).toBe(true);
    const gone = apply(sample(), deleteEvent('CALL_IN', true));
    expect(stateAt(gone.machine, 'idle')?.on).toBeUndefined();
    expect(stateAt(gone.machine, 'talking')?.on).toEqual({ DONE: 'closed' });
    expect(eventUses(sample(), 'CALL_IN')).toBe(2);
    expect(eventUses(sample(), 'ANSWERED')).toBe(2);
    expect(eventUses(gone, 'CALL_IN')).toBe(0);
  });

  it('sets the exception flag and scope, dropping empty lists', () => {
    const next = apply(
      sample(),
      setEvent('DONE', { exception: true, when: { states: [' ringing ', ''], roles: [] } }),
    );
    expect(next.events?.DONE).toEqual({ exception: true, when: { states: ['ringing'] } });
    const cleared = apply(next, setEvent('DONE', { exception: false, when: null }));
    expect(cleared.events?.DONE).toEqual({});
    expect(refusal(sample(), setEvent('DONE', { probability: 2 }))).toMatch(/0 to 1/);
  });
});

describe('conditions', () => {
  it('validates the probability', () => {
    expect(refusal(sample(), setCondition('inHours', { probability: 1.5 }))).toMatch(/0 to 1/);
    expect(refusal(sample(), setCondition('inHours', { probability: -0.1 }))).toMatch(/0 to 1/);
    expect(refusal(sample(), addCondition('x', { probability: 7 }))).toMatch(/0 to 1/);
    const next = apply(sample(), setCondition('inHours', { probability: 0 }));
    expect(next.conditions?.inHours.probability).toBe(0);
    const cleared = apply(sample(), setCondition('inHours', { probability: null, question: 'Q?' }));
    expect(cleared.conditions?.inHours).toEqual({ question: 'Q?' });
  });

  it('renaming a condition renames guards (string and object) and assumptions', () => {
    const next = apply(sample(), renameCondition('inHours', 'open'));
    expect(Object.keys(next.conditions ?? {})).toEqual(['open']);
    const ringing = stateAt(next.machine, 'ringing')?.on?.ANSWERED;
    expect(ringing).toEqual([{ target: 'talking', guard: 'open' }, { target: 'closed' }]);
    expect(stateAt(next.machine, 'talking')?.on?.CALL_IN).toEqual({
      target: 'talking',
      guard: { type: 'open' },
    });
    expect(next.scenarios?.[0].assume).toEqual({ open: true });
    expect(next.scenarios?.[0].steps[2]).toEqual({ assume: { open: true } });
    expect(conditionUses(next, 'open')).toBe(2);
    expect(analyse(next).cracks.filter((c) => c.rule === 'invalid-machine')).toEqual([]);
    expect(runScenario(next, next.scenarios![0]).passed).toBe(true);
  });

  it('refuses to delete a condition still guarding a transition', () => {
    expect(refusal(sample(), deleteCondition('inHours'))).toMatch(/guards 2 transitions/);
    const free = apply(sample(), addCondition('spare'), deleteCondition('spare'));
    expect(Object.keys(free.conditions ?? {})).toEqual(['inHours']);
  });
});

describe('delays', () => {
  it('renaming a delay renames the after keys; an in-use delay cannot be deleted', () => {
    const next = apply(sample(), renameDelay('ring', 'ringTimeout'));
    expect(next.delays).toEqual({ ringTimeout: 30000 });
    expect(stateAt(next.machine, 'ringing')?.after).toEqual({ ringTimeout: 'closed' });
    expect(refusal(sample(), deleteDelay('ring'))).toMatch(/used/);
    expect(refusal(sample(), setDelay('ring', -5))).toMatch(/above 0/);
    expect(refusal(sample(), setDelay('ring', 'soon'))).toMatch(/ISO 8601/);
    expect(refusal(sample(), setDelay('30', 10))).toMatch(/cannot be a number/);
    expect(apply(sample(), setDelay('sla', 'PT2H')).delays?.sla).toBe('PT2H');
  });
});

describe('scenarios and states', () => {
  it('deletes a scenario by id', () => {
    const next = apply(sample(), deleteScenario('answered'));
    expect(next.scenarios?.map((s) => s.id)).toEqual(['other']);
    expect(refusal(sample(), deleteScenario('nope'))).toMatch(/no scenario/);
  });

  it('sets a history depth and a state description', () => {
    const process = sample();
    process.machine.states!.hist = { type: 'history', history: 'shallow' };
    const next = apply(process, setHistoryDepth('hist', 'deep'), setStateDescription('idle', 'x'));
    expect(stateAt(next.machine, 'hist')?.history).toBe('deep');
    expect(stateAt(next.machine, 'idle')?.description).toBe('x');
    expect(refusal(process, setHistoryDepth('idle', 'deep'))).toMatch(/only a history/);
  });
});

describe('transition probability', () => {
  it('sets, checks and clears meta.probability, keeping bare targets bare', () => {
    const ref = { source: 'talking', slot: 'on' as const, key: 'DONE', index: 0 };
    const next = apply(sample(), setTransitionProbability(ref, 0.25));
    expect(stateAt(next.machine, 'talking')?.on?.DONE).toEqual({
      target: 'closed',
      meta: { probability: 0.25 },
    });
    const cleared = apply(next, setTransitionProbability(ref, null));
    expect(stateAt(cleared.machine, 'talking')?.on?.DONE).toBe('closed');
    expect(refusal(sample(), setTransitionProbability(ref, 3))).toMatch(/0 to 1/);
    expect(refusal(sample(), setTransitionProbability({ ...ref, index: 4 }, 0.1))).toMatch(
      /no longer exists/,
    );
  });
});

describe('trying an edit first', () => {
  it('reports the reason without editing, or edits', () => {
    const calls: string[] = [];
    const edit = (_: Recipe, label: string) => calls.push(label);
    expect(tryEdit(sample(), edit, renameRole('agent', 'receptionist'), 'Rename')).toMatch(
      /already/,
    );
    expect(calls).toEqual([]);
    expect(tryEdit(sample(), edit, renameRole('agent', 'callee'), 'Rename')).toBeUndefined();
    expect(calls).toEqual(['Rename']);
    expect(editProblem(sample(), setTitle('x'))).toBeUndefined();
  });
});

describe('field helpers', () => {
  it('reads numbers with bounds and lists', () => {
    expect(readNumber('')).toEqual({ value: undefined });
    expect(readNumber('0.5', { min: 0, max: 1 })).toEqual({ value: 0.5 });
    expect(readNumber('1.5', { min: 0, max: 1 }).error).toMatch(/from 0 to 1/);
    expect(readNumber('abc').error).toMatch(/not a number/);
    expect(readNumber('-1', { min: 0 }).error).toMatch(/0 or more/);
    expect(parseList(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
    expect(durationError({ min: 1, mode: 3, max: 2 })).toMatch(/min ≤ mode ≤ max/);
    expect(durationError({ min: 1, mode: 2, max: 3 })).toBeUndefined();
    expect(msInWords(30000)).toBe('30 s');
    expect(msInWords(5_400_000)).toBe('1 h 30 min');
    expect(uniqueKey({ role: 1, role2: 1 }, 'role')).toBe('role3');
    expect(uniqueKey(undefined, 'EVENT', '_')).toBe('EVENT');
  });
});
