// The ladder diagram of one run, as a fresh <svg id="ladder">. Layers, bottom to top: gap bands,
// lifelines, gap breaks, timers, state boxes, the time gutter, packets, the playback cursor.
//
// A big run is virtualized: the svg keeps the whole run's size (so the scrollbar is true), but
// only the arrows, state boxes and gutter times near the visible rows are in the DOM; `view`
// moves that window as the user scrolls. Playback (`setCutoff`) dims what has not happened yet
// and draws a time cursor, on whatever is in the DOM now and whatever is drawn later.
import type { RunResult } from '../runner/trace';
import { sortDiagnostics, type SortedDiagnostics } from './diagnostics';
import { formatAt } from './format';
import type { Lang, Strings } from './i18n';
import { layout as computeLayout, ROW, type Layout } from './layout';
import { drawLifelines, drawStateChange, drawStates, drawTimers, drawTlsStateChange, initialStateBoxes } from './ladder-lifelines';
import { drawPacket, drawPackets, type PacketContext } from './ladder-packets';
import { drawBreaks, drawGaps, drawGutter, GUTTER_X } from './ladder-time';
import { svg, svgText } from './svg';

/** From this many packets on, only what is near the visible rows is in the DOM. */
export const VIRTUAL_MIN_PACKETS = 400;

export interface Ladder {
  readonly svg: SVGSVGElement;
  readonly layout: Layout;
  readonly diagnostics: SortedDiagnostics;
  readonly virtual: boolean;
  /** Virtual ladders: draws what lies between `top` and `bottom` (layout units), plus a margin. */
  view(top: number, bottom: number): void;
  /** Playback: events with `order` ≥ `cutoff` have not happened yet (undefined: everything has). */
  setCutoff(cutoff: number | undefined, time: number): void;
  /** The arrow of packet `id`, drawing it first if the window did not hold it. */
  packet(id: number): SVGGElement | undefined;
  /** y (layout units) where the event with this `order` is drawn. */
  yOfOrder(order: number): number | undefined;
}

