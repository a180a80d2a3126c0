// What Monte Carlo reads from a process file, prepared once: each state's role, value-added flag
// and duration; for each configuration (set of active leaves), the events a case can move on with
// and their weights, and the exceptions in scope; who owns each timer and service.

import { exceptionScope } from '../model/scope';
import { invokesOf, isInside, type StateNode, type StateTree } from '../model/tree';
import type { Duration, EventDef, ProcessFile, TransitionConfig } from '../model/types';
import { afterEventType } from './stepperCompile';

/** The chance per step of an exception whose catalogue entry gives none. */
export const DEFAULT_EXCEPTION_PROBABILITY = 0.01;

export interface ChoiceEvent {
  type: string;
  /** `meta.probability` of the transition that would take it, when it has one. */
  weight?: number;
  /** The active leaves that handle it (themselves or through an ancestor). */
  handlers: number[];
}

export interface ScopedException {
  name: string;
  probability: number;
  /** The active leaves where it can happen. */
  leaves: number[];
  /** The active leaves that handle it (themselves or through an ancestor). */
  handlers: number[];
}

/** The events one active leaf can move on with (its own and its ancestors'). */
export interface LeafChoice {
  leaf: number;
  events: ChoiceEvent[];
  /** Sum of the explicit weights, and how many events have none. */
  explicitWeight: number;
  unweighted: number;
}

export interface ConfigInfo {
  leaves: readonly number[];
  /** The active leaf paths joined by ", ". */
  label: string;
  /** Every event the configuration handles, in a fixed order. */
  events: ChoiceEvent[];
  /** Per active leaf that handles any event: its choice. */
  choices: LeafChoice[];
  exceptions: ScopedException[];
}

export interface ServiceOwner {
  node: number;
  src: string;
  failureProbability: number;
}

