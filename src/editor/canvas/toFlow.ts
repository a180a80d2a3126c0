// A process as React Flow nodes and edges: one node per state (compound and parallel states are
// parents of their children), one edge per target of every transition. Pure: runs in Node.

import type { Crack } from '../../core/analysis/types';
import { roleOf } from '../../core/model/scope';
import { buildStateTree, type StateNode } from '../../core/model/tree';
import type { ProcessFile } from '../../core/model/types';
import { transitionRefOf } from '../state/refs';
import type { LayoutBox, Selection } from '../state/types';
import { stateNodeId, transitionId } from '../state/types';
import type { Flow, StateData, StateFlowNode, StateVariant, TransitionFlowEdge } from './flowTypes';
import { placeLabels } from './labelPlacement';
import { isException, roleColours, transitionLabel } from './labels';
import { placeStates } from './placement';

export interface ToFlowOptions {
  selection?: Selection;
  /** Paths of the active states (simulate mode). */
  active?: readonly string[];
  /** A live count per state path (cases there now). */
  counts?: Readonly<Record<string, number>>;
  /** The state whose name is being edited inline. */
  renaming?: string | null;
}

/**
 * Containers sit below every edge, edges below every other state, and edge labels above them all
 * (a label under a state cannot be read): see the z-index notes in Canvas.
 */
const CONTAINER_Z = -100;
const EDGE_Z = -1;
const LABEL_Z = 1;
/** Sideways distance between the labels of transitions joining the same two states. */
const BEND_STEP = 56;

export const EDGE_COLOURS = {
  normal: '#64748b',
  exception: '#dc2626',
  selected: '#2563eb',
} as const;

function variantOf(node: StateNode): StateVariant {
  if (node.parent?.kind === 'parallel' && node.children.length > 0) return 'region';
  if (node.kind === 'compound' || node.kind === 'parallel') return node.kind;
  if (node.kind === 'final' || node.kind === 'history') return node.kind;
  return 'atomic';
}

function zOf(node: StateNode): number {
  return node.children.length > 0 || node.kind === 'compound' || node.kind === 'parallel'
    ? CONTAINER_Z + node.depth
    : 0;
}

function insideActive(path: string, active: ReadonlySet<string>): boolean {
  const prefix = `${path}.`;
  for (const a of active) if (a.startsWith(prefix)) return true;
  return false;
}

