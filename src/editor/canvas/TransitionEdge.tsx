// A transition on the canvas: an arrow from border to border (a loop for a self-transition), and
// its label `EVENT [condition] / actions` in a pill; `after` with a clock, `always` dashed,
// exceptions in red. Clicking the label selects the transition.

import './edges.css';
import {
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  type EdgeTypes,
  type InternalNode,
  useInternalNode,
  useStore,
} from '@xyflow/react';
import { memo } from 'react';
import { useCanvasActions } from './CanvasActions';
import { edgeGeometry, loopGeometry, type Rect } from './edgePath';
import type { TransitionFlowEdge } from './flowTypes';
import { ClockIcon } from './icons';

function rectOf(node: InternalNode): Rect {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

/**
 * Below this zoom a label cannot be read: it is left out, which keeps a machine of a thousand
 * states panning smoothly (each label is a layer the browser composites on every frame).
 */
export const LABEL_MIN_ZOOM = 0.3;

const labelsReadable = (s: { transform: [number, number, number] }) =>
  s.transform[2] >= LABEL_MIN_ZOOM;

export const TransitionEdge = memo(function TransitionEdge({
  id,
  source,
  target,
  data,
  selected,
  markerEnd,
}: EdgeProps<TransitionFlowEdge>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const actions = useCanvasActions();
  const readable = useStore(labelsReadable);
  if (!sourceNode || !targetNode || !data) return null;
  const geometry = data.selfLoop
    ? loopGeometry(rectOf(sourceNode), data.loopIndex)
    : edgeGeometry(rectOf(sourceNode), rectOf(targetNode), data.bend);
  const label =
    data.labelT === undefined || data.selfLoop ? geometry.label : geometry.at(data.labelT);
  let className = 'plumb-edge';
  if (data.exception) className += ' is-exception';
  if (data.slot === 'always') className += ' is-always';
  if (data.slot === 'after') className += ' is-after';
  if (data.slot === 'invoke.onError') className += ' is-error-outcome';
  if (data.shadowed) className += ' is-shadowed';
  if (selected) className += ' is-selected';
  const tip = [
    data.label,
    data.exception ? 'Exception event' : '',
    data.shadowed ? 'Never taken: an earlier transition for this event has no condition' : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <>
      <BaseEdge id={id} path={geometry.path} markerEnd={markerEnd} className={className} />
      {data.targetIndex === 0 && (readable || selected) && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`plumb-edge-label nodrag nopan ${className}${data.crack ? ` has-${data.crack}` : ''}`}
            style={{
              transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)`,
              zIndex: data.labelZ,
            }}
            data-testid={data.event !== undefined ? `edge-${data.event}` : `edge-${data.slot}`}
            title={tip}
            onClick={(event) => {
              event.stopPropagation();
              actions.selectTransition(data.ref);
            }}
          >
            {data.crack && (
              <span className={`plumb-edge-crack is-${data.crack}`} title={data.crack}>
                !
              </span>
            )}
            {data.slot === 'after' ? (
              <>
                <ClockIcon />
                {data.label.replace(/^⏱ /, '')}
              </>
            ) : (
              data.label
            )}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/** Defined once, outside any component, as React Flow asks. */
export const edgeTypes: EdgeTypes = { transition: TransitionEdge };
