// Simulate mode's pure parts: a walk through the call-routing as-is saved as a scenario that the
// core's runner passes, the words the panel uses, and the panel's first render.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseProcess, validateProcess } from '../../src/core/model/parse';
import type { ProcessFile } from '../../src/core/model/types';
import { runScenario } from '../../src/core/simulation/scenario';
import { SimulatorSession } from '../../src/core/simulation/session';
import {
  droppedText,
  entryText,
  formatDue,
  formatDuration,
  slug,
} from '../../src/editor/simulate/format';
import { SimulatePanel } from '../../src/editor/simulate/SimulatePanel';
import {
  expectationOf,
  scenarioFromSession,
  scenarioIdProblem,
  scenarioSteps,
  suggestScenarioId,
  suggestScenarioTitle,
  walkProblem,
} from '../../src/editor/simulate/scenarioFromSession';
import { stepsToKeep } from '../../src/editor/simulate/useSimulation';

function example(stage: 'as-is' | 'to-be'): ProcessFile {
  const file = resolve(import.meta.dirname, `../../examples/call-routing/${stage}.process.json`);
  const parsed = parseProcess(readFileSync(file, 'utf8')).process;
  if (!parsed) throw new Error(`the ${stage} example does not parse`);
  return parsed;
}

/** The walk of issue 4: a call in business hours, forwarded, voicemail, the mailbox full. */
function voicemailFullWalk(process: ProcessFile): SimulatorSession {
  const session = new SimulatorSession(process);
  const callIn = session.view().events.find((e) => e.type === 'CALL_IN');
  expect(callIn?.questions).toEqual([
    { guard: 'inBusinessHours', question: 'Does the call arrive within business hours?' },
  ]);
  session.send('CALL_IN', { inBusinessHours: true });
  session.send('ANSWERED');
  session.send('FORWARDED');
  expect(session.view().nextTimerIn).toBe(30000);
  session.advanceToNextTimer();
  expect(session.view().states).toEqual(['voicemail']);
  session.send('VOICEMAIL_FULL');
  return session;
}

describe('a simulated walk saved as a scenario', () => {
  it('records the steps taken, with the answers given and the time waited', () => {
    const session = voicemailFullWalk(example('as-is'));
    expect(scenarioSteps(session.history())).toEqual([
      { assume: { inBusinessHours: true } },
      { event: 'CALL_IN' },
      { event: 'ANSWERED' },
      { event: 'FORWARDED' },
      { wait: 30000 },
      { event: 'VOICEMAIL_FULL' },
    ]);
  });

  it('says that the exception was dropped, and where', () => {
    const view = voicemailFullWalk(example('as-is')).view();
    const last = view.timeline.at(-1);
    expect(last && droppedText(last)).toBe('dropped: nobody handles VOICEMAIL_FULL in voicemail');
    expect(last && entryText(last)).toBe('dropped: nobody handles VOICEMAIL_FULL in voicemail');
    const timer = view.timeline.find((e) => e.event === 'time passes');
    expect(timer && entryText(timer)).toBe('time passes: extension → voicemail');
    expect(timer && droppedText(timer)).toBeUndefined();
  });

  it('expects where the case ended; every event handled only when none was dropped', () => {
    const process = example('as-is');
    const session = voicemailFullWalk(process);
    const scenario = scenarioFromSession(session.history(), session.view(), {
      id: ' mailbox-full ',
      title: ' The mailbox is full ',
    });
    expect(scenario).toMatchObject({
      id: 'mailbox-full',
      title: 'The mailbox is full',
      expect: { state: 'voicemail' },
    });
    expect(scenario.expect?.handled).toBeUndefined();
    const result = runScenario(process, scenario);
    expect(result.message).toBeUndefined();
    expect(result.passed).toBe(true);
    expect(result.dropped).toEqual([{ step: 5, event: 'VOICEMAIL_FULL', state: 'voicemail' }]);
    // The saved scenario has the shape the schema asks for.
    const saved = { ...process, scenarios: [...(process.scenarios ?? []), scenario] };
    expect(validateProcess(JSON.parse(JSON.stringify(saved))).problems).toEqual([]);
  });

  it('expects done, the final state and every event handled for a finished walk', () => {
    const process = example('as-is');
    const session = new SimulatorSession(process);
    session.send('CALL_IN', { inBusinessHours: false });
    session.advance(60_000);
    session.send('HUNG_UP');
    const view = session.view();
    expect(view.status).toBe('done');
    expect(expectationOf(view)).toEqual({ state: 'abandoned', done: true, handled: true });
    const scenario = scenarioFromSession(session.history(), view, {
      id: 'after-hours',
      title: 'A call after hours',
    });
    expect(scenario.steps).toEqual([
      { assume: { inBusinessHours: false } },
      { event: 'CALL_IN' },
      { wait: 60_000 },
      { event: 'HUNG_UP' },
    ]);
    expect(runScenario(process, scenario).passed).toBe(true);
  });

  it('runs every walk the same way again, to-be included, with exceptions out of scope', () => {
    const process = example('to-be');
    const session = new SimulatorSession(process);
    const exceptions = Object.keys(process.events ?? {}).filter(
      (t) => process.events?.[t].exception,
    );
    // Answer yes to each question, take the first event, inject every exception: 12 steps.
    for (let i = 0; i < 12 && session.view().status === 'active'; i++) {
      const view = session.view();
      if (i % 3 === 2) session.send(exceptions[i % exceptions.length]);
      else if (view.events.length) {
        const [event] = view.events;
        session.send(event.type, Object.fromEntries(event.questions.map((q) => [q.guard, true])));
      } else session.advanceToNextTimer();
    }
    const scenario = scenarioFromSession(session.history(), session.view(), {
      id: 'mixed',
      title: 'A mixed walk',
    });
    const result = runScenario(process, scenario);
    expect(result.message).toBeUndefined();
    expect(result.passed).toBe(true);
  });

  it('adds up waits in a row, merges answers in a row and keeps event data', () => {
    expect(
      scenarioSteps([
        { kind: 'wait', ms: 1000 },
        { kind: 'wait', ms: 2000 },
        { kind: 'assume', answers: { a: true } },
        { kind: 'send', event: { type: 'GO', amount: 3 }, answers: { b: false } },
        { kind: 'send', event: { type: 'STOP' }, answers: {} },
      ]),
    ).toEqual([
      { wait: 3000 },
      { assume: { a: true, b: false } },
      { event: 'GO', data: { amount: 3 } },
      { event: 'STOP' },
    ]);
  });

  it('asks for an id no other scenario has, and suggests one', () => {
    const process = example('as-is');
    expect(scenarioIdProblem('', process)).toBe('Give the scenario an id');
    expect(scenarioIdProblem('voicemail-full', process)).toBe(
      'A scenario "voicemail-full" exists already',
    );
    expect(scenarioIdProblem('new-one', process)).toBeUndefined();
    const session = voicemailFullWalk(process);
    expect(suggestScenarioId(session.history(), process)).toBe('voicemail-full-2');
    expect(suggestScenarioId([], process)).toBe('walk');
    expect(suggestScenarioTitle(session.history())).toBe(
      'Simulated: CALL_IN, ANSWERED, FORWARDED, then VOICEMAIL_FULL',
    );
    expect(walkProblem([], session.view())).toBe('Take a step first');
    expect(walkProblem(session.history(), session.view())).toBeUndefined();
  });
});

