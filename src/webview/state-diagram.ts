// The TCP state diagram, drawn from the engine's own machine (a StateGraph the host computes from
// the xstate definition) and laid out like RFC 9293 Figure 5: CLOSED on top, LISTEN under it,
// SYN_RCVD and SYN_SENT side by side, ESTABLISHED in the centre, the active close down the left,
// the passive close down the right, CLOSING between, TIME_WAIT at the bottom, and — as in the
// figure — a second CLOSED bottom right where the closing paths end.
//
// Over the machine, each endpoint's path: the edges it took (one colour per endpoint, offset so
// two endpoints on one edge both show), dots on the states it visited, and a tag naming it on
// the state it is in at the playback step.
import type { StateGraph, StateGraphEdge } from '../shared/protocol';
import type { RunResult, TraceStateChange } from '../runner/trace';
import { initialStates } from './ladder-lifelines';
import { endpointNames } from './layout';
import type { Strings } from './i18n';
import { html, svg, svgText, svgTitle } from './svg';

const W = 820;
const BOX_W = 132;
const BOX_H = 36;
const COLOURS = 6;

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Where each state sits: RFC 9293 Figure 5's grid. */
const PLACES: Readonly<Record<string, Point>> = {
  CLOSED: { x: 410, y: 50 },
  LISTEN: { x: 410, y: 160 },
  SYN_RCVD: { x: 120, y: 270 },
  SYN_SENT: { x: 700, y: 270 },
  ESTABLISHED: { x: 410, y: 380 },
  FIN_WAIT_1: { x: 120, y: 480 },
  CLOSE_WAIT: { x: 700, y: 480 },
  FIN_WAIT_2: { x: 120, y: 590 },
  CLOSING: { x: 410, y: 590 },
  LAST_ACK: { x: 700, y: 590 },
  TIME_WAIT: { x: 410, y: 700 },
};
/** Figure 5's second CLOSED, where the closing paths end. */
const CLOSED_END: Point = { x: 700, y: 700 };
const ENDS_BELOW = new Set(['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSE_WAIT']);

/** Edges that would cross the figure: routed around its left margin instead. */
const ROUTES: Readonly<Record<string, readonly Point[]>> = {
  'TIME_WAIT>SYN_RCVD': [{ x: 410 - BOX_W / 2, y: 712 }, { x: 22, y: 712 }, { x: 22, y: 282 }, { x: 120 - BOX_W / 2, y: 282 }],
};

/** Events every state has towards CLOSED (reset, abort, give up): drawn only when an endpoint took one. */
const RESET_EVENTS = new Set(['RCV_RST', 'ABORT', 'TIMEOUT']);

/** One arrow of the drawing: every event of the machine between the same two states. */
interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly events: readonly string[];
  /** Only RESET_EVENTS: hidden unless taken. */
  readonly reset: boolean;
}

export interface StateDiagram {
  readonly svg: SVGSVGElement;
  readonly legend: HTMLElement;
  /** Shows the diagram as it was once every event with `order` < `cutoff` had happened (undefined: the end). */
  setCutoff(cutoff: number | undefined): void;
}

