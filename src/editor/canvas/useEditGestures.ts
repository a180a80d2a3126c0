// The canvas's drawing gestures as edits: dropping a dragged state (moved, or moved into or out
// of a compound state), connecting two states, double-clicking to add or rename a state.

import type { Connection, OnNodeDrag } from '@xyflow/react';
import { type MouseEvent, useCallback } from 'react';
import { SIZES } from '../layout/elkGraph';
import {
  addState,
  addTransition,
  moveState,
  setLayout,
  uniqueEventName,
  uniqueStateKey,
} from '../state/edits';
import { boxAt } from '../state/layoutAccess';
import { joinStatePath, splitStatePath } from '../state/refs';
import type { LayoutBox } from '../state/types';
import type { CanvasCore } from './canvasCore';
import type { StateFlowNode } from './flowTypes';
import { type DropContainer, dropParent } from './gestures';

export function useEditGestures(core: CanvasCore) {
  const { rf, latest, runPlaced: run, select, settle, startRename, setRenaming } = core;

  const addStateAt = useCallback(
    (parentPath: string, point: { x: number; y: number }) => {
      const { process } = latest.current.props;
      const key = uniqueStateKey(process, parentPath);
      const box = { x: point.x - SIZES.atomicWidth / 2, y: point.y - SIZES.atomicHeight / 2 };
      if (parentPath !== '') {
        box.x = Math.max(box.x, SIZES.inset);
        box.y = Math.max(box.y, SIZES.header + SIZES.inset);
      }
      if (!run(addState(parentPath, key, box), 'Add state')) return;
      const path = joinStatePath(parentPath, key);
      select({ kind: 'states', paths: [path] });
      setRenaming(path);
    },
    [latest, run, select, setRenaming],
  );

  /** The compound and parallel states with their boxes on the canvas. */
  const containers = useCallback((): DropContainer[] => {
    const out: DropContainer[] = [];
    for (const n of rf.getNodes()) {
      if (n.type !== 'compound' && n.type !== 'region' && n.type !== 'parallel') continue;
      const internal = rf.getInternalNode(n.id);
      if (!internal) continue;
      out.push({
        path: n.data.path,
        depth: n.data.depth,
        accepts: n.type !== 'parallel',
        rect: {
          ...internal.internals.positionAbsolute,
          width: n.width ?? 0,
          height: n.height ?? 0,
        },
      });
    }
    return out;
  }, [rf]);

  const onNodeDragStop: OnNodeDrag<StateFlowNode> = useCallback(
    (event, node, dragged) => {
      const { readOnly, layout, process } = latest.current.props;
      if (readOnly) return;
      const sized = (path: string, at: { x: number; y: number }): LayoutBox => {
        const saved = boxAt(layout, path);
        const box: LayoutBox = { x: at.x, y: at.y };
        if (saved?.width !== undefined) box.width = saved.width;
        if (saved?.height !== undefined) box.height = saved.height;
        return box;
      };
      const moved = dragged.length > 0 ? dragged : [node];
      if (moved.length > 1) {
        run((draft) => {
          for (const n of moved) setLayout(n.data.path, sized(n.data.path, n.position))(draft);
        }, `Move ${moved.length} states`);
        settle();
        return;
      }
      const path = node.data.path;
      const at = 'clientX' in event ? event : event.changedTouches?.[0];
      const pointer = at
        ? rf.screenToFlowPosition({ x: at.clientX, y: at.clientY })
        : { x: Number.NaN, y: Number.NaN };
      const boxes = containers();
      const target = dropParent(path, pointer, boxes);
      if (target === undefined || target === (node.parentId ?? '')) {
        run(setLayout(path, sized(path, node.position)), 'Move state');
        settle();
        return;
      }
      const absolute = rf.getInternalNode(node.id)?.internals.positionAbsolute ?? node.position;
      const origin = boxes.find((c) => c.path === target)?.rect ?? { x: 0, y: 0 };
      const box = { x: absolute.x - origin.x, y: absolute.y - origin.y };
      const newKey = uniqueStateKey(process, target, splitStatePath(path).key);
      const label = target === '' ? 'Move state out' : `Move state into "${target}"`;
      if (run(moveState(path, target, box), label))
        select({ kind: 'states', paths: [joinStatePath(target, newKey)] });
      settle();
    },
    [rf, latest, run, select, settle, containers],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const { readOnly, process } = latest.current.props;
      if (readOnly || !connection.source || !connection.target) return;
      const event = uniqueEventName(process);
      if (run(addTransition(connection.source, connection.target, event), 'Add transition'))
        select({
          kind: 'transition',
          ref: { source: connection.source, slot: 'on', key: event, index: 0 },
        });
    },
    [latest, run, select],
  );

  /** On a name (or a plain state): rename. Inside a compound state or region: add a child. */
  const onNodeDoubleClick = useCallback(
    (event: MouseEvent, node: StateFlowNode) => {
      if (latest.current.props.readOnly) return;
      const target = event.target as Element;
      if (target.closest('.plumb-rename, .plumb-crack-badge')) return;
      const onName = target.closest('.plumb-state-name') !== null;
      if (onName || node.type === 'atomic' || node.type === 'final' || node.type === 'history') {
        startRename(node.data.path);
        return;
      }
      if (node.type === 'parallel') return;
      const point = rf.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const origin = rf.getInternalNode(node.id)?.internals.positionAbsolute ?? { x: 0, y: 0 };
      addStateAt(node.data.path, { x: point.x - origin.x, y: point.y - origin.y });
    },
    [rf, latest, startRename, addStateAt],
  );

  /** On the empty canvas: a new top-level state there. */
  const onPaneDoubleClick = useCallback(
    (event: MouseEvent) => {
      if (latest.current.props.readOnly) return;
      if (!(event.target as Element).classList.contains('react-flow__pane')) return;
      addStateAt('', rf.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [rf, latest, addStateAt],
  );

  return { onNodeDragStop, onConnect, onNodeDoubleClick, onPaneDoubleClick };
}
