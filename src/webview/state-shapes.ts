// The shapes both state diagrams (TCP and TLS) are made of: a machine's edges grouped into
// arrows, state boxes, and the geometry of an arrow — a straight or bowed curve between two
// boxes, a loop on a box's right side, a polyline route — with its head and where its label goes.
import type { StateGraphEdge } from '../shared/protocol';
import { svg, svgText } from './svg';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const BOX_H = 36;

/** One arrow of a drawing: every event of the machine between the same two states. */
export interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly events: readonly string[];
  /** Only `hidden` events (resets, aborts, alerts): drawn only when an endpoint took it. */
  readonly reset: boolean;
}

/** An arrow's path, its head (polygon points) and where its label sits. */
export interface EdgeShape {
  readonly path: string;
  readonly head: string;
  readonly label: Point;
  /** The label's anchor: centred on the curve (TCP), or beside a vertical stretch. */
  readonly anchor?: 'start' | 'end';
}

/** A state's box as drawn, for markers to find. */
export interface DrawnBox {
  readonly g: SVGGElement;
  readonly p: Point;
  readonly w: number;
}

export function groupEdges(edges: readonly StateGraphEdge[], hidden: ReadonlySet<string>): DrawnEdge[] {
  const byPair = new Map<string, { from: string; to: string; events: string[] }>();
  for (const e of edges) {
    const key = `${e.from}>${e.to}`;
    const group = byPair.get(key) ?? { from: e.from, to: e.to, events: [] };
    group.events.push(e.event);
    byPair.set(key, group);
  }
  return [...byPair.values()].map((g) => ({ ...g, reset: g.events.every((ev) => hidden.has(ev)) }));
}

export function stateBox(name: string, p: Point, w: number, parent: SVGElement, ghost = false): DrawnBox {
  const g = svg('g', { class: `sd-state${ghost ? ' ghost' : ''}`, 'data-state': name }, parent);
  svg('rect', { x: p.x - w / 2, y: p.y - BOX_H / 2, width: w, height: BOX_H, rx: 5 }, g);
  svgText(name, { class: 'sd-state-name', x: p.x, y: p.y + 4 }, g);
  return { g, p, w };
}

/** Where an edge meets a box's border, heading from the box's centre towards `toward`. */
export function border(c: Point, toward: Point, w: number): Point {
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : BOX_H / 2 / Math.abs(dy);
  const k = Math.min(sx, sy);
  return { x: c.x + dx * k, y: c.y + dy * k };
}

/** From box to box, bowed sideways by `bend` (0: straight); the label at the curve's middle. */
export function curve(from: Point, to: Point, bend: number, w: number): EdgeShape {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const nx = -dy / len;
  const ny = dx / len;
  const mid = { x: (from.x + to.x) / 2 + nx * bend * 2, y: (from.y + to.y) / 2 + ny * bend * 2 };
  const p0 = border(from, mid, w);
  const p2 = border(to, mid, w);
  const path = `M${f(p0.x)} ${f(p0.y)} Q${f(mid.x)} ${f(mid.y)} ${f(p2.x)} ${f(p2.y)}`;
  const label = { x: 0.25 * p0.x + 0.5 * mid.x + 0.25 * p2.x, y: 0.25 * p0.y + 0.5 * mid.y + 0.25 * p2.y - 4 };
  return { path, head: arrowHead(mid, p2), label };
}

/** Through fixed points; the label on the longest horizontal stretch. */
export function route(pts: readonly Point[]): EdgeShape {
  const path = `M${pts.map((p) => `${f(p.x)} ${f(p.y)}`).join(' L')}`;
  const a = pts[pts.length - 2] ?? { x: 0, y: 0 };
  const b = pts[pts.length - 1] ?? { x: 0, y: 0 };
  const mid = longestHorizontalMid(pts);
  return { path, head: arrowHead(a, b), label: { x: mid.x, y: mid.y - 4 } };
}

/** An edge from a state to itself: a loop on the box's right side, its label beyond it. */
export function selfLoop(c: Point, w: number): EdgeShape {
  const x = c.x + w / 2;
  const top = { x, y: c.y - 8 };
  const end = { x, y: c.y + 8 };
  const path = `M${f(top.x)} ${f(top.y)} C${f(x + 44)} ${f(c.y - 30)} ${f(x + 44)} ${f(c.y + 30)} ${f(end.x)} ${f(end.y)}`;
  return { path, head: arrowHead({ x: x + 20, y: c.y + 16 }, end), label: { x: x + 40, y: c.y + 3 }, anchor: 'start' };
}

/** Labels read best on a horizontal stretch: the middle of the longest one. */
function longestHorizontalMid(pts: readonly Point[]): Point {
  let best = { x: 0, y: 0 };
  let bestLen = -Infinity;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const l = Math.abs(b.x - a.x) - Math.abs(b.y - a.y);
    if (l > bestLen) {
      bestLen = l;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

export function arrowHead(from: Point, tip: Point): string {
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = tip.x - ux * 9;
  const by = tip.y - uy * 9;
  return `${f(tip.x)},${f(tip.y)} ${f(bx - uy * 4)},${f(by + ux * 4)} ${f(bx + uy * 4)},${f(by - ux * 4)}`;
}

function f(n: number): string {
  return n.toFixed(1);
}