export function drawStateDiagram(graph: StateGraph, result: RunResult, s: Strings): StateDiagram {
  const places = placeStates(graph);
  const height = Math.max(...[...places.values()].map((p) => p.y)) + 60;
  const root = svg('svg', {
    id: 'state-diagram',
    viewBox: `0 0 ${W} ${height}`,
    width: W,
    height,
    role: 'group',
    'aria-label': s.stateDiagram,
  });
  // Endpoints with a TCP stack, and any other whose state changed (a raw packet source has none).
  const endpoints = endpointNames(result).filter((name) =>
    result.states.some((c) => c.endpoint === name) || result.endpoints.some((e) => e.name === name && e.kind === 'stack'));
  const colour = new Map(endpoints.map((name, i) => [name, i % COLOURS]));
  const taken = takenPairs(result.states);

  const edges = groupEdges(graph.edges);
  const edgeLayer = svg('g', { class: 'sd-edges' }, root);
  const pathLayer = svg('g', { class: 'sd-paths' }, root);
  const stateLayer = svg('g', { class: 'sd-states' }, root);
  const markerLayer = svg('g', { class: 'sd-markers' }, root);

  const geometry = new Map<string, string>();
  for (const e of edges) {
    const key = `${e.from}>${e.to}`;
    if (e.reset && !taken.has(key)) continue;
    const d = edgePath(e, places, edges);
    geometry.set(key, d.path);
    const g = svg('g', { class: `sd-edge${e.reset ? ' reset' : ''}`, 'data-from': e.from, 'data-to': e.to }, edgeLayer);
    svgTitle(`${e.from} → ${e.to}: ${e.events.join(', ')}`, g);
    svg('path', { class: 'sd-line', d: d.path }, g);
    svg('polygon', { class: 'sd-head', points: d.head }, g);
    const label = e.events.filter((ev) => !RESET_EVENTS.has(ev) || e.reset).join(' / ');
    svgText(label, { class: 'sd-label', x: d.label.x, y: d.label.y }, g);
  }

  // Each endpoint's taken edges, offset side by side.
  const overlays: { el: SVGPathElement; order: number }[] = [];
  endpoints.forEach((name, i) => {
    const offset = (i - (endpoints.length - 1) / 2) * 3.5;
    for (const change of result.states) {
      if (change.endpoint !== name) continue;
      const d = geometry.get(`${change.from}>${change.to}`);
      if (!d) continue;
      const el = svg('path', {
        class: `sd-taken ep-${colour.get(name) ?? 0}`,
        d,
        'data-endpoint': name,
        'data-from': change.from,
        'data-to': change.to,
        transform: `translate(${offset} ${offset})`,
      }, pathLayer);
      overlays.push({ el, order: change.order });
    }
  });

  // States: the figure's boxes, with a second CLOSED where the closing paths end.
  const boxes = new Map<string, SVGGElement>();
  for (const [name, p] of places) boxes.set(name, stateBox(name, p, stateLayer, false));
  const ghost = places.has('CLOSED') ? stateBox('CLOSED', CLOSED_END, stateLayer, true) : undefined;

  // Visited dots under each box, and "you are here" tags beside it.
  const visits: { el: SVGElement; order: number }[] = [];
  const initial = initialStates(result);
  endpoints.forEach((name, i) => {
    const seen = new Map<string, number>();
    const start = initial.get(name);
    if (start) seen.set(start, -1);
    for (const c of result.states) if (c.endpoint === name && !seen.has(c.to)) seen.set(c.to, c.order);
    for (const [state, order] of seen) {
      const p = places.get(state);
      if (!p) continue;
      const dot = svg('circle', {
        class: `sd-visited ep-${colour.get(name) ?? 0}`,
        'data-endpoint': name,
        'data-state': state,
        cx: p.x - BOX_W / 2 + 10 + i * 10,
        cy: p.y + BOX_H / 2 - 7,
        r: 3.5,
      }, markerLayer);
      visits.push({ el: dot, order });
    }
  });
  const tags = endpoints.map((name) => {
    const g = svg('g', { class: `sd-current ep-${colour.get(name) ?? 0}`, 'data-endpoint': name }, markerLayer);
    const rect = svg('rect', { rx: 4, height: 18 }, g);
    const text = svgText(name.length > 14 ? `${name.slice(0, 14)}…` : name, { class: 'sd-current-name' }, g);
    return { name, g, rect, text };
  });

  const legend = html('div', { id: 'state-legend', class: 'legend' });
  html('span', { class: 'legend-title' }, legend, s.legend);
  for (const name of endpoints) {
    const item = html('span', { class: `legend-item ep-${colour.get(name) ?? 0}`, 'data-endpoint': name }, legend);
    html('span', { class: 'legend-swatch', 'aria-hidden': 'true' }, item);
    html('span', { class: 'legend-name' }, item, name);
  }
  html('span', { class: 'legend-note' }, legend, s.resetNote);

  function setCutoff(cutoff: number | undefined): void {
    const happened = (order: number): boolean => cutoff === undefined || order < cutoff;
    for (const o of overlays) o.el.classList.toggle('future', !happened(o.order));
    for (const v of visits) v.el.classList.toggle('future', !happened(v.order));
    const current = currentStates(result, initial, cutoff);
    // An endpoint that closed from the lower half of the figure is in Figure 5's second CLOSED.
    const closedBelow = new Set<string>();
    for (const c of result.states) {
      if (cutoff !== undefined && c.order >= cutoff) continue;
      if (c.to === 'CLOSED' && ENDS_BELOW.has(c.from)) closedBelow.add(c.endpoint);
      else closedBelow.delete(c.endpoint);
    }
    for (const box of boxes.values()) box.classList.remove('current');
    ghost?.classList.remove('current');
    const slots = new Map<string, number>();
    for (const tag of tags) {
      const state = current.get(tag.name);
      const below = state === 'CLOSED' && closedBelow.has(tag.name) && ghost !== undefined;
      const p = below ? CLOSED_END : state ? places.get(state) : undefined;
      tag.g.setAttribute('data-state', state ?? '');
      if (!state || !p) {
        tag.g.setAttribute('visibility', 'hidden');
        continue;
      }
      tag.g.removeAttribute('visibility');
      (below ? ghost : boxes.get(state))?.classList.add('current');
      const slotKey = below ? 'CLOSED (end)' : state;
      const slot = slots.get(slotKey) ?? 0;
      slots.set(slotKey, slot + 1);
      const w = Math.max(40, tag.text.textContent.length * 6.6 + 12);
      const right = p.x > W - 200;
      const x = right ? p.x - BOX_W / 2 - 6 - w : p.x + BOX_W / 2 + 6;
      const y = p.y - BOX_H / 2 + slot * 20;
      tag.rect.setAttribute('x', x.toFixed(1));
      tag.rect.setAttribute('y', y.toFixed(1));
      tag.rect.setAttribute('width', w.toFixed(1));
      tag.text.setAttribute('x', (x + w / 2).toFixed(1));
      tag.text.setAttribute('y', (y + 13).toFixed(1));
    }
  }
  setCutoff(undefined);
  return { svg: root, legend, setCutoff };
}

