// A process file as an ELK graph: every state a node (compound and parallel states hold their
// children), every transition an edge, sized the way the canvas draws each kind of state.
// Pure: no ELK call here, so the worker, the main-thread fallback and the tests share it.

import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { StateNode } from '../../core/model/tree';
import { buildStateTree } from '../../core/model/tree';
import type { ProcessFile } from '../../core/model/types';

/** The id of the graph's root node; every other node's id is its state path. */
export const ROOT_ID = '(root)';

/** Sizes the canvas draws states at, in px (the layout leaves room for them). */
export const SIZES = {
  atomicWidth: 160,
  atomicHeight: 56,
  finalHeight: 48,
  history: 40,
  /** Per character of the state's key, and the padding around the name. */
  charWidth: 7.5,
  namePadding: 40,
  /** Height of a compound or parallel state's title bar. */
  header: 32,
  /** Padding inside a container, below its header and on the other sides. */
  inset: 16,
} as const;

export interface ElkGraphOptions {
  /** ELK's own defaults (layered, hierarchical) instead of our tuned options: for comparison. */
  elkDefaults?: boolean;
  /**
   * 'separate' (the default; twice as fast): one layered run per container, bottom-up; an edge
   * between nested states is laid out between the children of their lowest common container
   * that hold them. 'include' (the default with `elkDefaults`): one run for the whole hierarchy
   * (ELK's INCLUDE_CHILDREN), but for a parallel state's regions, with cross-hierarchy edges.
   */
  hierarchy?: 'include' | 'separate';
  /** More ELK options for every layered run, over ours (benchmarks try variants with it). */
  layoutOptions?: LayoutOptions;
}

/** How every container is laid out: layered, left to right (processes read that way). */
export const BASE_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
};

/** Inside a container, states keep to one flow: wrapping is for the top level only. */
const NO_WRAPPING: LayoutOptions = { 'elk.layered.wrapping.strategy': 'OFF' };

/** Tuned for speed (issue 4, "Speed"), and spaced for the canvas's labels. */
export const TUNED_OPTIONS: LayoutOptions = {
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.compaction.postCompaction.strategy': 'NONE',
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.nodeNode': '44',
  'elk.spacing.componentComponent': '40',
  // A long process wraps into rows instead of one line too wide to read at any zoom.
  'elk.layered.wrapping.strategy': 'MULTI_EDGE',
  'elk.aspectRatio': '1.4',
  'elk.layered.mergeEdges': 'true',
};

const CONTAINER_PADDING = `[top=${SIZES.header + SIZES.inset},left=${SIZES.inset},bottom=${SIZES.inset},right=${SIZES.inset}]`;

/** The algorithm that lays out a parallel state's regions: fromElk knows them by it. */
export const REGION_ROW_ALGORITHM = 'rectpacking';

/**
 * A parallel state's regions in one row, left to right, in the file's order: a layout run of
 * their own (no edge joins two regions) by rectangle packing without compaction, with an aspect
 * ratio so wide that the row never wraps. Inside each region the whole-hierarchy options apply.
 */
const PARALLEL_OPTIONS: LayoutOptions = {
  'elk.algorithm': REGION_ROW_ALGORITHM,
  'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
  'elk.aspectRatio': '1000',
  'elk.rectpacking.packing.strategy': 'NONE',
  'elk.spacing.nodeNode': '0',
};

/** Width of a state's name in px, the way the canvas writes it. */
export function nameWidth(name: string): number {
  return Math.ceil(name.length * SIZES.charWidth + SIZES.namePadding);
}

/** The size of a leaf state (atomic, final, history). */
export function leafSize(node: StateNode): { width: number; height: number } {
  if (node.kind === 'history') return { width: SIZES.history, height: SIZES.history };
  const width = Math.max(SIZES.atomicWidth, nameWidth(node.key));
  return { width, height: node.kind === 'final' ? SIZES.finalHeight : SIZES.atomicHeight };
}

function isContainer(node: StateNode): boolean {
  return node.children.length > 0;
}

/** The lowest common ancestor of two state nodes (the root at worst). */
function commonAncestor(a: StateNode, b: StateNode): StateNode {
  while (a.depth > b.depth) a = a.parent!;
  while (b.depth > a.depth) b = b.parent!;
  while (a !== b) {
    a = a.parent!;
    b = b.parent!;
  }
  return a;
}

