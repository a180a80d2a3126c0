// process → XState JSON → process keeps the machine exactly: the export writes the machine config
// as it is, the import takes it as it is and infers the catalogues from what the machine names.
//
// A bare machine config (what `createMachine` takes) has no place for the rest of the file, so the
// catalogues come back as names only: events, conditions (a placeholder question and 50%),
// actions, services, delays (a placeholder length of one minute) and roles (a title made from the
// name), and only those the machine uses. Descriptions, questions, probabilities, delay lengths,
// role costs, scenarios, waivers and layout stay behind: the SCXML export keeps them.

import { describe, expect, it } from 'vitest';
import { exportXStateJson } from '../../src/core/export';
import { referencesOf } from '../../src/core/export/text';
import { importXStateJson, PLACEHOLDER_DELAY } from '../../src/core/import';
import { buildStateTree } from '../../src/core/model/tree';
import type { ProcessFile } from '../../src/core/model/types';
import { roundTripProcesses } from './processes';

function rolesOf(process: ProcessFile): string[] {
  const roles = new Set<string>();
  for (const node of buildStateTree(process.machine).nodes) {
    const role = node.config.meta?.role;
    if (typeof role === 'string' && role) roles.add(role);
  }
  return [...roles].sort();
}

const sortedKeys = (value: object | undefined) => Object.keys(value ?? {}).sort();

describe.each(roundTripProcesses())('%s: process → XState JSON → process', (_name, process) => {
  const { process: back } = importXStateJson(exportXStateJson(process));
  const used = referencesOf(buildStateTree(process.machine));

  it('keeps the machine exactly, key order included', () => {
    expect(back.machine).toEqual(process.machine);
    expect(JSON.stringify(back.machine)).toBe(JSON.stringify(process.machine));
  });

  it('keeps the names of the guards, actions, services and delays, and the roles', () => {
    expect(sortedKeys(back.conditions)).toEqual([...used.guards].sort());
    expect(sortedKeys(back.actions)).toEqual([...used.actions].sort());
    expect(sortedKeys(back.services)).toEqual([...used.services].sort());
    expect(sortedKeys(back.delays)).toEqual([...used.delays].sort());
    expect(sortedKeys(back.roles)).toEqual(rolesOf(process));
    for (const event of used.events) expect(back.events).toHaveProperty([event]);
  });

  it('cannot carry what a bare machine config has no place for: catalogue descriptions, questions, probabilities, delay lengths, role costs, scenarios, waivers, layout', () => {
    expect(back.scenarios).toBeUndefined();
    expect(back.waivers).toBeUndefined();
    expect(back.layout).toBeUndefined();
    for (const name of used.delays) expect(back.delays?.[name]).toEqual(PLACEHOLDER_DELAY);
    for (const name of used.guards)
      expect(back.conditions?.[name]).toEqual({ question: `${name}?`, probability: 0.5 });
    for (const role of Object.values(back.roles ?? {}))
      expect(role).not.toHaveProperty('costPerHour');
  });
});
