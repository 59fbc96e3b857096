// Each endpoint's path over a state diagram (the TCP machine or a TLS handshake machine): the
// edges it took (one colour per endpoint, offset so two endpoints on one edge both show), dots on
// the states it visited, a tag naming it on the state it is in at the playback step — and, on
// every edge and state the run took, the script line of the step that took it, so a click or
// Enter reveals that line (`data-line`, a roving tab stop, a screen-reader label).
import type { RunResult } from '../runner/trace';
import type { Strings } from './i18n';
import { endpointNames } from './layout';
import type { DrawnBox } from './state-shapes';
import { BOX_H } from './state-shapes';
import { svg, svgText } from './svg';

const COLOURS = 6;

/** A move of one endpoint's machine: a TCP or a TLS state change of the trace. */
export interface Move {
  readonly endpoint: string;
  readonly from: string;
  readonly to: string;
  readonly order: number;
  readonly line: number;
}

/** The endpoints the diagrams follow, each with its colour (the same in every diagram and the legend). */
export function endpointColours(result: RunResult): Map<string, number> {
  // Endpoints with a TCP stack, and any other whose state changed (a raw packet source has none).
  const names = endpointNames(result).filter((name) =>
    result.states.some((c) => c.endpoint === name) || result.endpoints.some((e) => e.name === name && e.kind === 'stack'));
  return new Map(names.map((name, i) => [name, i % COLOURS]));
}

export interface PathsInput {
  /** The endpoints on this diagram, in legend order. */
  readonly endpoints: readonly string[];
  readonly colour: ReadonlyMap<string, number>;
  /** This machine's moves, in run order. */
  readonly moves: readonly Move[];
  /** Each endpoint's state before its first move. */
  readonly initial: ReadonlyMap<string, string>;
  /** The drawn arrows (`from>to` → group with its path) and boxes of the diagram. */
  readonly edges: ReadonlyMap<string, { readonly g: SVGGElement; readonly d: string }>;
  readonly boxes: ReadonlyMap<string, DrawnBox>;
  /** `boxes` and any box a state has twice (TCP's second CLOSED). */
  readonly allBoxes: readonly DrawnBox[];
  readonly pathLayer: SVGElement;
  readonly markerLayer: SVGElement;
  /** Tags go on a box's right, or its left when that is near the right edge (or `tagRight` says no). */
  readonly width: number;
  readonly tagRight?: (box: DrawnBox) => boolean;
  /** The box a move ends in, if not `boxes.get(move.to)` (TCP's second CLOSED). */
  readonly enters?: (move: Move) => DrawnBox | undefined;
}

export interface Paths {
  /** Shows the paths as they were once every event with `order` < `cutoff` had happened (undefined: the end). */
  setCutoff(cutoff: number | undefined): void;
}