const toList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export class ProcessModel {
  /** Role names: the declared roles, then any other role a state names. */
  readonly roles: string[];
  readonly costPerHour: number[];
  /** Per tree node: its role index (-1 without one), own or its nearest ancestor's. */
  readonly roleIndex: Int32Array;
  /** Per tree node: 1 value-added, 0 not (`valueAdded: false`), -1 not said; own or inherited. */
  readonly valueAdded: Int8Array;
  readonly durations: (Duration | undefined)[];
  /** Per tree node: 1 for a final state (no work is booked there). */
  readonly isFinal: Uint8Array;
  private readonly configs = new Map<string, ConfigInfo>();
  private readonly timerOwners = new Map<string, number>();
  private readonly serviceOwners = new Map<string, ServiceOwner[]>();
  private readonly exceptions: {
    name: string;
    def: EventDef;
    covers: (node: StateNode) => boolean;
  }[];

  constructor(
    readonly process: ProcessFile,
    readonly tree: StateTree,
  ) {
    const n = tree.nodes.length;
    this.roles = Object.keys(process.roles ?? {});
    this.roleIndex = new Int32Array(n).fill(-1);
    this.valueAdded = new Int8Array(n).fill(-1);
    this.durations = new Array(n);
    this.isFinal = new Uint8Array(n);
    // Parents come before their children in the tree's node list.
    for (const node of tree.nodes) {
      const meta = node.config.meta;
      const parent = node.parent?.index;
      const role = meta?.role;
      if (typeof role === 'string') {
        if (!this.roles.includes(role)) this.roles.push(role);
        this.roleIndex[node.index] = this.roles.indexOf(role);
      } else if (parent !== undefined) this.roleIndex[node.index] = this.roleIndex[parent];
      if (typeof meta?.valueAdded === 'boolean')
        this.valueAdded[node.index] = meta.valueAdded ? 1 : 0;
      else if (parent !== undefined) this.valueAdded[node.index] = this.valueAdded[parent];
      this.durations[node.index] = meta?.duration;
      if (node.kind === 'final') this.isFinal[node.index] = 1;
      for (const key of Object.keys(node.config.after ?? {}))
        this.timerOwners.set(afterEventType(key, node.id), node.index);
      invokesOf(node.config).forEach((invoke, i) => {
        const id = invoke.id ?? `${i}.${node.id}`;
        const failure = process.services?.[invoke.src]?.failureProbability;
        const owners = this.serviceOwners.get(id) ?? [];
        owners.push({
          node: node.index,
          src: invoke.src,
          failureProbability:
            typeof failure === 'number' && Number.isFinite(failure)
              ? Math.min(1, Math.max(0, failure))
              : 0,
        });
        this.serviceOwners.set(id, owners);
      });
    }
    this.costPerHour = this.roles.map((role) => {
      const cost = process.roles?.[role]?.costPerHour;
      return typeof cost === 'number' && Number.isFinite(cost) ? cost : 0;
    });
    this.exceptions = Object.entries(process.events ?? {})
      .filter(([, def]) => def?.exception === true)
      .map(([name, def]) => {
        const roleOf = (node: StateNode) => {
          const r = this.roleIndex[node.index];
          return r >= 0 ? this.roles[r] : undefined;
        };
        return { name, def, covers: exceptionScope(tree, def.when, roleOf) };
      });
  }

  /** The state node a timer belongs to. */
  timerOwner(id: string): number | undefined {
    return this.timerOwners.get(id);
  }

  /** The state that invoked the service with this id, among the active ones. */
  serviceOwner(id: string, leaves: readonly number[]): ServiceOwner | undefined {
    const owners = this.serviceOwners.get(id);
    if (!owners) return undefined;
    if (owners.length === 1) return owners[0];
    const nodes = this.tree.nodes;
    return (
      owners.find((o) => leaves.some((leaf) => isInside(nodes[leaf], nodes[o.node]))) ?? owners[0]
    );
  }

  /** Whether tree node `node` is `ancestor` or inside it. */
  inside(node: number, ancestor: number): boolean {
    return isInside(this.tree.nodes[node], this.tree.nodes[ancestor]);
  }

  path(index: number): string {
    return this.tree.nodes[index].path;
  }

  config(leaves: readonly number[]): ConfigInfo {
    const key = leaves.join(',');
    let info = this.configs.get(key);
    if (!info) {
      info = this.describe(leaves);
      this.configs.set(key, info);
    }
    return info;
  }

  private describe(leaves: readonly number[]): ConfigInfo {
    const nodes = this.tree.nodes;
    const events: ChoiceEvent[] = [];
    const byType = new Map<string, ChoiceEvent>();
    const isException = (type: string) => this.process.events?.[type]?.exception === true;
    for (const leaf of leaves) {
      for (let node: StateNode | null = nodes[leaf]; node; node = node.parent) {
        const on = node.config.on;
        if (!on || typeof on !== 'object') continue;
        for (const type of Object.keys(on)) {
          if (type.includes('*') || type.startsWith('xstate.') || isException(type)) continue;
          let event = byType.get(type);
          if (!event) {
            event = { type, handlers: [] };
            byType.set(type, event);
            events.push(event);
          }
          if (!event.handlers.includes(leaf)) event.handlers.push(leaf);
          if (event.weight === undefined) {
            for (const item of toList(on[type])) {
              const p =
                typeof item === 'object'
                  ? (item as TransitionConfig)?.meta?.probability
                  : undefined;
              if (typeof p === 'number' && Number.isFinite(p) && p >= 0) {
                event.weight = p;
                break;
              }
            }
          }
        }
      }
    }
    const choices: LeafChoice[] = [];
    for (const leaf of leaves) {
      const mine = events.filter((event) => event.handlers.includes(leaf));
      if (mine.length === 0) continue;
      let explicitWeight = 0;
      let unweighted = 0;
      for (const event of mine) {
        if (event.weight === undefined) unweighted++;
        else explicitWeight += event.weight;
      }
      choices.push({ leaf, events: mine, explicitWeight, unweighted });
    }
    const exceptions: ScopedException[] = [];
    for (const { name, def, covers } of this.exceptions) {
      // Without `when`, every state but a final one; with it, exactly what it names.
      const scoped = (leaf: StateNode) =>
        def.when && (def.when.states !== undefined || def.when.roles !== undefined)
          ? covers(leaf)
          : leaf.kind !== 'final';
      const inScope = leaves.filter((leaf) => scoped(nodes[leaf]));
      if (inScope.length === 0) continue;
      const p = def.probability;
      const handlers = leaves.filter((leaf) => {
        for (let node: StateNode | null = nodes[leaf]; node; node = node.parent)
          if (node.config.on && Object.hasOwn(node.config.on, name)) return true;
        return false;
      });
      exceptions.push({
        name,
        handlers,
        probability:
          typeof p === 'number' && Number.isFinite(p)
            ? Math.min(1, Math.max(0, p))
            : DEFAULT_EXCEPTION_PROBABILITY,
        leaves: inScope,
      });
    }
    const label = leaves.map((leaf) => nodes[leaf].path).join(', ');
    return { leaves, label, events, choices, exceptions };
  }
}
