// A reference SCXML interpreter for the tests: the algorithm of the W3C recommendation's
// Appendix D, line by line, over the states the importer's reader finds. It runs what the import
// must keep (states, transitions, conditions, defaults, history, done events, <log> and <raise>
// content) so that a document can be run by SCXML's rules and by XState after import, and the
// two compared step by step. Conditions are answered from a map by their expression.

import {
  isAtomic,
  isCompound,
  type ScDocument,
  type ScState,
  type ScTransition,
} from '../../src/core/import/scxmlDocument';
import { normaliseDescriptor, scxmlMatches } from '../../src/core/import/scxmlEvents';
import type { XmlElement } from '../../src/core/import/xml';

export class ScxmlReference {
  readonly configuration = new Set<ScState>();
  /** The labels of <log> elements run, in order. */
  readonly log: string[] = [];
  running = true;
  private readonly history = new Map<ScState, ScState[]>();
  private readonly internalQueue: string[] = [];
  private readonly order = new Map<ScState, number>();

  constructor(
    private readonly doc: ScDocument,
    private readonly answer: (condition: string) => boolean,
    /** Whether <raise> puts its event on the internal queue (false: it only logs, as Plumb does). */
    private readonly raise = true,
  ) {
    [doc.root, ...doc.states].forEach((state, i) => {
      this.order.set(state, i);
    });
  }

  start(): void {
    const initial: ScTransition = {
      source: this.doc.root,
      events: undefined,
      targets: this.doc.root.initial?.targets ?? [],
      internal: false,
      content: [],
      line: 0,
    };
    this.enterStates([initial]);
    this.macrostep();
  }

  send(event: string): void {
    if (!this.running) return;
    const enabled = this.selectTransitions(event);
    if (enabled.length > 0) this.microstep(enabled);
    this.macrostep();
  }

  /** The ids of the active atomic states, sorted. */
  active(): string[] {
    return [...this.configuration]
      .filter(isAtomic)
      .map((s) => s.id)
      .sort();
  }

  private macrostep(): void {
    while (this.running) {
      let enabled = this.selectEventless();
      if (enabled.length === 0) {
        const event = this.internalQueue.shift();
        if (event === undefined) break;
        enabled = this.selectTransitions(event);
      }
      if (enabled.length > 0) this.microstep(enabled);
    }
  }

  private byOrder = (a: ScState, b: ScState) =>
    (this.order.get(a) as number) - (this.order.get(b) as number);

  private select(matches: (t: ScTransition) => boolean): ScTransition[] {
    const enabled: ScTransition[] = [];
    const atomic = [...this.configuration].filter(isAtomic).sort(this.byOrder);
    for (const state of atomic) {
      search: for (const s of [state, ...properAncestors(state, null)])
        for (const t of s.transitions)
          if (matches(t) && (t.cond === undefined || this.answer(t.cond))) {
            if (!enabled.includes(t)) enabled.push(t);
            break search;
          }
    }
    return this.removeConflicting(enabled);
  }

  private selectEventless(): ScTransition[] {
    return this.select((t) => t.events === undefined);
  }

  private selectTransitions(event: string): ScTransition[] {
    return this.select(
      (t) => t.events?.some((d) => scxmlMatches(normaliseDescriptor(d), event)) ?? false,
    );
  }

  private removeConflicting(enabled: ScTransition[]): ScTransition[] {
    let filtered: ScTransition[] = [];
    for (const t1 of enabled) {
      let preempted = false;
      const remove: ScTransition[] = [];
      for (const t2 of filtered) {
        const exit1 = this.computeExitSet([t1]);
        const exit2 = this.computeExitSet([t2]);
        if ([...exit1].some((s) => exit2.has(s))) {
          if (isDescendant(t1.source, t2.source)) remove.push(t2);
          else {
            preempted = true;
            break;
          }
        }
      }
      if (!preempted) {
        filtered = filtered.filter((t) => !remove.includes(t));
        filtered.push(t1);
      }
    }
    return filtered;
  }

  private microstep(enabled: ScTransition[]): void {
    this.exitStates(enabled);
    for (const t of enabled) this.execute(t.content);
    this.enterStates(enabled);
  }

  private exitStates(enabled: ScTransition[]): void {
    const toExit = [...this.computeExitSet(enabled)].sort(this.byOrder).reverse();
    for (const s of toExit)
      for (const h of s.children.filter((c) => c.kind === 'history'))
        this.history.set(
          h,
          [...this.configuration].filter((s0) =>
            h.history === 'deep' ? isAtomic(s0) && isDescendant(s0, s) : s0.parent === s,
          ),
        );
    for (const s of toExit) {
      this.execute(s.onexit);
      this.configuration.delete(s);
    }
  }

  private computeExitSet(transitions: ScTransition[]): Set<ScState> {
    const out = new Set<ScState>();
    for (const t of transitions) {
      if (t.targets.length === 0) continue;
      const domain = this.domain(t);
      for (const s of this.configuration) if (domain && isDescendant(s, domain)) out.add(s);
    }
    return out;
  }

