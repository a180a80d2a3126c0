// unused-event: a catalogued event is handled nowhere.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis/analyse';
import type { MachineConfig } from '../../src/core/model/types';
import { brief, proc, rulesOf } from '../helpers';

const analysed = (machine: MachineConfig, events: string[], exceptions = {}) =>
  analyse(proc({ machine, events, exceptions }));

describe('unused-event', () => {
  it('fires for a catalogued event no state reacts to, without a state', () => {
    const a = analysed({ initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } }, [
      'GO',
      'CALLED_BACK',
    ]);
    const cracks = rulesOf(a, 'unused-event');
    expect(cracks.map(brief)).toEqual([
      { rule: 'unused-event', severity: 'warning', event: 'CALLED_BACK' },
    ]);
    expect(cracks[0].state).toBeUndefined();
  });

  it('fires for an exception nobody handles, saying the case is dropped', () => {
    const a = analysed(
      { initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } },
      ['GO'],
      { VOICEMAIL_FULL: { states: ['a'] } },
    );
    const cracks = rulesOf(a, 'unused-event');
    expect(cracks.map((c) => c.event)).toEqual(['VOICEMAIL_FULL']);
    expect(cracks[0].message).toContain('dropped');
  });

  it('stays silent for events handled anywhere, by name or by wildcard', () => {
    const a = analysed(
      {
        initial: 'a',
        states: {
          a: { on: { GO: 'b', 'order.*': 'b' } },
          orphan: { on: { LATE: 'b' } },
          b: { type: 'final' },
        },
      },
      ['GO', 'LATE', 'order.placed', 'order.cancelled'],
    );
    expect(rulesOf(a, 'unused-event')).toEqual([]);
  });
});