/** Each endpoint's state once every change with `order` < `cutoff` happened. */
export function currentStates(result: RunResult, initial: ReadonlyMap<string, string>, cutoff: number | undefined): Map<string, string> {
  const current = new Map(initial);
  for (const c of result.states) if (cutoff === undefined || c.order < cutoff) current.set(c.endpoint, c.to);
  return current;
}

function takenPairs(states: readonly TraceStateChange[]): Set<string> {
  return new Set(states.map((c) => `${c.from}>${c.to}`));
}

function placeStates(graph: StateGraph): Map<string, Point> {
  const places = new Map<string, Point>();
  let spare = 0;
  for (const name of graph.states) {
    const p = PLACES[name];
    if (p) places.set(name, p);
    else places.set(name, { x: 90 + (spare % 5) * 160, y: 790 + Math.floor(spare++ / 5) * 70 });
  }
  return places;
}

function groupEdges(edges: readonly StateGraphEdge[]): DrawnEdge[] {
  const byPair = new Map<string, { from: string; to: string; events: string[] }>();
  for (const e of edges) {
    const key = `${e.from}>${e.to}`;
    const group = byPair.get(key) ?? { from: e.from, to: e.to, events: [] };
    group.events.push(e.event);
    byPair.set(key, group);
  }
  return [...byPair.values()].map((g) => ({ ...g, reset: g.events.every((ev) => RESET_EVENTS.has(ev)) }));
}

function stateBox(name: string, p: Point, parent: SVGElement, ghost: boolean): SVGGElement {
  const g = svg('g', { class: `sd-state${ghost ? ' ghost' : ''}`, 'data-state': name }, parent);
  svg('rect', { x: p.x - BOX_W / 2, y: p.y - BOX_H / 2, width: BOX_W, height: BOX_H, rx: 5 }, g);
  svgText(name, { class: 'sd-state-name', x: p.x, y: p.y + 4 }, g);
  return g;
}

/** Where an edge meets a box's border, heading from the box's centre towards `toward`. */
function border(c: Point, toward: Point): Point {
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : BOX_W / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : BOX_H / 2 / Math.abs(dy);
  const k = Math.min(sx, sy);
  return { x: c.x + dx * k, y: c.y + dy * k };
}

function edgePath(e: DrawnEdge, places: ReadonlyMap<string, Point>, all: readonly DrawnEdge[]): { path: string; head: string; label: Point } {
  const route = ROUTES[`${e.from}>${e.to}`];
  if (route && route.length >= 2) {
    const pts = route;
    const path = `M${pts.map((p) => `${p.x} ${p.y}`).join(' L')}`;
    const a = pts[pts.length - 2]!;
    const b = pts[pts.length - 1]!;
    const mid = longestHorizontalMid(pts);
    return { path, head: arrowHead(a, b), label: { x: mid.x, y: mid.y - 4 } };
  }
  const from = places.get(e.from) ?? { x: 0, y: 0 };
  const to = e.to === 'CLOSED' && ENDS_BELOW.has(e.from) ? CLOSED_END : (places.get(e.to) ?? { x: 0, y: 0 });
  // A pair of opposite edges bows apart; every other edge is straight.
  const reverse = all.some((o) => o.from === e.to && o.to === e.from && (!o.reset || !e.reset));
  const bend = reverse ? 26 : e.reset ? 18 : 0;
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const nx = -dy / len;
  const ny = dx / len;
  const mid = { x: (from.x + to.x) / 2 + nx * bend * 2, y: (from.y + to.y) / 2 + ny * bend * 2 };
  const p0 = border(from, mid);
  const p2 = border(to, mid);
  const path = `M${p0.x.toFixed(1)} ${p0.y.toFixed(1)} Q${mid.x.toFixed(1)} ${mid.y.toFixed(1)} ${p2.x.toFixed(1)} ${p2.y.toFixed(1)}`;
  const label = { x: 0.25 * p0.x + 0.5 * mid.x + 0.25 * p2.x, y: 0.25 * p0.y + 0.5 * mid.y + 0.25 * p2.y - 4 };
  return { path, head: arrowHead(mid, p2), label };
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

function arrowHead(from: Point, tip: Point): string {
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = tip.x - ux * 9;
  const by = tip.y - uy * 9;
  const f = (n: number): string => n.toFixed(1);
  return `${f(tip.x)},${f(tip.y)} ${f(bx - uy * 4)},${f(by + ux * 4)} ${f(bx + uy * 4)},${f(by - ux * 4)}`;
}