/** The canvas's nodes and edges for a process. */
export function toFlow(
  process: ProcessFile,
  layout: Readonly<Record<string, LayoutBox | undefined>>,
  cracks: readonly Crack[],
  options: ToFlowOptions = {},
): Flow {
  const tree = buildStateTree(process.machine);
  const boxes = placeStates(tree, layout);
  const roles = new Map<StateNode, string | undefined>();
  for (const node of tree.nodes) roles.set(node, node.parent ? roleOf(node) : undefined);
  const colours = roleColours(
    process,
    [...roles.values()].filter((r): r is string => r !== undefined),
  );
  const selection = options.selection ?? { kind: 'none' };
  const selectedStates = new Set(selection.kind === 'states' ? selection.paths : []);
  const selectedEdge = selection.kind === 'transition' ? transitionId(selection.ref) : undefined;
  const active = new Set(options.active ?? []);

  const byState = new Map<string, { errors: number; warnings: number; messages: string[] }>();
  const edgeCracks = new Map<string, 'error' | 'warning'>();
  for (const crack of cracks) {
    if (crack.state === undefined || !tree.byPath.has(crack.state)) continue;
    const entry = byState.get(crack.state) ?? { errors: 0, warnings: 0, messages: [] };
    if (crack.severity === 'error') entry.errors++;
    else entry.warnings++;
    entry.messages.push(`${crack.severity === 'error' ? 'Error' : 'Warning'}: ${crack.message}`);
    byState.set(crack.state, entry);
    if (crack.event !== undefined) {
      const key = `${crack.state}\n${crack.event}`;
      if (edgeCracks.get(key) !== 'error') edgeCracks.set(key, crack.severity);
    }
  }

  const nodes: StateFlowNode[] = [];
  for (const node of tree.nodes) {
    if (node === tree.root) continue;
    const box = boxes.get(node)!;
    const role = roles.get(node);
    const own = node.config.meta?.role;
    const found = byState.get(node.path);
    const variant = variantOf(node);
    const internal = node.transitions
      .filter((t) => t.targets.length === 0 && t.unresolved.length === 0)
      .map((t) => transitionLabel(process, t));
    const data: StateData = {
      path: node.path,
      key: node.key,
      kind: node.kind,
      variant,
      role,
      roleTitle: role ? (process.roles?.[role]?.title ?? role) : undefined,
      roleColor: role ? colours.get(role) : undefined,
      roleInherited: role !== undefined && own !== role,
      history: node.kind === 'history' ? (node.config.history ?? 'shallow') : undefined,
      initial: node.parent?.initial === node,
      errors: found?.errors ?? 0,
      warnings: found?.warnings ?? 0,
      crackMessages: found
        ? [...found.messages].sort((a, b) => Number(b.startsWith('E')) - Number(a.startsWith('E')))
        : [],
      active: active.has(node.path),
      containsActive: active.size > 0 && insideActive(node.path, active),
      count: options.counts?.[node.path],
      internal,
      description:
        typeof node.config.description === 'string' ? node.config.description : undefined,
      renaming: options.renaming === node.path,
      divider: variant === 'region' && node.parent!.children[0] !== node,
      depth: node.depth,
    };
    const flowNode: StateFlowNode = {
      id: stateNodeId(node.path),
      type: variant,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      data,
      selected: selectedStates.has(node.path),
      zIndex: zOf(node),
    };
    if (node.parent && node.parent !== tree.root) flowNode.parentId = stateNodeId(node.parent.path);
    if (variant === 'region') flowNode.draggable = false;
    nodes.push(flowNode);
  }

  const edges: TransitionFlowEdge[] = [];
  const pairs = new Map<string, TransitionFlowEdge[]>();
  const loops = new Map<string, number>();
  for (const node of tree.nodes) {
    for (const transition of node.transitions) {
      const ref = transitionRefOf(transition);
      const baseId = transitionId(ref);
      const exception = isException(process, transition);
      const label = transitionLabel(process, transition);
      transition.targets.forEach((target, targetIndex) => {
        if (node === tree.root || target === tree.root) return;
        const id = targetIndex === 0 ? baseId : `${baseId}\u241f${targetIndex}`;
        const selected = selectedEdge === baseId;
        const colour = selected
          ? EDGE_COLOURS.selected
          : exception
            ? EDGE_COLOURS.exception
            : EDGE_COLOURS.normal;
        const selfLoop = target === node;
        const loopIndex = selfLoop ? (loops.get(node.path) ?? 0) : 0;
        if (selfLoop) loops.set(node.path, loopIndex + 1);
        const endZ = Math.max(
          node.parent !== tree.root ? zOf(node) : 0,
          target.parent !== tree.root ? zOf(target) : 0,
        );
        const crack =
          transition.event !== undefined
            ? edgeCracks.get(`${node.path}\n${transition.event}`)
            : undefined;
        const edge: TransitionFlowEdge = {
          id,
          type: 'transition',
          source: stateNodeId(node.path),
          target: stateNodeId(target.path),
          selected,
          // React Flow adds the z of a nested end to an edge's own: this lands every edge at EDGE_Z.
          zIndex: EDGE_Z - endZ,
          markerEnd: { type: 'arrowclosed' as never, color: colour, width: 18, height: 18 },
          data: {
            ref,
            slot: ref.slot,
            event: transition.event,
            label,
            exception,
            selfLoop,
            loopIndex,
            bend: 0,
            shadowed: transition.shadowed,
            crack,
            targetIndex,
            labelZ: LABEL_Z,
          },
        };
        if (!selfLoop) {
          const [a, b] = [edge.source, edge.target].sort();
          const key = `${a}\n${b}`;
          const list = pairs.get(key) ?? [];
          list.push(edge);
          pairs.set(key, list);
        }
        edges.push(edge);
      });
    }
  }
  // Transitions between the same two states fan out; the bend is in the direction a→b of the
  // sorted pair, so that A→B and B→A bow to opposite sides.
  for (const list of pairs.values()) {
    if (list.length < 2) continue;
    list.forEach((edge, i) => {
      const canonical = (i - (list.length - 1) / 2) * BEND_STEP;
      edge.data!.bend = edge.source < edge.target ? canonical : -canonical;
    });
  }
  placeLabels(nodes, edges);
  return { nodes, edges };
}
