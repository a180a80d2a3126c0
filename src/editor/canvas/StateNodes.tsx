// The node components, one per way a state is drawn: atomic (rounded box), final (double border),
// history (a circle with H or H*), and containers: compound (a box with a header holding its
// children), parallel (regions side by side) and a parallel state's region (dashed divider).
// Memoised, and registered once outside any component, so that a large machine pans smoothly.

import type { NodeProps, NodeTypes } from '@xyflow/react';
import { type CSSProperties, memo } from 'react';
import type { StateFlowNode } from './flowTypes';
import {
  CrackBadge,
  Extras,
  InitialMarker,
  RoleChip,
  StateHandles,
  StateName,
  stateClasses,
  stateTitle,
} from './NodeParts';

function roleStyle(colour: string | undefined): CSSProperties | undefined {
  return colour ? ({ '--role-color': colour } as CSSProperties) : undefined;
}

export const LeafNode = memo(function LeafNode({ data, selected }: NodeProps<StateFlowNode>) {
  return (
    <div
      className={stateClasses(data, selected)}
      style={roleStyle(data.roleColor)}
      data-testid={`state-${data.path}`}
      data-kind={data.kind}
      title={stateTitle(data)}
    >
      {data.initial && <InitialMarker />}
      <StateHandles />
      <div className="plumb-leaf-body">
        <StateName data={data} />
        {(data.role ||
          data.kind === 'final' ||
          data.count !== undefined ||
          data.internal.length > 0) && (
          <div className="plumb-leaf-meta">
            <RoleChip data={data} />
            {data.kind === 'final' && <span className="plumb-kind-tag">final</span>}
            <Extras data={data} />
          </div>
        )}
      </div>
      <CrackBadge data={data} />
    </div>
  );
});

export const HistoryNode = memo(function HistoryNode({ data, selected }: NodeProps<StateFlowNode>) {
  const deep = data.history === 'deep';
  return (
    <div
      className={stateClasses(data, selected)}
      data-testid={`state-${data.path}`}
      data-kind="history"
      title={`${data.key}: ${deep ? 'deep' : 'shallow'} history (returns to the ${deep ? 'exact states' : 'child state'} last active)`}
    >
      <StateHandles />
      <span className="plumb-history-mark">{deep ? 'H*' : 'H'}</span>
      <span className="plumb-history-name">
        <StateName data={data} />
      </span>
      <CrackBadge data={data} />
    </div>
  );
});

export const ContainerNode = memo(function ContainerNode({
  data,
  selected,
}: NodeProps<StateFlowNode>) {
  const region = data.variant === 'region';
  let className = stateClasses(data, selected);
  if (data.divider) className += ' has-divider';
  return (
    <div
      className={className}
      style={roleStyle(data.roleColor)}
      data-testid={`state-${data.path}`}
      data-kind={region ? 'region' : data.kind}
      title={stateTitle(data)}
    >
      {data.initial && <InitialMarker />}
      <StateHandles />
      <div className="plumb-container-header">
        {data.variant === 'parallel' && (
          <span className="plumb-kind-tag is-parallel" title="Parallel: every region runs at once">
            ∥ parallel
          </span>
        )}
        {region && <span className="plumb-kind-tag is-region">region</span>}
        <StateName data={data} />
        <RoleChip data={data} />
        <Extras data={data} />
        <CrackBadge data={data} />
      </div>
    </div>
  );
});

/** Defined once, outside any component, as React Flow asks. */
export const nodeTypes: NodeTypes = {
  atomic: LeafNode,
  final: LeafNode,
  history: HistoryNode,
  compound: ContainerNode,
  parallel: ContainerNode,
  region: ContainerNode,
};
