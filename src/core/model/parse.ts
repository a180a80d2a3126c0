// Reading a process file: JSON syntax, then the shape of DESIGN.md section 1, every problem at once.

import { joinPath, lineColumn } from './jsonPath';
import { parseKeepingKeyOrder } from './keyOrder';
import type { Problem, ProcessFile } from './types';

export interface ParseResult {
  /** The process, when the file has the shape of one (it may still hold a broken machine). */
  process?: ProcessFile;
  problems: Problem[];
}

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TOP_LEVEL_KEYS = new Set([
  '$schema',
  'plumb',
  'id',
  'title',
  'stage',
  'description',
  'roles',
  'events',
  'conditions',
  'actions',
  'services',
  'delays',
  'machine',
  'scenarios',
  'waivers',
  'layout',
  'approval',
]);

/** Parses JSON text, turning a syntax error into a problem with line and column. */
export function parseJson(text: string): { value?: unknown; problems: Problem[] } {
  // Editors on Windows often start a UTF-8 file with a byte-order mark: it is not content.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { value: parseKeepingKeyOrder(text), problems: [] };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(raw);
    const offset = position ? Number(position[1]) : findSyntaxErrorOffset(text);
    const { line, column } = lineColumn(text, offset);
    const what = raw
      .replace(/\s*in JSON at position \d+.*$/, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    return {
      problems: [
        {
          path: '',
          line,
          column,
          message: text.trim() === '' ? 'the file is empty' : `not valid JSON: ${what}`,
        },
      ],
    };
  }
}

/**
 * Where JSON text stops being valid, when the engine's message gives no position (Node 20 gives
 * none): a scan of the JSON grammar that stops at the first character that cannot be there.
 */
export function findSyntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (char: string) => {
    if (text[i] !== char) fail();
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (/[0-9a-fA-F]/.test(text[i + k] ?? '')) continue;
            i += k;
            fail();
          }
          i += 4;
        } else if (i >= text.length || !'"\\/bfnrt'.includes(text[i])) fail();
      }
      i++;
    }
    expect('"');
  };
  const digits = () => {
    const start = i;
    while (/[0-9]/.test(text[i] ?? '')) i++;
    if (i === start) fail();
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const object = () => {
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      space();
      string();
      space();
      expect(':');
      value();
      space();
      if (text[i] !== ',') break;
      i++;
    }
    expect('}');
  };
  const array = () => {
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      space();
      if (text[i] !== ',') break;
      i++;
    }
    expect(']');
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') object();
    else if (char === '[') array();
    else if (char === '"') string();
    else if (char === '-' || /[0-9]/.test(char ?? '')) number();
    else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (!word) fail();
      else i += word.length;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return text.length;
  } catch (offset) {
    return typeof offset === 'number' ? offset : text.length;
  }
}

/** Reads a process file's text: every problem with its JSON path, and the process when usable. */
export function parseProcess(text: string): ParseResult {
  const json = parseJson(text);
  if (json.problems.length > 0) return { problems: json.problems };
  return validateProcess(json.value);
}

