// The canvas: the process drawn with React Flow, and every drawing gesture turned into an edit.
// Drag a state to move it (over a compound state to move it inside, out of its parent to move it
// out), drag from a state's right-hand dot to another state to add a transition, double-click
// the canvas to add a state (a compound state to add a child, a name to rename it), Delete to
// delete the selection. Arrow keys pan (or nudge the selected states), + and - zoom, 0 fits.
//
// Z order: containers sit at z -100+depth, every edge at -1, other states at 0, edge labels at 1:
// arrows run over the containers they cross and under the states they pass, labels stay legible.

import '@xyflow/react/dist/style.css';
import './canvas.css';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { renameState } from '../state/edits';
import { joinStatePath, splitStatePath, stateAt } from '../state/refs';
import type { Recipe, Selection } from '../state/types';
import { stateNodeId } from '../state/types';
import { type CanvasActions, CanvasActionsContext } from './CanvasActions';
import { type CanvasProps, FIT } from './canvasCore';
import { canvasKeyHandler } from './canvasKeys';
import type { StateFlowNode, TransitionFlowEdge } from './flowTypes';
import {
  fillLayout,
  nameProblem,
  reconcileEdges,
  reconcileNodes,
  selectionKey,
  selectionOf,
} from './gestures';
import { Legend } from './Legend';
import { nodeTypes } from './StateNodes';
import { edgeTypes } from './TransitionEdge';
import { toFlow } from './toFlow';
import { useEditGestures } from './useEditGestures';

export type { CanvasProps } from './canvasCore';

const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

export function Canvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasFlow {...props} />
    </ReactFlowProvider>
  );
}

function miniMapColour(node: StateFlowNode): string {
  if (node.data.active) return '#22c55e';
  if (node.type === 'compound' || node.type === 'parallel' || node.type === 'region')
    return '#e2e8f0';
  return node.data.roleColor ?? '#94a3b8';
}