export function drawPaths(input: PathsInput, s: Strings): Paths {
  const { endpoints, colour, moves, edges, boxes } = input;
  const ep = (name: string): number => colour.get(name) ?? 0;
  const enters = (m: Move): DrawnBox | undefined => input.enters?.(m) ?? boxes.get(m.to);

  // The taken edges, each move once, side by side per endpoint.
  const overlays: { el: SVGPathElement; order: number }[] = [];
  endpoints.forEach((name, i) => {
    const offset = (i - (endpoints.length - 1) / 2) * 3.5;
    for (const move of moves) {
      if (move.endpoint !== name) continue;
      const edge = edges.get(`${move.from}>${move.to}`);
      if (!edge) continue;
      const el = svg('path', {
        class: `sd-taken ep-${ep(name)}`,
        d: edge.d,
        'data-endpoint': name,
        'data-from': move.from,
        'data-to': move.to,
        'data-line': move.line,
        'data-order': move.order,
        transform: `translate(${offset} ${offset})`,
      }, input.pathLayer);
      overlays.push({ el, order: move.order });
    }
  });

  // Visited dots along each box's bottom.
  const visits: { el: SVGElement; order: number }[] = [];
  endpoints.forEach((name, i) => {
    const seen = new Map<DrawnBox, number>();
    const start = boxes.get(input.initial.get(name) ?? '');
    if (start) seen.set(start, -1);
    for (const m of moves) {
      const box = m.endpoint === name ? enters(m) : undefined;
      if (box && !seen.has(box)) seen.set(box, m.order);
    }
    for (const [box, order] of seen) {
      const dot = svg('circle', {
        class: `sd-visited ep-${ep(name)}`,
        'data-endpoint': name,
        'data-state': box.g.getAttribute('data-state') ?? '',
        cx: box.p.x - box.w / 2 + 10 + i * 10,
        cy: box.p.y + BOX_H / 2 - 7,
        r: 3.5,
      }, input.markerLayer);
      visits.push({ el: dot, order });
    }
  });

  markRevealable(moves, edges, input.allBoxes, enters, s);

  const tags = endpoints.map((name) => {
    const g = svg('g', { class: `sd-current ep-${ep(name)}`, 'data-endpoint': name }, input.markerLayer);
    const rect = svg('rect', { rx: 4, height: 18 }, g);
    const text = svgText(name.length > 14 ? `${name.slice(0, 14)}…` : name, { class: 'sd-current-name' }, g);
    return { name, g, rect, text };
  });

  function setCutoff(cutoff: number | undefined): void {
    const happened = (order: number): boolean => cutoff === undefined || order < cutoff;
    for (const o of overlays) o.el.classList.toggle('future', !happened(o.order));
    for (const v of visits) v.el.classList.toggle('future', !happened(v.order));
    const current = new Map<string, { state: string; box: DrawnBox | undefined }>();
    for (const [name, state] of input.initial) current.set(name, { state, box: boxes.get(state) });
    for (const m of moves) if (happened(m.order)) current.set(m.endpoint, { state: m.to, box: enters(m) });
    for (const box of input.allBoxes) box.g.classList.remove('current');
    const slots = new Map<DrawnBox, number>();
    for (const tag of tags) {
      const at = current.get(tag.name);
      const box = at?.box;
      tag.g.setAttribute('data-state', at?.state ?? '');
      if (!box) {
        tag.g.setAttribute('visibility', 'hidden');
        continue;
      }
      tag.g.removeAttribute('visibility');
      box.g.classList.add('current');
      const slot = slots.get(box) ?? 0;
      slots.set(box, slot + 1);
      const w = Math.max(40, tag.text.textContent.length * 6.6 + 12);
      const right = (input.tagRight?.(box) ?? true) && box.p.x + box.w / 2 + 6 + w <= input.width;
      const x = right ? box.p.x + box.w / 2 + 6 : box.p.x - box.w / 2 - 6 - w;
      const y = box.p.y - BOX_H / 2 + slot * 20;
      tag.rect.setAttribute('x', x.toFixed(1));
      tag.rect.setAttribute('y', y.toFixed(1));
      tag.rect.setAttribute('width', w.toFixed(1));
      tag.text.setAttribute('x', (x + w / 2).toFixed(1));
      tag.text.setAttribute('y', (y + 13).toFixed(1));
    }
  }
  return { setCutoff };
}

/**
 * Every edge and state the run took gets the script line of the first step that took it (the
 * first with a line), its run order, and a label saying so; the first of them in run order is
 * the diagram's tab stop.
 */
function markRevealable(moves: readonly Move[], edges: PathsInput['edges'], boxes: readonly DrawnBox[], enters: (m: Move) => DrawnBox | undefined, s: Strings): void {
  const targets: { el: SVGGElement; order: number }[] = [];
  const mark = (el: SVGGElement, taken: readonly Move[], name: string): void => {
    const first = taken.find((m) => m.line > 0) ?? taken[0];
    if (!first) return;
    el.classList.add('taken');
    const by = [...new Set(taken.map((m) => m.endpoint))].join(', ');
    el.setAttribute('aria-label', `${name}: ${by}` + (first.line > 0 ? ` (${s.line} ${first.line}). ${s.revealHint}` : ''));
    if (first.line <= 0) return;
    el.classList.add('revealable');
    el.setAttribute('data-line', String(first.line));
    el.setAttribute('data-order', String(first.order));
    el.setAttribute('role', 'button');
    el.setAttribute('tabindex', '-1');
    targets.push({ el, order: first.order });
  };
  for (const [key, edge] of edges) {
    const [from, to] = key.split('>');
    mark(edge.g, moves.filter((m) => `${m.from}>${m.to}` === key), `${from ?? ''} → ${to ?? ''}`);
  }
  for (const box of boxes) mark(box.g, moves.filter((m) => enters(m) === box), box.g.getAttribute('data-state') ?? '');
  targets.sort((a, b) => a.order - b.order);
  targets[0]?.el.setAttribute('tabindex', '0');
}