  private enterStates(enabled: ScTransition[]): void {
    const toEnter = new Set<ScState>();
    const forDefaultEntry = new Set<ScState>();
    const defaultHistoryContent = new Map<ScState, XmlElement[]>();
    const addDescendants = (state: ScState) => {
      if (state.kind === 'history') {
        const stored = this.history.get(state);
        const parent = state.parent as ScState;
        if (stored) {
          for (const s of stored) addDescendants(s);
          for (const s of stored) addAncestors(s, parent);
        } else {
          const t = state.historyDefault as ScTransition;
          defaultHistoryContent.set(parent, t.content);
          for (const s of this.states(t.targets)) addDescendants(s);
          for (const s of this.states(t.targets)) addAncestors(s, parent);
        }
        return;
      }
      toEnter.add(state);
      if (isCompound(state)) {
        forDefaultEntry.add(state);
        const targets = this.states(state.initial?.targets ?? []);
        for (const s of targets) addDescendants(s);
        for (const s of targets) addAncestors(s, state);
      } else if (state.kind === 'parallel') {
        for (const child of childStates(state))
          if (![...toEnter].some((s) => isDescendant(s, child))) addDescendants(child);
      }
    };
    const addAncestors = (state: ScState, ancestor: ScState | null) => {
      for (const anc of properAncestors(state, ancestor)) {
        if (anc.kind === 'scxml') continue;
        toEnter.add(anc);
        if (anc.kind === 'parallel')
          for (const child of childStates(anc))
            if (![...toEnter].some((s) => isDescendant(s, child))) addDescendants(child);
      }
    };
    for (const t of enabled) {
      for (const s of this.states(t.targets)) addDescendants(s);
      const ancestor = t.source === this.doc.root ? this.doc.root : this.domain(t);
      for (const s of this.effectiveTargets(t)) addAncestors(s, ancestor ?? null);
    }
    for (const s of [...toEnter].sort(this.byOrder)) {
      this.configuration.add(s);
      this.execute(s.onentry);
      if (forDefaultEntry.has(s)) this.execute(s.initial?.content ?? []);
      const historyContent = defaultHistoryContent.get(s);
      if (historyContent) this.execute(historyContent);
      if (s.kind === 'final') {
        const parent = s.parent as ScState;
        if (parent.kind === 'scxml') {
          this.running = false;
          continue;
        }
        this.internalQueue.push(`done.state.${parent.id}`);
        const grandparent = parent.parent;
        if (
          grandparent?.kind === 'parallel' &&
          childStates(grandparent).every((c) => this.isInFinalState(c))
        )
          this.internalQueue.push(`done.state.${grandparent.id}`);
      }
    }
  }

  private isInFinalState(s: ScState): boolean {
    if (isCompound(s))
      return childStates(s).some((c) => c.kind === 'final' && this.configuration.has(c));
    if (s.kind === 'parallel') return childStates(s).every((c) => this.isInFinalState(c));
    return false;
  }

  private domain(t: ScTransition): ScState | undefined {
    const targets = this.effectiveTargets(t);
    if (targets.length === 0) return undefined;
    if (t.internal && isCompound(t.source) && targets.every((s) => isDescendant(s, t.source)))
      return t.source;
    const [head, ...tail] = [t.source, ...targets];
    for (const anc of properAncestors(head, null))
      if ((anc.kind === 'scxml' || isCompound(anc)) && tail.every((s) => isDescendant(s, anc)))
        return anc;
    return undefined;
  }

  private effectiveTargets(t: ScTransition): ScState[] {
    const out: ScState[] = [];
    for (const s of this.states(t.targets)) {
      if (s.kind === 'history') {
        const stored = this.history.get(s);
        const more = stored ?? this.effectiveTargets(s.historyDefault as ScTransition);
        for (const m of more) if (!out.includes(m)) out.push(m);
      } else if (!out.includes(s)) out.push(s);
    }
    return out;
  }

  private states(ids: string[]): ScState[] {
    return ids.map((id) => this.doc.byId.get(id) as ScState);
  }

  private execute(content: XmlElement[]): void {
    for (const element of content) {
      if (element.local === 'log') this.log.push(element.attributes.label ?? '');
      else if (element.local === 'raise' && this.raise)
        this.internalQueue.push(element.attributes.event ?? '');
    }
  }
}

function childStates(state: ScState): ScState[] {
  return state.children.filter((c) => c.kind !== 'history');
}

function isDescendant(state: ScState, ancestor: ScState): boolean {
  for (let p = state.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Ancestors of `state` from its parent up to, not including, `ancestor` (null: up to the root). */
function properAncestors(state: ScState, ancestor: ScState | null): ScState[] {
  const out: ScState[] = [];
  for (let p = state.parent; p && p !== ancestor; p = p.parent) out.push(p);
  return out;
}
