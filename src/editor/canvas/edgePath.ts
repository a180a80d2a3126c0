// Where a transition's arrow runs: from border to border of its two states along the line
// between their centres (bowed sideways when several join the same states), a loop for a
// self-transition, and a short drop from the header for a state and its own child. Pure.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface EdgeGeometry {
  path: string;
  label: Point;
  /** The point at `t` (0 at the source, 1 at the target) along the arrow. */
  at(t: number): Point;
}

/** Height of a container's header, where an arrow to or from its own child starts or ends. */
const HEADER = 32;

function centre(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x - 0.5 &&
    inner.y >= outer.y - 0.5 &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5
  );
}

/** Where the ray from the rectangle's centre toward `toward` leaves the rectangle. */
export function borderPoint(r: Rect, toward: Point, gap = 0): Point {
  const c = centre(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const hw = r.width / 2 + gap;
  const hh = r.height / 2 + gap;
  const scale = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : hw / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : hh / Math.abs(dy),
  );
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

const round = (n: number) => Math.round(n * 10) / 10;

function quad(a: Point, control: Point, b: Point): EdgeGeometry {
  const at = (t: number): Point => {
    const u = 1 - t;
    return {
      x: u * u * a.x + 2 * u * t * control.x + t * t * b.x,
      y: u * u * a.y + 2 * u * t * control.y + t * t * b.y,
    };
  };
  return {
    path: `M ${round(a.x)} ${round(a.y)} Q ${round(control.x)} ${round(control.y)} ${round(b.x)} ${round(b.y)}`,
    label: at(0.5),
    at,
  };
}

/**
 * A loop on the top-left corner (the crack badge has the top-right one, the initial marker the
 * middle of the left side); later loops on the same state stack outward.
 */
export function loopGeometry(r: Rect, index: number): EdgeGeometry {
  const reach = 34 + index * 22;
  const start = { x: r.x + Math.min(28, r.width / 3), y: r.y };
  const end = { x: r.x, y: r.y + Math.min(14, r.height / 3) };
  const c1 = { x: start.x, y: start.y - reach };
  const c2 = { x: end.x - reach, y: end.y };
  const path = `M ${round(start.x)} ${round(start.y)} C ${round(c1.x)} ${round(c1.y)} ${round(c2.x)} ${round(c2.y)} ${round(end.x)} ${round(end.y)}`;
  // The cubic's midpoint (t = 0.5), nudged outward so the label clears the line.
  const label = {
    x: 0.125 * start.x + 0.375 * c1.x + 0.375 * c2.x + 0.125 * end.x,
    y: 0.125 * start.y + 0.375 * c1.y + 0.375 * c2.y + 0.125 * end.y,
  };
  const spot = { x: label.x - 10, y: label.y - 10 };
  return { path, label: spot, at: () => spot };
}

/** The arrow from `source` to `target`, bowed sideways by `bend` px. */
export function edgeGeometry(source: Rect, target: Rect, bend = 0): EdgeGeometry {
  // A container and its own descendant: the arrow drops from (or rises to) the header line.
  if (contains(source, target) && source.width * source.height > target.width * target.height) {
    const to = centre(target);
    const from = {
      x: Math.min(Math.max(to.x + bend, source.x + 12), source.x + source.width - 12),
      y: source.y + HEADER,
    };
    const end = borderPoint(target, from);
    return quad(from, { x: (from.x + end.x) / 2, y: (from.y + end.y) / 2 }, end);
  }
  if (contains(target, source) && target.width * target.height > source.width * source.height) {
    const from0 = centre(source);
    const end = {
      x: Math.min(Math.max(from0.x + bend, target.x + 12), target.x + target.width - 12),
      y: target.y + HEADER,
    };
    const from = borderPoint(source, end);
    return quad(from, { x: (from.x + end.x) / 2, y: (from.y + end.y) / 2 }, end);
  }
  const a = centre(source);
  const b = centre(target);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  // Perpendicular to a→b; twice the bend, since a quadratic curve reaches half way to its control.
  const control = {
    x: (a.x + b.x) / 2 + (-dy / length) * bend * 2,
    y: (a.y + b.y) / 2 + (dx / length) * bend * 2,
  };
  const aim = bend === 0 ? b : control;
  const start = borderPoint(source, bend === 0 ? b : aim);
  const end = borderPoint(target, bend === 0 ? a : aim);
  return quad(
    start,
    bend === 0 ? { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 } : control,
    end,
  );
}
