// What the canvas hands React Flow: one node per state, one edge per transition target, with the
// data the node and edge components draw. Types only.

import type { Edge, Node } from '@xyflow/react';
import type { StateKind } from '../../core/model/tree';
import type { TransitionRef, TransitionSlot } from '../state/types';

/** How a state is drawn: a region is a child of a parallel state. */
export type StateVariant = 'atomic' | 'final' | 'history' | 'compound' | 'parallel' | 'region';

export interface StateData extends Record<string, unknown> {
  path: string;
  key: string;
  kind: StateKind;
  variant: StateVariant;
  /** The state's role (its own or inherited), with its title and colour. */
  role?: string;
  roleTitle?: string;
  roleColor?: string;
  /** The role comes from an ancestor, not the state's own meta. */
  roleInherited: boolean;
  history?: 'shallow' | 'deep';
  /** The initial child of its parent (or of the machine): drawn with the initial marker. */
  initial: boolean;
  errors: number;
  warnings: number;
  /** Crack messages, errors first, as the badge's hover lists them. */
  crackMessages: string[];
  /** In simulate mode: the case is in this state, or inside it. */
  active: boolean;
  containsActive: boolean;
  /** A live count (cases here now), when the caller gives one. */
  count?: number;
  /** Transitions without a target (internal: they run actions and stay). */
  internal: string[];
  description?: string;
  /** The inline rename input is open on this state. */
  renaming: boolean;
  /** For a region: not the first, so a dashed divider runs down its left side. */
  divider: boolean;
  depth: number;
}

export type StateFlowNode = Node<StateData, StateVariant>;

export interface TransitionData extends Record<string, unknown> {
  ref: TransitionRef;
  slot: TransitionSlot;
  event?: string;
  label: string;
  exception: boolean;
  /** Source and target are the same state: drawn as a loop. */
  selfLoop: boolean;
  /** Several loops on one state stack outward. */
  loopIndex: number;
  /** Sideways bend in px, so that transitions between the same two states do not overlap. */
  bend: number;
  /** Never taken (an earlier unguarded transition for the same event wins). */
  shadowed: boolean;
  /** A crack names this transition's state and event. */
  crack?: 'error' | 'warning';
  /** One of several targets of the same transition (the first has the plain transition id). */
  targetIndex: number;
  /** The z-index the label takes, so that it sits above the states. */
  labelZ: number;
  /** Where along the arrow the label sits (0.5 half way), chosen to keep it off states. */
  labelT?: number;
}

export type TransitionFlowEdge = Edge<TransitionData, 'transition'>;

export interface Flow {
  nodes: StateFlowNode[];
  edges: TransitionFlowEdge[];
}