describe('going back along the timeline', () => {
  it('keeps the fewest steps that reach a timeline entry', () => {
    // Steps: send (entry 0), assume (none), wait firing two timers (entries 1, 2), send (entry 3).
    const marks = [1, 1, 3, 4];
    expect(stepsToKeep(marks, 0)).toBe(1);
    expect(stepsToKeep(marks, 1)).toBe(3);
    expect(stepsToKeep(marks, 2)).toBe(3);
    expect(stepsToKeep(marks, 3)).toBe(4);
    expect(stepsToKeep(marks, 9)).toBe(4);
  });
});

describe('durations in words', () => {
  it('says a duration in its two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(150_000)).toBe('2 min 30 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(3_600_000 + 30_000)).toBe('1 h');
    expect(formatDuration(3 * 86_400_000)).toBe('3 days');
    expect(formatDuration(86_400_000 + 2 * 3_600_000 + 60_000)).toBe('1 day 2 h');
    expect(formatDuration(59_999.6)).toBe('1 min');
  });

  it('says when the next timer falls due', () => {
    expect(formatDue(30_000)).toBe('after 30 s');
    expect(formatDue(0)).toBe('now');
  });

  it('makes ids of event names', () => {
    expect(slug('VOICEMAIL_FULL')).toBe('voicemail-full');
    expect(slug('ownerGone')).toBe('owner-gone');
  });
});

describe('the panel', () => {
  it('shows where the case starts, its events and every exception, with stable test ids', () => {
    const html = renderToStaticMarkup(
      createElement(SimulatePanel, {
        process: example('as-is'),
        onActiveStates: () => {},
        onSaveScenario: () => {},
        onClose: () => {},
      }),
    );
    for (const id of [
      'simulate-panel',
      'sim-states',
      'sim-event-CALL_IN',
      'sim-exception-VOICEMAIL_FULL',
      'sim-exception-WRONG_PERSON',
      'sim-next-timer',
      'sim-timeline',
      'sim-back',
      'sim-restart',
      'sim-save-scenario',
    ])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('>idle<');
    expect(html).toMatch(/data-testid="sim-next-timer"[^>]*disabled/);
  });
});

describe('the automations running in a configuration', () => {
  it('lists the services invoked by the active states and the states around them', async () => {
    const { runningServices } = await import('../../src/editor/simulate/ServiceControls');
    const process = JSON.parse(
      readFileSync('examples/support-escalation/to-be.process.json', 'utf8'),
    );
    expect(runningServices(process, ['logging'])).toEqual(['createTicket']);
    expect(runningServices(process, ['idle'])).toEqual([]);
  });
});