export function drawLadder(result: RunResult, strings: Strings, lang: Lang, opts: { virtual?: boolean } = {}): Ladder {
  const layout = computeLayout(result, lang);
  const diagnostics = sortDiagnostics(result);
  const virtual = opts.virtual ?? result.packets.length >= VIRTUAL_MIN_PACKETS;
  const root = svg('svg', {
    id: 'ladder',
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: layout.width,
    height: layout.height,
    role: 'group',
    'aria-label': strings.ladder,
  });
  if (virtual) root.setAttribute('data-virtual', 'true');
  drawGaps(layout, strings, root);
  const lifelines = svg('g', { class: 'lifelines' }, root);
  drawLifelines(result, layout, lifelines);
  drawBreaks(layout, root);
  drawTimers(result, layout, strings, root);
  const ctx: PacketContext = { layout, strings, lang, diagnostics: diagnostics.onPackets };

  let cutoff: number | undefined;
  let cutoffTime = Infinity;
  const dim = (el: Element): void => {
    if (cutoff === undefined) {
      el.classList.remove('future');
      return;
    }
    const order = el.getAttribute('data-order');
    const start = el.getAttribute('data-start');
    const future = order !== null ? Number(order) >= cutoff : start !== null ? Number(start) > cutoffTime : false;
    el.classList.toggle('future', future);
  };

  let view: (top: number, bottom: number) => void = () => undefined;
  let packetsGroup: SVGGElement;
  let packetWindow: Windowed | undefined;
  if (!virtual) {
    drawStates(result, layout, strings, root);
    drawGutter(layout, root);
    drawPackets(result, ctx, root);
    packetsGroup = root.querySelector<SVGGElement>('g.packets') ?? svg('g', { class: 'packets' }, root);
  } else {
    const states = svg('g', { class: 'states' }, root);
    initialStateBoxes(result, layout, strings, states);
    const stateWindow = new Windowed(svg('g', { class: 'state-window' }, states), layout.states, 0, (i, g) => drawStateChange(result, i, layout, strings, g), dim);
    const tlsWindow = new Windowed(svg('g', { class: 'tls-state-window' }, states), layout.tlsStates, 0, (i, g) => drawTlsStateChange(result, i, layout, strings, g), dim);
    const gutter = svg('g', { class: 'gutter' }, root);
    const rowYs = layout.rows.map((r) => r.y);
    const rowLabels = layout.rows.map((r, i) => {
      const label = formatAt(r.time);
      return i > 0 && formatAt(layout.rows[i - 1]!.time) === label ? '' : label;
    });
    const gutterWindow = new Windowed(gutter, rowYs, 0, (i, g) => {
      const label = rowLabels[i];
      return label ? svgText(label, { class: 'gutter-time', x: GUTTER_X, y: (rowYs[i] ?? 0) + 4 }, g) : undefined;
    }, () => undefined);
    packetsGroup = svg('g', { class: 'packets' }, root);
    const y1s = layout.packets.map((p) => p.y1);
    const span = layout.packets.reduce((m, p) => Math.max(m, p.y2 - p.y1), 0) + ROW * 3;
    const pw = new Windowed(packetsGroup, y1s, span, (i, g) => {
      const p = result.packets[i];
      const place = layout.packets[i];
      return p && place ? drawPacket(p, place, ctx, g, false) : undefined;
    }, dim);
    packetWindow = pw;
    view = (top, bottom) => {
      const margin = Math.max(400, bottom - top);
      stateWindow.show(top - margin, bottom + margin);
      tlsWindow.show(top - margin, bottom + margin);
      gutterWindow.show(top - margin, bottom + margin);
      pw.show(top - margin, bottom + margin);
      if (!packetsGroup.querySelector('g.packet[tabindex="0"]')) packetsGroup.querySelector('g.packet')?.setAttribute('tabindex', '0');
    };
  }

  // The playback cursor: a line across the diagram at the last event that happened.
  const cursor = svg('g', { class: 'time-cursor', visibility: 'hidden' }, root);
  const cursorLine = svg('line', { x1: 0, x2: layout.width, y1: 0, y2: 0 }, cursor);
  const cursorText = svgText('', { class: 'time-cursor-label', x: layout.width - 4, y: 0 }, cursor);

  const orderY = new Map<number, number>();
  result.packets.forEach((p, i) => orderY.set(p.order, layout.packets[i]?.y1 ?? 0));
  result.states.forEach((s, i) => orderY.set(s.order, layout.states[i] ?? 0));
  (result.tlsStates ?? []).forEach((s, i) => orderY.set(s.order, layout.tlsStates[i] ?? 0));

  function setCutoff(next: number | undefined, time: number): void {
    cutoff = next;
    cutoffTime = time;
    for (const el of Array.from(root.querySelectorAll('g.packet, g.state-box:not(.initial), g.tls-state, g.timer'))) dim(el);
    if (next === undefined) {
      cursor.setAttribute('visibility', 'hidden');
      return;
    }
    const y = orderY.get(next - 1) ?? layout.initialStateY + 12;
    cursor.removeAttribute('visibility');
    cursorLine.setAttribute('y1', y.toFixed(1));
    cursorLine.setAttribute('y2', y.toFixed(1));
    cursorText.setAttribute('y', (y - 3).toFixed(1));
    cursorText.textContent = formatAt(time);
  }

  return {
    svg: root,
    layout,
    diagnostics,
    virtual,
    view,
    setCutoff,
    packet(id) {
      const found = packetsGroup.querySelector<SVGGElement>(`g.packet[data-id="${id}"]`);
      if (found || !packetWindow) return found ?? undefined;
      const y = layout.packets[id]?.y1;
      if (y === undefined) return undefined;
      view(y - 200, y + 200);
      return packetsGroup.querySelector<SVGGElement>(`g.packet[data-id="${id}"]`) ?? undefined;
    },
    yOfOrder: (order) => orderY.get(order),
  };
}

/**
 * The elements of one layer whose y lies in a window, kept in order. `ys` is nondecreasing;
 * an element may reach `span` below its y. Moving the window adds and removes only the
 * elements that enter or leave, so a focused arrow that stays in view keeps its focus.
 */
class Windowed {
  private first = 0;
  private end = 0;
  private readonly drawn = new Map<number, Element>();

  constructor(
    private readonly group: SVGGElement,
    private readonly ys: readonly number[],
    private readonly span: number,
    private readonly make: (i: number, parent: DocumentFragment) => Element | undefined,
    private readonly decorate: (el: Element) => void,
  ) {}

  show(top: number, bottom: number): void {
    const first = lowerBound(this.ys, top - this.span);
    const end = lowerBound(this.ys, bottom + 1e-6);
    if (first === this.first && end === this.end) return;
    for (const [i, el] of this.drawn) {
      if (i < first || i >= end) {
        el.remove();
        this.drawn.delete(i);
      }
    }
    // New elements enter above the kept range (prepended, last first) or below it (appended).
    const keptFirst = Math.max(first, this.first);
    const keptEnd = Math.min(end, this.end);
    const hasKept = keptFirst < keptEnd;
    const before = document.createDocumentFragment();
    const after = document.createDocumentFragment();
    for (let i = first; i < end; i++) {
      if (this.drawn.has(i)) continue;
      const el = this.make(i, hasKept && i < keptFirst ? before : after);
      if (!el) continue;
      this.decorate(el);
      this.drawn.set(i, el);
    }
    this.group.prepend(before);
    this.group.append(after);
    this.first = first;
    this.end = end;
  }
}

/** The first index whose value is ≥ `value`. */
function lowerBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