/** Checks that a parsed JSON value has the shape of a process file. */
export function validateProcess(value: unknown): ParseResult {
  const problems: Problem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(value)) {
    report('', 'a process file is a JSON object with "plumb": 1 and a "machine"');
    return { problems };
  }
  if (value.plumb !== 1) {
    report(
      'plumb',
      value.plumb === undefined
        ? 'missing "plumb": 1 (this does not look like a Plumb process file)'
        : `"plumb" must be 1, the format version, not ${JSON.stringify(value.plumb)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.has(key) && !key.startsWith('x-')) {
      report(joinPath('', key), `unknown field "${key}" (extensions start with "x-")`);
    }
  }
  expectString(value, 'id', report, true);
  for (const key of ['title', 'stage', 'description', '$schema']) expectString(value, key, report);

  checkMap(value, 'roles', report, (role, path) => {
    expectString(role, 'title', report, false, path);
    expectNumber(role, 'costPerHour', report, path, 0);
  });
  checkMap(value, 'events', report, (event, path) => {
    expectString(event, 'description', report, false, path);
    expectBoolean(event, 'exception', report, path);
    expectNumber(event, 'probability', report, path, 0, 1);
    if (event.when !== undefined) {
      const whenPath = joinPath(path, 'when');
      if (!isObject(event.when))
        report(whenPath, '"when" must be an object with "states" and/or "roles"');
      else {
        expectStringList(event.when, 'states', report, whenPath);
        expectStringList(event.when, 'roles', report, whenPath);
      }
    }
  });
  checkMap(value, 'conditions', report, (condition, path) => {
    expectString(condition, 'question', report, false, path);
    expectNumber(condition, 'probability', report, path, 0, 1);
  });
  checkMap(value, 'actions', report, (action, path) => {
    expectString(action, 'description', report, false, path);
  });
  checkMap(value, 'services', report, (service, path) => {
    expectString(service, 'description', report, false, path);
    expectNumber(service, 'failureProbability', report, path, 0, 1);
  });
  if (value.delays !== undefined) {
    if (!isObject(value.delays)) report('delays', '"delays" must be an object of delay names');
    else {
      for (const [name, delay] of Object.entries(value.delays)) {
        const path = joinPath('delays', name);
        const ok =
          (typeof delay === 'number' && delay >= 0) ||
          (typeof delay === 'string' && parseIsoDuration(delay) !== undefined) ||
          (isObject(delay) &&
            ((typeof delay.ms === 'number' && delay.ms >= 0) ||
              (typeof delay.duration === 'string' &&
                parseIsoDuration(delay.duration) !== undefined)));
        if (!ok)
          report(
            path,
            'a delay is milliseconds, { "ms": n } or an ISO 8601 duration such as "PT2H"',
          );
      }
    }
  }

  if (value.machine === undefined)
    report('machine', 'missing "machine": the XState machine config');
  else if (!isObject(value.machine))
    report('machine', '"machine" must be an object (an XState machine config)');
  else checkStateShape(value.machine, 'machine', report, 0);

  checkScenarios(value, report);
  checkWaivers(value, report);
  if (value.layout !== undefined) {
    if (!isObject(value.layout)) report('layout', '"layout" maps state paths to { "x", "y" }');
    else
      for (const [state, position] of Object.entries(value.layout)) {
        const path = joinPath('layout', state);
        if (!isObject(position) || typeof position.x !== 'number' || typeof position.y !== 'number')
          report(path, 'a layout entry is { "x": number, "y": number }');
      }
  }
  if (value.approval !== undefined && value.approval !== null && !isObject(value.approval)) {
    report('approval', '"approval" is null or { by, at, hash, report }');
  }
  return problems.length > 0
    ? { problems }
    : { process: value as unknown as ProcessFile, problems };
}

type Report = (path: string, message: string) => void;

function expectString(obj: Obj, key: string, report: Report, required = false, base = ''): void {
  const value = obj[key];
  if (value === undefined) {
    if (required) report(joinPath(base, key), `missing "${key}"`);
  } else if (typeof value !== 'string' || (required && value === '')) {
    report(joinPath(base, key), `"${key}" must be a${required ? ' non-empty' : ''} string`);
  }
}

function expectNumber(
  obj: Obj,
  key: string,
  report: Report,
  base: string,
  min?: number,
  max?: number,
): void {
  const value = obj[key];
  if (value === undefined) return;
  const path = joinPath(base, key);
  if (typeof value !== 'number' || !Number.isFinite(value))
    report(path, `"${key}" must be a number`);
  else if ((min !== undefined && value < min) || (max !== undefined && value > max))
    report(path, `"${key}" must be between ${min ?? '-∞'} and ${max ?? '∞'}, not ${value}`);
}

function expectBoolean(obj: Obj, key: string, report: Report, base: string): void {
  if (obj[key] !== undefined && typeof obj[key] !== 'boolean')
    report(joinPath(base, key), `"${key}" must be true or false`);
}

function expectStringList(obj: Obj, key: string, report: Report, base: string): void {
  const value = obj[key];
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    report(joinPath(base, key), `"${key}" must be a list of strings`);
}

function checkMap(
  obj: Obj,
  key: string,
  report: Report,
  each: (entry: Obj, path: string) => void,
): void {
  const map = obj[key];
  if (map === undefined) return;
  if (!isObject(map)) {
    report(key, `"${key}" must be an object keyed by name`);
    return;
  }
  for (const [name, entry] of Object.entries(map)) {
    const path = joinPath(key, name);
    if (!isObject(entry)) report(path, `"${name}" must be an object`);
    else each(entry, path);
  }
}

const STATE_TYPES = new Set(['atomic', 'compound', 'parallel', 'final', 'history']);
const MAX_DEPTH = 200;

/** The JSON shape of a state node; meaning (targets, names) is the analyser's `invalid-machine`. */
function checkStateShape(state: Obj, path: string, report: Report, depth: number): void {
  if (depth > MAX_DEPTH) {
    report(path, `states are nested more than ${MAX_DEPTH} deep`);
    return;
  }
  if (state.type !== undefined && !STATE_TYPES.has(state.type as string))
    report(joinPath(path, 'type'), `"type" must be one of ${[...STATE_TYPES].join(', ')}`);
  for (const key of ['id', 'initial', 'description'])
    if (state[key] !== undefined && typeof state[key] !== 'string')
      report(joinPath(path, key), `"${key}" must be a string`);
  if (state.meta !== undefined) {
    const metaPath = joinPath(path, 'meta');
    if (!isObject(state.meta)) report(metaPath, '"meta" must be an object');
    else {
      const meta = state.meta;
      if (meta.role !== undefined && typeof meta.role !== 'string')
        report(joinPath(metaPath, 'role'), '"role" must be a role name');
      if (meta.duration !== undefined)
        checkDuration(meta.duration, joinPath(metaPath, 'duration'), report);
      expectBoolean(meta, 'valueAdded', report, metaPath);
      expectBoolean(meta, 'waits', report, metaPath);
    }
  }
  for (const key of ['entry', 'exit'])
    if (state[key] !== undefined) checkActions(state[key], joinPath(path, key), report);
  if (state.history !== undefined && state.history !== 'shallow' && state.history !== 'deep')
    report(joinPath(path, 'history'), '"history" is "shallow" or "deep"');
  if (state.target !== undefined && typeof state.target !== 'string')
    report(joinPath(path, 'target'), 'a history state\'s "target" is a state path');
  for (const key of ['on', 'after']) {
    const map = state[key];
    if (map === undefined) continue;
    if (!isObject(map)) report(joinPath(path, key), `"${key}" must be an object`);
    else
      for (const [name, transitions] of Object.entries(map))
        checkTransitions(transitions, joinPath(joinPath(path, key), name), report);
  }
  for (const key of ['always', 'onDone'])
    if (state[key] !== undefined) checkTransitions(state[key], joinPath(path, key), report);
  if (state.invoke !== undefined) {
    const invokes = Array.isArray(state.invoke) ? state.invoke : [state.invoke];
    invokes.forEach((invoke, i) => {
      const invokePath = Array.isArray(state.invoke)
        ? joinPath(joinPath(path, 'invoke'), i)
        : joinPath(path, 'invoke');
      if (!isObject(invoke) || typeof invoke.src !== 'string')
        report(
          invokePath,
          'an invoke names its service: { "src": "serviceName", "onDone", "onError" }',
        );
      else
        for (const key of ['onDone', 'onError'])
          if (invoke[key] !== undefined)
            checkTransitions(invoke[key], joinPath(invokePath, key), report);
    });
  }
  if (state.states !== undefined) {
    if (!isObject(state.states))
      report(joinPath(path, 'states'), '"states" must be an object of child states');
    else
      for (const [key, child] of Object.entries(state.states)) {
        const childPath = joinPath(joinPath(path, 'states'), key);
        if (!isObject(child)) report(childPath, 'a state must be an object');
        else checkStateShape(child, childPath, report, depth + 1);
      }
  }
}

function checkDuration(duration: unknown, path: string, report: Report): void {
  if (typeof duration === 'number') {
    if (duration < 0) report(path, 'a duration cannot be negative');
    return;
  }
  if (
    !isObject(duration) ||
    typeof duration.min !== 'number' ||
    typeof duration.mode !== 'number' ||
    typeof duration.max !== 'number'
  ) {
    report(path, 'a duration is minutes, or { "min", "mode", "max" } in minutes');
    return;
  }
  if (!(duration.min <= duration.mode && duration.mode <= duration.max) || duration.min < 0)
    report(
      path,
      `a duration needs 0 <= min <= mode <= max (got ${duration.min}, ${duration.mode}, ${duration.max})`,
    );
}

function checkTransitions(value: unknown, path: string, report: Report): void {
  const list = Array.isArray(value) ? value : [value];
  list.forEach((transition, i) => {
    const itemPath = Array.isArray(value) ? joinPath(path, i) : path;
    if (typeof transition === 'string') return;
    if (!isObject(transition)) {
      report(itemPath, 'a transition is a target string or { "target", "guard", "actions" }');
      return;
    }
    const target = transition.target;
    if (
      target !== undefined &&
      typeof target !== 'string' &&
      !(Array.isArray(target) && target.every((t) => typeof t === 'string'))
    )
      report(joinPath(itemPath, 'target'), '"target" must be a state or a list of states');
    const guard = transition.guard;
    if (
      guard !== undefined &&
      typeof guard !== 'string' &&
      !(isObject(guard) && typeof guard.type === 'string')
    )
      report(
        joinPath(itemPath, 'guard'),
        'a guard is a condition name or { "type": name, "params" }',
      );
    if (transition.actions !== undefined)
      checkActions(transition.actions, joinPath(itemPath, 'actions'), report);
    if (transition.cond !== undefined)
      report(joinPath(itemPath, 'cond'), '"cond" is XState v4; XState v5 calls it "guard"');
  });
}

function checkActions(value: unknown, path: string, report: Report): void {
  const isRef = (ref: unknown) =>
    typeof ref === 'string' || (isObject(ref) && typeof ref.type === 'string');
  if (Array.isArray(value)) {
    value.forEach((ref, i) => {
      if (!isRef(ref))
        report(
          joinPath(path, i),
          'an action is a declared action name or { "type": name, "params" }',
        );
    });
  } else if (!isRef(value))
    report(
      path,
      'actions are a declared action name, { "type": name, "params" }, or a list of them',
    );
}

function checkScenarios(value: Obj, report: Report): void {
  const scenarios = value.scenarios;
  if (scenarios === undefined) return;
  if (!Array.isArray(scenarios)) {
    report('scenarios', '"scenarios" must be a list');
    return;
  }
  const seen = new Set<string>();
  scenarios.forEach((scenario, i) => {
    const path = joinPath('scenarios', i);
    if (!isObject(scenario)) {
      report(path, 'a scenario is { "id", "steps", "expect" }');
      return;
    }
    expectString(scenario, 'id', report, true, path);
    if (typeof scenario.id === 'string') {
      if (seen.has(scenario.id))
        report(joinPath(path, 'id'), `scenario id "${scenario.id}" is used twice`);
      seen.add(scenario.id);
    }
    expectString(scenario, 'title', report, false, path);
    if (!Array.isArray(scenario.steps)) report(joinPath(path, 'steps'), '"steps" must be a list');
    else
      scenario.steps.forEach((step, j) => {
        const stepPath = joinPath(joinPath(path, 'steps'), j);
        if (isObject(step) && typeof step.event === 'string') {
          if (step.data !== undefined && !isObject(step.data))
            report(joinPath(stepPath, 'data'), '"data" must be an object');
        } else if (isObject(step) && typeof step.wait === 'number' && step.wait >= 0) {
          // a wait on the virtual clock
        } else if (isObject(step) && isObject(step.assume)) {
          checkAssume(step.assume, joinPath(stepPath, 'assume'), report);
        } else {
          report(
            stepPath,
            'a step is { "event": "NAME" }, { "wait": milliseconds } or { "assume": { guard: true } }',
          );
        }
      });
    if (scenario.assume !== undefined) {
      if (!isObject(scenario.assume))
        report(joinPath(path, 'assume'), '"assume" maps condition names to true or false');
      else checkAssume(scenario.assume, joinPath(path, 'assume'), report);
    }
    if (scenario.expect !== undefined) {
      const expectPath = joinPath(path, 'expect');
      if (!isObject(scenario.expect))
        report(expectPath, '"expect" is { "state", "done", "notIn", "handled" }');
      else {
        const expect = scenario.expect;
        expectString(expect, 'state', report, false, expectPath);
        expectBoolean(expect, 'done', report, expectPath);
        expectBoolean(expect, 'handled', report, expectPath);
        expectStringList(expect, 'notIn', report, expectPath);
        for (const key of Object.keys(expect))
          if (!['state', 'done', 'notIn', 'handled'].includes(key))
            report(
              joinPath(expectPath, key),
              `unknown expectation "${key}" (use state, done, notIn or handled)`,
            );
      }
    }
  });
}

function checkAssume(assume: Obj, path: string, report: Report): void {
  for (const [name, answer] of Object.entries(assume))
    if (typeof answer !== 'boolean')
      report(joinPath(path, name), `the answer for "${name}" must be true or false`);
}

function checkWaivers(value: Obj, report: Report): void {
  const waivers = value.waivers;
  if (waivers === undefined) return;
  if (!Array.isArray(waivers)) {
    report('waivers', '"waivers" must be a list');
    return;
  }
  waivers.forEach((waiver, i) => {
    const path = joinPath('waivers', i);
    if (!isObject(waiver)) {
      report(path, 'a waiver is { "rule", "state"?, "event"?, "reason" }');
      return;
    }
    expectString(waiver, 'rule', report, true, path);
    expectString(waiver, 'reason', report, true, path);
    expectString(waiver, 'state', report, false, path);
    expectString(waiver, 'event', report, false, path);
  });
}

/** Milliseconds of an ISO 8601 duration (`PT2H`, `P1DT30M`, `PT2W` read as weeks), or undefined. */
export function parseIsoDuration(text: string): number | undefined {
  const match =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text.replace(/^PT(\d+(?:\.\d+)?)W$/, 'P$1W'),
    );
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const days = y * 365 + mo * 30 + w * 7 + d;
  return Math.round(((days * 24 + h) * 60 + mi) * 60_000 + s * 1000);
}
