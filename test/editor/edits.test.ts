// Edits keep the file whole: what pointed at a renamed, moved or deleted state follows it, and
// every edit can be undone back to the same bytes.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import { parseProcess } from '../../src/core/model/parse';
import { formatProcess } from '../../src/core/model/serialize';
import type { ProcessFile } from '../../src/core/model/types';
import {
  addState,
  addTransition,
  copyStates,
  deleteStates,
  deleteTransition,
  moveState,
  pasteStates,
  renameState,
  setStateType,
  updateTransition,
} from '../../src/editor/state/edits';
import { EditHistory } from '../../src/editor/state/history';
import { stateAt, transitionAt } from '../../src/editor/state/refs';

function load(file: string): ProcessFile {
  const parsed = parseProcess(readFileSync(file, 'utf8'));
  if (!parsed.process) throw new Error(`${file} does not parse`);
  return parsed.process;
}

const nested = (): ProcessFile => ({
  plumb: 1,
  id: 'nested',
  events: { GO: {}, BACK: {}, FAIL: { exception: true, when: { states: ['work.b'] } } },
  machine: {
    id: 'nested',
    initial: 'idle',
    states: {
      idle: { on: { GO: 'work' } },
      work: {
        initial: 'a',
        states: {
          a: { on: { GO: 'b' } },
          b: { on: { GO: '#nested.done', BACK: 'a', FAIL: '#nested.idle' } },
          hist: { type: 'history', target: 'b' },
        },
      },
      done: { type: 'final' },
    },
  },
  scenarios: [
    { id: 's', steps: [{ event: 'GO' }], expect: { state: 'work.a', notIn: ['work.b'] } },
  ],
  waivers: [{ rule: 'no-owner', state: 'work.b', reason: 'test' }],
  layout: { 'work.b': { x: 10, y: 20 }, work: { x: 0, y: 0 } },
});

function errorsOf(process: ProcessFile) {
  return analyse(process).cracks.filter((c) => c.rule === 'invalid-machine');
}

function run(process: ProcessFile, ...recipes: ((d: ProcessFile) => void)[]): ProcessFile {
  const history = new EditHistory(process);
  for (const recipe of recipes) {
    const error = history.apply(recipe, 'edit');
    if (error) throw new Error(error);
  }
  return history.state.process;
}

describe('renaming a state', () => {
  it('takes every reference with it', () => {
    const next = run(nested(), renameState('work.b', 'reviewing'));
    const work = stateAt(next.machine, 'work');
    expect(Object.keys(work?.states ?? {})).toEqual(['a', 'reviewing', 'hist']);
    expect(work?.states?.a.on?.GO).toBe('reviewing');
    expect(work?.states?.hist.target).toBe('reviewing');
    expect(next.layout?.['work.reviewing']).toEqual({ x: 10, y: 20 });
    expect(next.layout?.['work.b']).toBeUndefined();
    expect(next.scenarios?.[0].expect?.notIn).toEqual(['work.reviewing']);
    expect(next.waivers?.[0].state).toBe('work.reviewing');
    expect(next.events?.FAIL.when?.states).toEqual(['work.reviewing']);
    expect(errorsOf(next)).toEqual([]);
  });

  it('updates initial and targets into a renamed compound state', () => {
    const next = run(nested(), renameState('work', 'in progress'), renameState('idle', 'waiting'));
    expect(next.machine.initial).toBe('waiting');
    expect(stateAt(next.machine, 'waiting')?.on?.GO).toBe('in progress');
    expect(next.scenarios?.[0].expect?.state).toBe('in progress.a');
    expect(errorsOf(next)).toEqual([]);
  });

  it('refuses a name already taken, and changes nothing', () => {
    const history = new EditHistory(nested());
    const before = history.state.process;
    expect(history.apply(renameState('idle', 'work'), 'Rename')).toMatch(/already exists/);
    expect(history.state.process).toBe(before);
  });
});

