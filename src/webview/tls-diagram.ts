// One TLS handshake machine as a state diagram, drawn from the engine's own machine (a
// StateGraph the host computes from the xstate definition the run used) and laid out top-down
// like the figures of RFC 8446 Appendix A and RFC 5246 §7.3: START on top, each state one layer
// below the longest way to it, an optional step (ServerKeyExchange) beside the line and the edge
// that skips it routed down the left margin, a message a state takes and stays in (a session
// ticket, a KeyUpdate) as a loop on the right. Close and fatal-alert edges, which every state has,
// are drawn only when an endpoint took one; their CLOSED and FAILED sit side by side at the bottom.
// Each endpoint's path over it is drawn by `state-paths.ts`, as on the TCP diagram.
import type { StateGraph } from '../shared/protocol';
import type { RunResult } from '../runner/trace';
import type { Strings } from './i18n';
import { drawPaths, type Move, type Paths } from './state-paths';
import { BOX_H, curve, groupEdges, route, selfLoop, stateBox, type DrawnBox, type DrawnEdge, type EdgeShape, type Point } from './state-shapes';
import { svg, svgText, svgTitle } from './svg';

const BOX_W = 212;
const LAYER_H = 74;
const TOP = 64;
const LANE = 16;
const W = 640;
/** The line of states; tags go left of it, loops and their labels right. */
const CX = 240;

/** Events every handshake state has (close_notify, a fatal alert): drawn only when taken. */
const END_EVENTS = new Set(['CLOSE', 'FATAL_ALERT']);

export interface TlsDiagram {
  readonly svg: SVGSVGElement;
  setCutoff(cutoff: number | undefined): void;
}

export function drawTlsDiagram(machine: string, graph: StateGraph, result: RunResult, colour: ReadonlyMap<string, number>, s: Strings): TlsDiagram {
  const moves: Move[] = (result.tlsStates ?? []).filter((c) => c.machine === machine);
  const taken = new Set(moves.map((m) => `${m.from}>${m.to}`));
  const edges = groupEdges(graph.edges, END_EVENTS).filter((e) => !e.reset || taken.has(`${e.from}>${e.to}`));
  const places = placeStates(graph, edges);
  const height = Math.max(...[...places.values()].map((p) => p.y)) + BOX_H / 2 + 24;
  const title = machineTitle(machine, s);
  const root = svg('svg', {
    class: 'tls-diagram',
    'data-machine': machine,
    viewBox: `0 0 ${W} ${height}`,
    width: W,
    height,
    role: 'group',
    'aria-label': `${title}. ${s.tlsDiagramPaths}`,
  });
  svgText(title, { class: 'sd-caption', x: 16, y: 24 }, root);

  const edgeLayer = svg('g', { class: 'sd-edges' }, root);
  const pathLayer = svg('g', { class: 'sd-paths' }, root);
  const stateLayer = svg('g', { class: 'sd-states' }, root);
  const markerLayer = svg('g', { class: 'sd-markers' }, root);

  const drawn = new Map<string, { g: SVGGElement; d: string }>();
  const lanes = { next: 0 };
  for (const e of edges) {
    const shape = edgeShape(e, places, lanes);
    const g = svg('g', { class: `sd-edge${e.reset ? ' reset' : ''}`, 'data-from': e.from, 'data-to': e.to }, edgeLayer);
    svgTitle(`${e.from} → ${e.to}: ${e.events.join(', ')}`, g);
    svg('path', { class: 'sd-line', d: shape.path }, g);
    svg('polygon', { class: 'sd-head', points: shape.head }, g);
    svgText(e.events.join(' / '), { class: `sd-label${shape.anchor ? ` ${shape.anchor}` : ''}`, x: shape.label.x, y: shape.label.y }, g);
    drawn.set(`${e.from}>${e.to}`, { g, d: shape.path });
  }

  const boxes = new Map<string, DrawnBox>();
  for (const [name, p] of places) boxes.set(name, stateBox(name, p, BOX_W, stateLayer));

  const initial = new Map<string, string>();
  for (const m of moves) if (!initial.has(m.endpoint)) initial.set(m.endpoint, m.from);
  const endpoints = [...colour.keys()].filter((name) => initial.has(name));
  for (const name of initial.keys()) if (!endpoints.includes(name)) endpoints.push(name);
  const paths: Paths = drawPaths({
    endpoints,
    colour,
    moves,
    initial,
    edges: drawn,
    boxes,
    allBoxes: [...boxes.values()],
    pathLayer,
    markerLayer,
    width: W,
    // Left of the line (its right has the loops' labels); right of a state that stands aside.
    tagRight: (box) => box.p.x > CX,
  }, s);
  paths.setCutoff(undefined);
  return { svg: root, setCutoff: paths.setCutoff };
}