function CanvasFlow(props: CanvasProps) {
  const { process, layout, cracks, selection, active, counts, readOnly = false } = props;
  const rf = useReactFlow<StateFlowNode, TransitionFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [connecting, setConnecting] = useState(false);

  const flow = useMemo(
    () => toFlow(process, layout, cracks, { selection, active, counts, renaming }),
    [process, layout, cracks, selection, active, counts, renaming],
  );
  const [nodes, setNodes] = useState(flow.nodes);
  const [edges, setEdges] = useState(flow.edges);
  const [shown, setShown] = useState(flow);
  if (shown !== flow) {
    setShown(flow);
    setNodes((previous) => reconcileNodes(previous, flow.nodes));
    setEdges((previous) => reconcileEdges(previous, flow.edges));
  }

  const latest = useRef({ props, flow });
  latest.current = { props, flow };
  /** The selection the canvas itself last reported: any other one came from outside. */
  const emitted = useRef(selectionKey(selection));
  const select = useCallback((next: Selection) => {
    emitted.current = selectionKey(next);
    latest.current.props.onSelect(next);
  }, []);

  /** Runs an edit; false when it was refused (the store may also show why). */
  const run = useCallback((recipe: Recipe, label: string): boolean => {
    try {
      latest.current.props.edit(recipe, label);
      return true;
    } catch {
      return false;
    }
  }, []);

  const runPlaced = useCallback(
    (recipe: Recipe, label: string) =>
      run((draft) => {
        const { flow, props } = latest.current;
        fillLayout(flow.nodes, props.layout)(draft);
        recipe(draft);
      }, label),
    [run],
  );

  /** Back to the positions the file gives (after a drag the edit may refuse). */
  const settle = useCallback(() => {
    setNodes((previous) =>
      reconcileNodes(
        previous.map((n) => (n.dragging ? { ...n, dragging: false } : n)),
        latest.current.flow.nodes,
      ),
    );
  }, []);

  const startRename = useCallback((path: string) => {
    if (latest.current.props.readOnly) return;
    setRenaming(path);
    latest.current.props.onRequestRename?.(path);
  }, []);

  const actions = useMemo<CanvasActions>(
    () => ({
      startRename,
      cancelRename: () => {
        setRenaming(null);
        wrapper.current?.focus({ preventScroll: true });
      },
      commitRename: (path, name) => {
        const { process, selection } = latest.current.props;
        const { parent, key } = splitStatePath(path);
        const siblings = Object.keys(stateAt(process.machine, parent)?.states ?? {});
        const problem = nameProblem(name, key, siblings);
        if (problem) return problem;
        const newKey = name.trim();
        if (newKey !== key) {
          try {
            latest.current.props.edit(renameState(path, newKey), 'Rename state');
          } catch (error) {
            return error instanceof Error ? error.message : String(error);
          }
          if (selection.kind === 'states' && selection.paths.includes(path))
            select({
              kind: 'states',
              paths: selection.paths.map((p) => (p === path ? joinStatePath(parent, newKey) : p)),
            });
        }
        setRenaming(null);
        wrapper.current?.focus({ preventScroll: true });
        return undefined;
      },
      selectTransition: (ref) => {
        select({ kind: 'transition', ref });
        wrapper.current?.focus({ preventScroll: true });
      },
      readOnly: () => latest.current.props.readOnly === true,
    }),
    [startRename, select],
  );

  // The user's selection comes from React Flow's select changes (clicks, shift-clicks, the box);
  // selections given in props produce none, so the two never chase each other.
  const current = useRef({ nodes, edges });
  current.current = { nodes, edges };
  const reportSelection = useCallback(() => {
    const { nodes, edges } = current.current;
    const next = selectionOf(
      nodes.filter((n) => n.selected),
      edges.filter((e) => e.selected),
    );
    if (selectionKey(next) !== emitted.current) select(next);
  }, [select]);
  const onNodesChange = useCallback(
    (changes: NodeChange<StateFlowNode>[]) => {
      const kept = changes.filter((c) => c.type !== 'remove');
      const next = applyNodeChanges(kept, current.current.nodes);
      current.current = { ...current.current, nodes: next };
      setNodes(next);
      if (kept.some((c) => c.type === 'select')) reportSelection();
    },
    [reportSelection],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<TransitionFlowEdge>[]) => {
      const kept = changes.filter((c) => c.type !== 'remove');
      const next = applyEdgeChanges(kept, current.current.edges);
      current.current = { ...current.current, edges: next };
      setEdges(next);
      if (kept.some((c) => c.type === 'select')) reportSelection();
    },
    [reportSelection],
  );

  /** Brings a state into view: centred when `always`, else only when it is not fully visible. */
  const reveal = useCallback(
    (path: string, always: boolean) => {
      const node = rf.getInternalNode(stateNodeId(path));
      const box = wrapper.current?.getBoundingClientRect();
      if (!node || !box) return;
      const { x, y, zoom } = rf.getViewport();
      const left = node.internals.positionAbsolute.x;
      const top = node.internals.positionAbsolute.y;
      const width = node.width ?? 0;
      const height = node.height ?? 0;
      const visible =
        left * zoom + x >= 0 &&
        top * zoom + y >= 0 &&
        (left + width) * zoom + x <= box.width &&
        (top + height) * zoom + y <= box.height;
      if (always || !visible)
        rf.setCenter(left + width / 2, top + height / 2, {
          zoom: Math.max(zoom, 0.5),
          duration: 300,
        });
    },
    [rf],
  );

  // A selection made elsewhere (the problems panel) brings its state into view.
  useEffect(() => {
    const key = selectionKey(selection);
    if (key === emitted.current) return;
    emitted.current = key;
    if (selection.kind === 'states' && selection.paths.length === 1)
      reveal(selection.paths[0], false);
  }, [selection, reveal]);

  const focusNonce = props.focus?.nonce;
  useEffect(() => {
    const focus = latest.current.props.focus;
    if (focusNonce === undefined || !focus) return;
    if (focus.path === '') void rf.fitView(FIT);
    else reveal(focus.path, true);
  }, [focusNonce, rf, reveal]);

  const renameNonce = props.renameRequest?.nonce;
  useEffect(() => {
    const request = latest.current.props.renameRequest;
    if (renameNonce === undefined || !request) return;
    reveal(request.path, false);
    startRename(request.path);
  }, [renameNonce, reveal, startRename]);

  const gestures = useEditGestures({
    rf,
    latest,
    run,
    runPlaced,
    select,
    settle,
    startRename,
    setRenaming,
  });
  const onKeyDown = canvasKeyHandler(
    { rf, latest, run, runPlaced, select, settle, startRename, setRenaming },
    renaming,
  );

  const focusCanvas = useCallback(() => {
    const element = wrapper.current;
    if (element && !element.contains(document.activeElement))
      element.focus({ preventScroll: true });
  }, []);

  const fileKey = `${process.id}\n${process.stage ?? ''}`;
  return (
    <CanvasActionsContext.Provider value={actions}>
      <div
        ref={wrapper}
        className={`plumb-canvas${connecting ? ' is-connecting' : ''}${readOnly ? ' is-read-only' : ''}`}
        data-testid="canvas"
        role="application"
        aria-label="Process canvas"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the canvas takes keyboard shortcuts
        tabIndex={0}
        onKeyDown={onKeyDown}
        onDoubleClick={gestures.onPaneDoubleClick}
      >
        <ReactFlow<StateFlowNode, TransitionFlowEdge>
          key={fileKey}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={gestures.onNodeDragStop}
          onConnect={gestures.onConnect}
          onConnectStart={() => setConnecting(true)}
          onConnectEnd={() => setConnecting(false)}
          onNodeDoubleClick={gestures.onNodeDoubleClick}
          onNodeClick={focusCanvas}
          onPaneClick={focusCanvas}
          fitView
          fitViewOptions={FIT}
          minZoom={0.05}
          maxZoom={2.5}
          zoomOnDoubleClick={false}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          elevateNodesOnSelect={false}
          elevateEdgesOnSelect={false}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          connectOnClick={false}
          disableKeyboardA11y
          onlyRenderVisibleElements
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
          <Controls showFitView={false} showInteractive={false}>
            <ControlButton
              onClick={() => rf.fitView(FIT)}
              title="Zoom to fit (0)"
              aria-label="Zoom to fit"
              data-testid="zoom-to-fit"
            >
              ⤢
            </ControlButton>
          </Controls>
          <MiniMap<StateFlowNode>
            className="plumb-minimap"
            style={{ width: 160, height: 110 }}
            pannable
            zoomable
            nodeColor={miniMapColour}
            nodeStrokeColor="#64748b"
            nodeBorderRadius={6}
          />
          {props.showLegend !== false && (
            <Panel position="top-right">
              <Legend process={process} />
            </Panel>
          )}
        </ReactFlow>
      </div>
    </CanvasActionsContext.Provider>
  );
}