describe('moving a state', () => {
  it('into a compound state keeps the transitions that reach it', () => {
    const next = run(nested(), moveState('idle', 'work', { x: 5, y: 5 }));
    expect(next.machine.initial).toBe('work');
    expect(stateAt(next.machine, 'work.idle')?.on?.GO).toBe('#nested.work');
    expect(stateAt(next.machine, 'work.b')?.on?.FAIL).toBe('idle');
    expect(next.layout?.['work.idle']).toEqual({ x: 5, y: 5 });
    expect(errorsOf(next)).toEqual([]);
  });

  it('out of a compound state', () => {
    const next = run(nested(), moveState('work.a', ''));
    expect(stateAt(next.machine, 'a')?.on?.GO).toBe('work.b');
    expect(stateAt(next.machine, 'work.b')?.on?.BACK).toBe('#nested.a');
    expect(stateAt(next.machine, 'work')?.initial).toBe('b');
    expect(errorsOf(next)).toEqual([]);
  });

  it('refuses to move a state inside itself', () => {
    const history = new EditHistory(nested());
    expect(history.apply(moveState('work', 'work.a'), 'Move')).toMatch(/inside itself/);
  });
});

describe('deleting states', () => {
  it('removes the transitions that targeted them, and their layout', () => {
    const next = run(nested(), deleteStates(['work.b']));
    expect(stateAt(next.machine, 'work.a')?.on).toBeUndefined();
    expect(stateAt(next.machine, 'work.hist')?.target).toBeUndefined();
    expect(next.layout?.['work.b']).toBeUndefined();
    expect(next.waivers).toEqual([]);
    expect(errorsOf(next)).toEqual([]);
  });

  it('moves initial on when the initial state goes', () => {
    const next = run(nested(), deleteStates(['idle']));
    expect(next.machine.initial).toBe('work');
    expect(errorsOf(next)).toEqual([]);
  });
});

describe('transitions', () => {
  it('are drawn with a new event in the catalogue, then edited and deleted', () => {
    let next = run(nested(), addTransition('work.a', 'done'));
    expect(stateAt(next.machine, 'work.a')?.on?.NEXT).toBe('#nested.done');
    expect(next.events?.NEXT).toEqual({});
    let moved: unknown;
    next = run(
      next,
      updateTransition(
        { source: 'work.a', slot: 'on', key: 'NEXT', index: 0 },
        { key: 'CLOSE', guard: 'isPaid', actions: ['notify'] },
        (ref) => {
          moved = ref;
        },
      ),
    );
    expect(moved).toEqual({ source: 'work.a', slot: 'on', key: 'CLOSE', index: 0 });
    expect(
      transitionAt(next.machine, { source: 'work.a', slot: 'on', key: 'CLOSE', index: 0 }),
    ).toEqual({
      target: '#nested.done',
      guard: 'isPaid',
      actions: 'notify',
    });
    expect(next.conditions?.isPaid).toBeDefined();
    // The made-up event of the drawing goes once renamed: it was declared with nothing in it.
    expect(next.events?.NEXT).toBeUndefined();
    expect(next.actions?.notify).toBeDefined();
    next = run(next, deleteTransition({ source: 'work.a', slot: 'on', key: 'CLOSE', index: 0 }));
    expect(stateAt(next.machine, 'work.a')?.on?.CLOSE).toBeUndefined();
    expect(errorsOf(next)).toEqual([]);
  });

  it('adding a missing transition removes the crack (call-routing as-is)', () => {
    const process = load('examples/call-routing/as-is.process.json');
    const cracks = analyse(process).cracks.filter((c) => c.rule === 'unhandled-exception');
    expect(cracks.length).toBeGreaterThan(0);
    const first = cracks[0];
    const state = first.state ?? '';
    const event = first.event ?? '';
    const next = run(process, addTransition(state, process.machine.initial ?? '', event));
    const after = analyse(next).cracks.filter(
      (c) => c.rule === 'unhandled-exception' && c.state === state && c.event === event,
    );
    expect(after).toEqual([]);
  });
});