/**
 * Where an edge from inside `ancestor` meets the layout run that `ancestor`'s children are laid
 * out in: the child of `ancestor` holding `node` when every container has its own run, else the
 * outermost parallel state holding `node` (its regions are a run of their own), else `node`.
 */
function endpoint(node: StateNode, ancestor: StateNode, separate: boolean): StateNode {
  let found = node;
  for (let n = node; n.parent && n !== ancestor; n = n.parent) {
    if (separate ? n.parent === ancestor : n.kind === 'parallel') found = n;
  }
  return found;
}

/**
 * The ELK graph of a process: the root holds the top-level states; ids are state paths. One edge
 * per pair of states that some transition joins (several transitions between the same two
 * states place them no differently); self-transitions, and transitions between a state and its
 * own ancestor or descendant, are left out: they do not order states.
 */
export function toElkGraph(process: ProcessFile, options: ElkGraphOptions = {}): ElkNode {
  const tree = buildStateTree(process.machine);
  const separate =
    (options.hierarchy ?? (options.elkDefaults ? 'include' : 'separate')) === 'separate';
  const tuning = options.elkDefaults ? {} : TUNED_OPTIONS;
  const rootOptions: LayoutOptions = {
    ...BASE_OPTIONS,
    ...tuning,
    ...(separate ? { 'elk.hierarchyHandling': 'SEPARATE_CHILDREN' } : {}),
    ...options.layoutOptions,
  };
  const elkNodes = new Map<StateNode, ElkNode>();

  const root: ElkNode = {
    id: ROOT_ID,
    layoutOptions: { ...rootOptions, 'elk.padding': '[top=24,left=24,bottom=24,right=24]' },
    children: [],
    edges: [],
  };
  elkNodes.set(tree.root, root);

  // tree.nodes is breadth-first: every parent comes before its children.
  for (const node of tree.nodes) {
    if (node === tree.root) continue;
    const elk: ElkNode = { id: node.path };
    if (isContainer(node)) {
      const header = nameWidth(node.key) + 2 * SIZES.inset;
      elk.children = [];
      elk.layoutOptions =
        node.kind === 'parallel'
          ? { ...PARALLEL_OPTIONS, 'elk.padding': CONTAINER_PADDING }
          : // Each container is its own layered run: it needs the same spacing as the top.
            { ...rootOptions, ...NO_WRAPPING, 'elk.padding': CONTAINER_PADDING };
      // Room for the title in the header, whatever the children need.
      elk.layoutOptions['elk.nodeSize.constraints'] = 'MINIMUM_SIZE';
      elk.layoutOptions['elk.nodeSize.minimum'] =
        `(${header}, ${SIZES.header + SIZES.atomicHeight})`;
      // A region inside a parallel state runs with the tuned options again.
      if (node.parent?.kind === 'parallel')
        Object.assign(elk.layoutOptions, rootOptions, NO_WRAPPING);
    } else {
      const size = leafSize(node);
      elk.width = size.width;
      elk.height = size.height;
    }
    elkNodes.get(node.parent!)!.children!.push(elk);
    elkNodes.set(node, elk);
  }

  const seen = new Set<string>();
  let edgeCount = 0;
  for (const node of tree.nodes) {
    if (node === tree.root) continue;
    for (const transition of node.transitions) {
      for (const target of transition.targets) {
        if (target === node || target === tree.root) continue;
        const ancestor = commonAncestor(node, target);
        if (ancestor === node || ancestor === target) continue;
        // Regions stay in one row: no edges between them.
        if (ancestor.kind === 'parallel') continue;
        const from = endpoint(node, ancestor, separate);
        const to = endpoint(target, ancestor, separate);
        const key = `${from.index}>${to.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const edge: ElkExtendedEdge = {
          id: `e${edgeCount++}`,
          sources: [from.path],
          targets: [to.path],
        };
        // An edge belongs to the lowest node that holds both its ends.
        const container = elkNodes.get(ancestor)!;
        if (container.edges) container.edges.push(edge);
        else container.edges = [edge];
      }
    }
  }
  return root;
}
