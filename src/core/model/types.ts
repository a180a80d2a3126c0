// The process file (DESIGN.md section 1): types only.

/** A JSON value as read from a process file. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Role {
  title?: string;
  costPerHour?: number;
  description?: string;
}

export interface ExceptionScope {
  states?: string[];
  roles?: string[];
}

export interface EventDef {
  description?: string;
  exception?: boolean;
  when?: ExceptionScope;
  /** For exceptions in Monte Carlo runs: the chance per step that it happens. */
  probability?: number;
}

export interface ConditionDef {
  question?: string;
  probability?: number;
}

export interface ActionDef {
  description?: string;
}

export interface ServiceDef {
  description?: string;
  failureProbability?: number;
}

export type DelayDef = number | string | { ms?: number; duration?: string };

/** A triangular distribution in minutes, or a fixed number of minutes. */
export type Duration = number | { min: number; mode: number; max: number };

export interface StateMeta {
  role?: string;
  duration?: Duration;
  valueAdded?: boolean;
  waits?: boolean;
  notes?: string;
  [key: string]: unknown;
}

/** A guard or action reference: a declared name, or `{ type, params }`. */
export type NamedRef = string | { type: string; params?: unknown };

export interface TransitionConfig {
  target?: string | string[];
  guard?: NamedRef;
  actions?: NamedRef | NamedRef[];
  reenter?: boolean;
  description?: string;
  meta?: { probability?: number; [key: string]: unknown };
}

export type TransitionsConfig = string | TransitionConfig | Array<string | TransitionConfig>;

export interface InvokeConfig {
  src: string;
  id?: string;
  input?: unknown;
  onDone?: TransitionsConfig;
  onError?: TransitionsConfig;
}

export interface StateConfig {
  id?: string;
  type?: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  history?: 'shallow' | 'deep';
  target?: string;
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, TransitionsConfig>;
  always?: TransitionsConfig;
  after?: Record<string, TransitionsConfig>;
  onDone?: TransitionsConfig;
  invoke?: InvokeConfig | InvokeConfig[];
  entry?: NamedRef | NamedRef[];
  exit?: NamedRef | NamedRef[];
  tags?: string | string[];
  description?: string;
  meta?: StateMeta;
  [key: string]: unknown;
}

export interface MachineConfig extends StateConfig {
  id?: string;
}

export type ScenarioStep =
  | { event: string; data?: Record<string, unknown> }
  | { wait: number }
  | { assume: Record<string, boolean> };

export interface ScenarioExpect {
  state?: string;
  done?: boolean;
  notIn?: string[];
  handled?: boolean;
}

export interface Scenario {
  id: string;
  title?: string;
  description?: string;
  steps: ScenarioStep[];
  assume?: Record<string, boolean>;
  expect?: ScenarioExpect;
}

export interface Waiver {
  rule: string;
  state?: string;
  event?: string;
  reason: string;
}

export interface Approval {
  by: string;
  at: string;
  hash: string;
  report?: unknown;
}

export interface ProcessFile {
  $schema?: string;
  plumb: 1;
  id: string;
  title?: string;
  stage?: string;
  description?: string;
  roles?: Record<string, Role>;
  events?: Record<string, EventDef>;
  conditions?: Record<string, ConditionDef>;
  actions?: Record<string, ActionDef>;
  services?: Record<string, ServiceDef>;
  delays?: Record<string, DelayDef>;
  machine: MachineConfig;
  scenarios?: Scenario[];
  waivers?: Waiver[];
  layout?: Record<string, { x: number; y: number; [key: string]: unknown }>;
  approval?: Approval | null;
  [key: string]: unknown;
}

/** A problem found while reading a file: where (JSON path, or line:column for syntax) and what. */
export interface Problem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}