describe('adding, typing, copying', () => {
  it('adds states of every kind, and a child makes a compound state', () => {
    const next = run(
      nested(),
      addState('', 'review', { x: 1, y: 2 }, 'parallel'),
      addState('', 'closed', undefined, 'final'),
      addState('work', 'back', undefined, 'history'),
      addState('', 'sub', undefined, 'compound'),
    );
    expect(stateAt(next.machine, 'review')?.type).toBe('parallel');
    expect(stateAt(next.machine, 'closed')?.type).toBe('final');
    expect(stateAt(next.machine, 'work.back')?.type).toBe('history');
    expect(stateAt(next.machine, 'sub')?.initial).toBe('start');
    expect(next.layout?.review).toEqual({ x: 1, y: 2 });
    expect(errorsOf(next)).toEqual([]);
  });

  it('a child under an atomic state makes it compound with that child initial', () => {
    const next = run(nested(), addState('idle', 'ringing'));
    expect(stateAt(next.machine, 'idle')?.initial).toBe('ringing');
    expect(errorsOf(next)).toEqual([]);
  });

  it('refuses a child under a final state', () => {
    const history = new EditHistory(nested());
    expect(history.apply(addState('done', 'x'), 'Add')).toMatch(/final state cannot hold/);
  });

  it('turns a compound state parallel and back', () => {
    const next = run(nested(), setStateType('work', 'parallel'), setStateType('work', 'compound'));
    expect(stateAt(next.machine, 'work')?.initial).toBe('a');
  });

  it('copies and pastes states with fresh names and their own transitions', () => {
    const process = nested();
    const clip = copyStates(process, ['work.a', 'work.b']);
    let pasted: string[] = [];
    const next = run(
      process,
      pasteStates('work', clip, (paths) => {
        pasted = paths;
      }),
    );
    expect(pasted).toEqual(['work.a 2', 'work.b 2']);
    expect(stateAt(next.machine, 'work.a 2')?.on?.GO).toBe('b 2');
    expect(errorsOf(next)).toEqual([]);
  });
});

describe('undo and redo', () => {
  it('give back the same bytes for every example', () => {
    for (const file of [
      'examples/call-routing/as-is.process.json',
      'examples/support-escalation/to-be.process.json',
      'examples/lead-assignment/to-be.process.json',
    ]) {
      const process = load(file);
      const history = new EditHistory(process);
      const original = formatProcess(process);
      const first = Object.keys(process.machine.states ?? {})[0];
      history.apply(renameState(first, 'renamed first'), 'Rename');
      history.apply(addState('', 'extra', { x: 0, y: 0 }), 'Add');
      history.apply(deleteStates(['extra']), 'Delete');
      const edited = formatProcess(history.state.process);
      expect(edited).not.toBe(original);
      expect(history.state.undoLabel).toBe('Delete');
      while (history.undo());
      expect(formatProcess(history.state.process)).toBe(original);
      while (history.redo());
      expect(formatProcess(history.state.process)).toBe(edited);
    }
  });

  it('a new edit clears redo', () => {
    const history = new EditHistory(nested());
    history.apply(addState('', 'x'), 'Add x');
    history.undo();
    expect(history.state.redoLabel).toBe('Add x');
    history.apply(addState('', 'y'), 'Add y');
    expect(history.state.redoLabel).toBeUndefined();
  });
});

describe('a state called __proto__', () => {
  it('gets its own layout box, laid out, moved and drawn with real numbers', async () => {
    const { layoutProcess } = await import('../../src/editor/layout/layoutClient');
    const { toFlow } = await import('../../src/editor/canvas/toFlow');
    const { replaceLayout, setLayout } = await import('../../src/editor/state/edits');
    const process: ProcessFile = {
      plumb: 1,
      id: 'proto',
      events: { GO: {} },
      machine: {
        id: 'proto',
        initial: 'a',
        states: { a: { on: { GO: '__proto__' } }, ['__proto__']: { type: 'final' } },
      },
    };
    const boxes = await layoutProcess(process);
    expect(Object.hasOwn(boxes, '__proto__')).toBe(true);
    let next = run(process, replaceLayout(boxes));
    expect(Object.hasOwn(next.layout ?? {}, '__proto__')).toBe(true);
    next = run(next, setLayout('__proto__', { x: 500, y: 7 }));
    expect(Object.getPrototypeOf(next.layout)).toBe(Object.prototype);
    expect(Object.hasOwn(next.layout ?? {}, '__proto__')).toBe(true);
    const saved = JSON.parse(formatProcess(next)).layout;
    expect(Object.getOwnPropertyDescriptor(saved, '__proto__')?.value).toEqual({ x: 500, y: 7 });
    const { nodes } = toFlow(next, next.layout ?? {}, [], {});
    for (const node of nodes) {
      expect(Number.isFinite(node.position.x), node.id).toBe(true);
      expect(Number.isFinite(node.position.y), node.id).toBe(true);
    }
  });
});
