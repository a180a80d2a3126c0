// Cracks: the ways a case can fall through a process (DESIGN.md section 2).

export type Severity = 'error' | 'warning';

export interface Crack {
  rule: RuleId;
  severity: Severity;
  /** The state path the crack is about; absent for the whole machine or an event alone. */
  state?: string;
  event?: string;
  message: string;
  hint: string;
  /** Where in the file to look (a JSON path). */
  path?: string;
}

/** A warning a waiver accepted, with the waiver's reason. */
export interface WaivedCrack extends Crack {
  reason: string;
}

export const RULES = {
  'invalid-machine': 'error',
  'dead-end': 'error',
  'no-way-out': 'error',
  'unhandled-exception': 'error',
  'guard-gap': 'error',
  'always-loop': 'error',
  'unreachable-state': 'warning',
  'wait-forever': 'warning',
  'no-owner': 'warning',
  'shadowed-transition': 'warning',
  'undeclared-event': 'warning',
  'unused-event': 'warning',
  'never-done': 'warning',
  'parallel-never-joins': 'warning',
  'unhandled-failure': 'error',
  'cross-region-transition': 'warning',
  'scenario-failed': 'error',
} as const satisfies Record<string, Severity>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