/** `tls13-client` → "TLS 1.3 client handshake (RFC 8446 Appendix A)"; another id as it is. */
export function machineTitle(machine: string, s: Strings): string {
  const m = /^tls1([23])-(client|server)$/.exec(machine);
  if (!m) return `${s.tlsHandshake} (${machine})`;
  const role = m[2] === 'client' ? s.tlsClient : s.tlsServer;
  const rfc = m[1] === '3' ? s.rfc8446 : s.rfc5246;
  return s.tlsDiagram.replace('{version}', `1.${m[1] ?? ''}`).replace('{role}', role).replace('{rfc}', rfc);
}

/**
 * Layers by the longest way from the initial state (loops and end edges aside); states in a
 * layer side by side, a lone state that a longer edge skips moved right of the line; states no
 * forward edge reaches (CLOSED, FAILED) side by side below everything.
 */
function placeStates(graph: StateGraph, edges: readonly DrawnEdge[]): Map<string, Point> {
  const forward = graph.edges.filter((e) => e.from !== e.to && !END_EVENTS.has(e.event));
  const layer = new Map<string, number>([[graph.initial, 0]]);
  for (let round = 0; round < graph.states.length; round++) {
    let changed = false;
    for (const e of forward) {
      const from = layer.get(e.from);
      if (from === undefined) continue;
      if ((layer.get(e.to) ?? -1) < from + 1 && from + 1 < graph.states.length) {
        layer.set(e.to, from + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const deepest = Math.max(0, ...layer.values());
  const rows = new Map<number, string[]>();
  const unplaced = graph.states.filter((name) => !layer.has(name));
  for (const name of graph.states) {
    const l = layer.get(name);
    if (l === undefined) continue;
    rows.set(l, [...(rows.get(l) ?? []), name]);
  }
  if (unplaced.length > 0) rows.set(deepest + 1, unplaced);

  const skipped = new Set<number>();
  for (const e of edges) {
    const a = layer.get(e.from);
    const b = layer.get(e.to);
    if (a !== undefined && b !== undefined) for (let l = Math.min(a, b) + 1; l < Math.max(a, b); l++) skipped.add(l);
  }
  const places = new Map<string, Point>();
  for (const [l, names] of rows) {
    const y = TOP + l * LAYER_H;
    const aside = names.length === 1 && skipped.has(l) ? BOX_W / 2 + 20 : 0;
    names.forEach((name, i) => {
      places.set(name, { x: CX + aside + (i - (names.length - 1) / 2) * (BOX_W + 24), y });
    });
  }
  return places;
}

/**
 * Straight down the line (its label right of it, or left when it skips a layer whose state
 * stands aside); aslant to and from a state aside (label right); a state to itself: a loop;
 * across and down past a layer: round the left margin,
 * each such edge in its own lane; anything else (an end edge, a way back up): a bowed curve.
 */
function edgeShape(e: DrawnEdge, places: ReadonlyMap<string, Point>, lanes: { next: number }): EdgeShape {
  const from = places.get(e.from) ?? { x: 0, y: 0 };
  const to = places.get(e.to) ?? { x: 0, y: 0 };
  if (e.from === e.to) return selfLoop(from, BOX_W);
  const layers = Math.round((to.y - from.y) / LAYER_H);
  if (!e.reset && layers === 1 && from.x !== to.x) {
    const shape = curve(from, to, 0, BOX_W);
    return { ...shape, label: { x: (from.x + to.x) / 2 + 12, y: (from.y + to.y) / 2 + 4 }, anchor: 'start' };
  }
  if (!e.reset && layers >= 1 && from.x === to.x) {
    const shape = curve(from, to, 0, BOX_W);
    const y = (from.y + to.y) / 2 + 4;
    return layers === 1 ? { ...shape, label: { x: from.x + 8, y }, anchor: 'start' } : { ...shape, label: { x: from.x - 8, y }, anchor: 'end' };
  }
  if (!e.reset && layers > 1) {
    const x = Math.min(from.x, to.x) - BOX_W / 2 - 22 - LANE * lanes.next++;
    const shape = route([
      { x: from.x - BOX_W / 2, y: from.y },
      { x, y: from.y },
      { x, y: to.y },
      { x: to.x - BOX_W / 2, y: to.y },
    ]);
    return { ...shape, label: { x: x - 4, y: (from.y + to.y) / 2 + 4 }, anchor: 'end' };
  }
  return curve(from, to, 18, BOX_W);
}
