// The State machine tab: the legend of endpoints, the TCP state diagram, and below it the
// diagram of each TLS handshake machine the run used — all following the playback step.
import type { StateGraph } from '../shared/protocol';
import type { RunResult } from '../runner/trace';
import type { Strings } from './i18n';
import { drawStateDiagram } from './state-diagram';
import { endpointColours } from './state-paths';
import { drawTlsDiagram } from './tls-diagram';
import { html, svg } from './svg';

export interface StateView {
  /** The legend, the TCP diagram, and the TLS diagrams' row, in page order. */
  readonly nodes: readonly (HTMLElement | SVGSVGElement)[];
  /** Every diagram: the TCP one first, then one per TLS machine. */
  readonly svgs: readonly SVGSVGElement[];
  /** Shows every diagram as it was once every event with `order` < `cutoff` had happened (undefined: the end). */
  setCutoff(cutoff: number | undefined): void;
}

export function drawStateView(tcp: StateGraph, tls: Readonly<Record<string, StateGraph>>, result: RunResult, s: Strings): StateView {
  const colour = endpointColours(result);
  const tcpDiagram = drawStateDiagram(tcp, result, [...colour.keys()], colour, s);
  const machines = Object.entries(tls).filter(([machine]) => (result.tlsStates ?? []).some((c) => c.machine === machine));
  const tlsDiagrams = machines.map(([machine, graph]) => drawTlsDiagram(machine, graph, result, colour, s));

  const legend = html('div', { id: 'state-legend', class: 'legend' });
  html('span', { class: 'legend-title' }, legend, s.legend);
  for (const [name, c] of colour) {
    const item = html('span', { class: `legend-item ep-${c}`, 'data-endpoint': name }, legend);
    html('span', { class: 'legend-swatch', 'aria-hidden': 'true' }, item);
    html('span', { class: 'legend-name' }, item, name);
  }
  html('span', { class: 'legend-note' }, legend, tlsDiagrams.length > 0 ? `${s.resetNote} ${s.tlsEndNote}` : s.resetNote);

  const nodes: (HTMLElement | SVGSVGElement)[] = [legend, tcpDiagram.svg];
  if (tlsDiagrams.length > 0) {
    const row = html('div', { class: 'tls-diagrams' });
    row.append(...tlsDiagrams.map((d) => d.svg));
    nodes.push(row);
  }
  const all = [tcpDiagram, ...tlsDiagrams];
  return {
    nodes,
    svgs: all.map((d) => d.svg),
    setCutoff(cutoff) {
      for (const d of all) d.setCutoff(cutoff);
    },
  };
}

const GAP = 24;

/**
 * Every diagram of a view as one `<svg class="state-export">` for SVG/PNG export: the TCP diagram
 * on top, the TLS diagrams side by side under it, each moved into a `<g>` at its place.
 */
export function stackedDiagrams(view: StateView): { svg: SVGSVGElement; width: number; height: number } {
  const [tcp, ...tls] = view.svgs.map((el) => ({ el, box: el.viewBox.baseVal }));
  const tlsWidth = tls.reduce((w, d) => w + d.box.width, 0) + GAP * Math.max(0, tls.length - 1);
  const width = Math.max(tcp?.box.width ?? 0, tlsWidth);
  const tlsTop = (tcp?.box.height ?? 0) + (tls.length > 0 ? GAP : 0);
  const height = tlsTop + Math.max(0, ...tls.map((d) => d.box.height));
  const root = svg('svg', { class: 'state-export', viewBox: `0 0 ${width} ${height}`, width, height });
  const place = (el: SVGSVGElement, x: number, y: number): void => {
    const g = svg('g', { class: el.getAttribute('class') ?? 'state-diagram', transform: `translate(${x} ${y})` }, root);
    const machine = el.getAttribute('data-machine');
    if (machine) g.setAttribute('data-machine', machine);
    g.append(...Array.from(el.childNodes));
  };
  if (tcp) place(tcp.el, (width - tcp.box.width) / 2, 0);
  let x = (width - tlsWidth) / 2;
  for (const d of tls) {
    place(d.el, x, tlsTop);
    x += d.box.width + GAP;
  }
  return { svg: root, width, height };
}
