// The set computations of XState v5's microstep (xstate/src/stateUtils.ts), ported one to one onto
// compiled nodes: transition domains, exit and entry sets with history, conflict removal. `null`
// stands where xstate has `undefined` for "no domain" (a root transition that re-enters).

import type { CNode, CTransition } from './stepperCompile';

type History = Record<string, CNode[]>;

export function isDescendant(child: CNode, parent: CNode | null): boolean {
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

export function properAncestors(node: CNode, to: CNode | null): CNode[] {
  const out: CNode[] = [];
  if (to === node) return out;
  for (let m = node.parent; m && m !== to; m = m.parent) out.push(m);
  return out;
}

function effectiveTargets(targets: CNode[] | undefined, history: History): CNode[] {
  if (!targets) return [];
  const out = new Set<CNode>();
  for (const target of targets) {
    if (target.type === 'history') {
      const recorded = history[target.id];
      const nodes = recorded ?? effectiveTargets(target.historyDefault ?? [], history);
      for (const node of nodes) out.add(node);
    } else out.add(target);
  }
  return [...out];
}

function leastCommonAncestor(nodes: CNode[]): CNode | null {
  const [head, ...tail] = nodes;
  for (const ancestor of properAncestors(head, null))
    if (tail.every((sn) => isDescendant(sn, ancestor))) return ancestor;
  return null;
}

function rootOf(node: CNode): CNode {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

export function transitionDomain(t: CTransition, history: History): CNode | null {
  if (t.historyTarget) return domainOf(t, history);
  // Without a history target the domain never changes: work it out once.
  if (t.domain === undefined) t.domain = domainOf(t, history);
  return t.domain;
}

function domainOf(t: CTransition, history: History): CNode | null {
  const targets = effectiveTargets(t.target, history);
  if (
    !t.reenter &&
    targets.every((target) => target === t.source || isDescendant(target, t.source))
  )
    return t.source;
  const lca = leastCommonAncestor([...targets, t.source]);
  if (lca) return lca;
  if (t.reenter) return null;
  return rootOf(t.source);
}

export function computeExitSet(
  transitions: CTransition[],
  nodes: Iterable<CNode>,
  history: History,
): CNode[] {
  const toExit = new Set<CNode>();
  for (const t of transitions) {
    if (!t.target?.length) continue;
    const domain = transitionDomain(t, history);
    if (t.reenter && t.source === domain) toExit.add(domain);
    for (const node of nodes) if (isDescendant(node, domain)) toExit.add(node);
  }
  return [...toExit];
}

function intersects(a: CNode[], b: CNode[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const set = new Set(a);
  return b.some((node) => set.has(node));
}

export function removeConflictingTransitions(
  enabled: CTransition[],
  nodes: Iterable<CNode>,
  history: History,
): CTransition[] {
  if (enabled.length <= 1) return enabled;
  const filtered = new Set<CTransition>();
  for (const t1 of enabled) {
    let preempted = false;
    const toRemove = new Set<CTransition>();
    for (const t2 of filtered) {
      if (intersects(computeExitSet([t1], nodes, history), computeExitSet([t2], nodes, history))) {
        if (isDescendant(t1.source, t2.source)) toRemove.add(t2);
        else {
          preempted = true;
          break;
        }
      }
    }
    if (!preempted) {
      for (const t3 of toRemove) filtered.delete(t3);
      filtered.add(t1);
    }
  }
  return [...filtered];
}

const enclosesAny = (toEnter: Set<CNode>, child: CNode) => {
  for (const s of toEnter) if (isDescendant(s, child)) return true;
  return false;
};

function addDescendants(node: CNode, history: History, toEnter: Set<CNode>): void {
  if (node.type === 'history') {
    const targets = history[node.id] ?? node.historyDefault ?? [];
    for (const s of targets) {
      toEnter.add(s);
      addDescendants(s, history, toEnter);
    }
    for (const s of targets) addAncestors(toEnter, history, properAncestors(s, node.parent), null);
  } else if (node.type === 'compound') {
    const initial = node.initial as CNode;
    if (initial.type !== 'history') toEnter.add(initial);
    addDescendants(initial, history, toEnter);
    addAncestors(toEnter, history, properAncestors(initial, node), null);
  } else if (node.type === 'parallel') {
    for (const child of node.children) {
      if (!enclosesAny(toEnter, child)) {
        toEnter.add(child);
        addDescendants(child, history, toEnter);
      }
    }
  }
}

function addAncestors(
  toEnter: Set<CNode>,
  history: History,
  ancestors: CNode[],
  reentrancyDomain: CNode | null,
): void {
  for (const anc of ancestors) {
    if (!reentrancyDomain || isDescendant(anc, reentrancyDomain)) toEnter.add(anc);
    if (anc.type === 'parallel') {
      for (const child of anc.children) {
        if (!enclosesAny(toEnter, child)) {
          toEnter.add(child);
          addDescendants(child, history, toEnter);
        }
      }
    }
  }
}

export function computeEntrySet(
  transitions: CTransition[],
  history: History,
  toEnter: Set<CNode>,
): void {
  for (const t of transitions) {
    const domain = transitionDomain(t, history);
    for (const s of t.target ?? []) {
      if (s.type !== 'history' && (t.source !== s || t.source !== domain || t.reenter))
        toEnter.add(s);
      addDescendants(s, history, toEnter);
    }
    for (const s of effectiveTargets(t.target, history)) {
      const ancestors = properAncestors(s, domain);
      if (domain?.type === 'parallel') ancestors.push(domain);
      addAncestors(toEnter, history, ancestors, !t.source.parent && t.reenter ? null : domain);
    }
  }
}
