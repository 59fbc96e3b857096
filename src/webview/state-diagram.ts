// The TCP state diagram, drawn from the engine's own machine (a StateGraph the host computes from
// the xstate definition) and laid out like RFC 9293 Figure 5: CLOSED on top, LISTEN under it,
// SYN_RCVD and SYN_SENT side by side, ESTABLISHED in the centre, the active close down the left,
// the passive close down the right, CLOSING between, TIME_WAIT at the bottom, and — as in the
// figure — a second CLOSED bottom right where the closing paths end. Each endpoint's path over
// it is drawn by `state-paths.ts`.
import type { StateGraph } from '../shared/protocol';
import type { RunResult } from '../runner/trace';
import { initialStates } from './ladder-lifelines';
import type { Strings } from './i18n';
import { drawPaths, type Move } from './state-paths';
import { curve, groupEdges, route, stateBox, type DrawnBox, type DrawnEdge, type EdgeShape, type Point } from './state-shapes';
import { svg, svgText, svgTitle } from './svg';

const W = 820;
const BOX_W = 132;

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

export interface StateDiagram {
  readonly svg: SVGSVGElement;
  /** Shows the diagram as it was once every event with `order` < `cutoff` had happened (undefined: the end). */
  setCutoff(cutoff: number | undefined): void;
}

export function drawStateDiagram(graph: StateGraph, result: RunResult, endpoints: readonly string[], colour: ReadonlyMap<string, number>, s: Strings): StateDiagram {
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
  const taken = new Set(result.states.map((c) => `${c.from}>${c.to}`));

  const edges = groupEdges(graph.edges, RESET_EVENTS);
  const edgeLayer = svg('g', { class: 'sd-edges' }, root);
  const pathLayer = svg('g', { class: 'sd-paths' }, root);
  const stateLayer = svg('g', { class: 'sd-states' }, root);
  const markerLayer = svg('g', { class: 'sd-markers' }, root);

  const drawn = new Map<string, { g: SVGGElement; d: string }>();
  for (const e of edges) {
    const key = `${e.from}>${e.to}`;
    if (e.reset && !taken.has(key)) continue;
    const d = edgePath(e, places, edges);
    const g = svg('g', { class: `sd-edge${e.reset ? ' reset' : ''}`, 'data-from': e.from, 'data-to': e.to }, edgeLayer);
    svgTitle(`${e.from} → ${e.to}: ${e.events.join(', ')}`, g);
    svg('path', { class: 'sd-line', d: d.path }, g);
    svg('polygon', { class: 'sd-head', points: d.head }, g);
    const label = e.events.filter((ev) => !RESET_EVENTS.has(ev) || e.reset).join(' / ');
    svgText(label, { class: 'sd-label', x: d.label.x, y: d.label.y }, g);
    drawn.set(key, { g, d: d.path });
  }

  // States: the figure's boxes, with a second CLOSED where the closing paths end.
  const boxes = new Map<string, DrawnBox>();
  for (const [name, p] of places) boxes.set(name, stateBox(name, p, BOX_W, stateLayer));
  const ghost = places.has('CLOSED') ? stateBox('CLOSED', CLOSED_END, BOX_W, stateLayer, true) : undefined;

  const moves: Move[] = result.states.map((c) => c);
  const paths = drawPaths({
    endpoints,
    colour,
    moves,
    initial: initialStates(result),
    edges: drawn,
    boxes,
    allBoxes: ghost ? [...boxes.values(), ghost] : [...boxes.values()],
    pathLayer,
    markerLayer,
    width: W,
    // An endpoint that closed from the lower half of the figure is in Figure 5's second CLOSED.
    enters: (m) => (m.to === 'CLOSED' && ENDS_BELOW.has(m.from) ? ghost : undefined),
  }, s);
  paths.setCutoff(undefined);
  return { svg: root, setCutoff: paths.setCutoff };
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

function edgePath(e: DrawnEdge, places: ReadonlyMap<string, Point>, all: readonly DrawnEdge[]): EdgeShape {
  const fixed = ROUTES[`${e.from}>${e.to}`];
  if (fixed && fixed.length >= 2) return route(fixed);
  const from = places.get(e.from) ?? { x: 0, y: 0 };
  const to = e.to === 'CLOSED' && ENDS_BELOW.has(e.from) ? CLOSED_END : (places.get(e.to) ?? { x: 0, y: 0 });
  // A pair of opposite edges bows apart; every other edge is straight.
  const reverse = all.some((o) => o.from === e.to && o.to === e.from && (!o.reset || !e.reset));
  return curve(from, to, reverse ? 26 : e.reset ? 18 : 0, BOX_W);
}
