// One arrow per packet, from the sender's lifeline at its send row to the receiver's at its
// arrival row. A dropped packet stops half-way with a ✕; a retransmission is dashed; TLS
// messages ride on the arrow as badges; a diagnostic on the packet's line colours it.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { RunResult, TracePacket } from '../runner/trace';
import { diagnosticLine, diagnosticShort, packetDetails, packetLabel, truncate } from './format';
import type { Lang, Strings } from './i18n';
import { BADGE_MAX_CHARS, DIAG_LINE, badgeWidth, diagnosticLines, type Layout, type PacketPlace } from './layout';
import { severityClass } from './diagnostics';
import { svg, svgText, svgTitle } from './svg';

const HEAD_LEN = 9;
const HEAD_HALF = 4;
const LABEL_MAX_CHARS = 110;

export interface PacketContext {
  readonly layout: Layout;
  readonly strings: Strings;
  readonly lang: Lang;
  readonly diagnostics: ReadonlyMap<number, readonly Diagnostic[]>;
}

export function drawPackets(result: RunResult, ctx: PacketContext, parent: SVGElement): void {
  const g = svg('g', { class: 'packets' }, parent);
  result.packets.forEach((p, i) => {
    const place = ctx.layout.packets[i];
    if (place) drawPacket(p, place, ctx, g, i === 0);
  });
}

/** One arrow, appended to `parent`. */
export function drawPacket(p: TracePacket, place: PacketPlace, ctx: PacketContext, parent: Element | DocumentFragment, first: boolean): SVGGElement | undefined {
  const from = ctx.layout.lifelines.get(p.src);
  const to = ctx.layout.lifelines.get(p.dst);
  if (!from || !to) return undefined;
  const diags = ctx.diagnostics.get(p.line) ?? [];
  const details = packetDetails(p, ctx.strings) + diags.map((d) => `\n${diagnosticLine(d, ctx.lang)}`).join('');

  const classes = ['packet'];
  if (p.dropped) classes.push('dropped');
  if (p.retransmission) classes.push('retransmission');
  if (p.tls.length > 0) classes.push('tls');
  if (p.icmp) classes.push('icmp');
  if (diags[0]) classes.push(severityClass(diags[0].severity));
  const g = svg('g', {
    class: classes.join(' '),
    'data-id': p.id,
    'data-order': p.order,
    'data-line': p.line,
    tabindex: first ? 0 : -1,
    role: 'button',
    'aria-label': details,
  }, parent);
  svgTitle(details, g);

  // Geometry: a dropped packet gets half-way across.
  const x1 = from.x;
  const y1 = place.y1;
  const fullX2 = to.x === from.x ? from.x + 60 : to.x;
  const x2 = p.dropped ? (x1 + fullX2) / 2 : fullX2;
  const y2 = place.y2;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;

  svg('line', { class: 'hit', x1, y1, x2, y2 }, g);
  const shaftEnd = p.dropped ? { x: x2, y: y2 } : { x: x2 - ux * HEAD_LEN, y: y2 - uy * HEAD_LEN };
  svg('line', { class: 'shaft', x1, y1, x2: shaftEnd.x, y2: shaftEnd.y }, g);
  if (p.dropped) {
    svg('path', { class: 'drop-mark', d: `M${x2 - 6} ${y2 - 6} l12 12 M${x2 + 6} ${y2 - 6} l-12 12` }, g);
  } else {
    const bx = x2 - ux * HEAD_LEN;
    const by = y2 - uy * HEAD_LEN;
    svg('polygon', {
      class: 'head',
      points: `${x2},${y2} ${bx - uy * HEAD_HALF},${by + ux * HEAD_HALF} ${bx + uy * HEAD_HALF},${by - ux * HEAD_HALF}`,
    }, g);
  }

  // Text rides along the arrow, always reading left to right.
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const angle = (Math.atan2(dx < 0 ? -dy : dy, Math.abs(dx)) * 180) / Math.PI;
  const along = svg('g', { class: 'along', transform: `rotate(${angle.toFixed(2)} ${mx.toFixed(1)} ${my.toFixed(1)})` }, g);
  svgText(truncate(packetLabel(p), LABEL_MAX_CHARS), { class: 'label', x: mx, y: my - 5 }, along);
  let below = my + 5;
  below = drawBadges(p, mx, below, Math.abs(dx) * 0.8, along);
  const worst = diags[0];
  if (worst) {
    const text = svg('text', { class: 'diagnostic-message', x: mx, y: below + 9 }, along);
    diagnosticLines(diagnosticShort(worst, ctx.lang), ctx.layout.laneWidth).forEach((line, n) => {
      svg('tspan', { x: mx, dy: n === 0 ? 0 : DIAG_LINE }, text).textContent = line;
    });
  }
  return g;
}

/** TLS message names as small rounded badges, centred under the arrow, wrapping as needed. */
function drawBadges(p: TracePacket, mx: number, top: number, room: number, parent: SVGElement): number {
  const names = p.tls.flatMap((r) => r.messages.map((m) => ({ name: m, type: r.type })));
  if (names.length === 0) return top;
  const lines: { name: string; type: string }[][] = [[]];
  let used = 0;
  for (const n of names) {
    const w = badgeWidth(n.name);
    const current = lines[lines.length - 1]!;
    if (current.length > 0 && used + w > room) {
      lines.push([n]);
      used = w + 4;
    } else {
      current.push(n);
      used += w + 4;
    }
  }
  let y = top;
  for (const line of lines) {
    const total = line.reduce((sum, n) => sum + badgeWidth(n.name) + 4, -4);
    let x = mx - total / 2;
    for (const n of line) {
      const w = badgeWidth(n.name);
      const type = n.type.replace(/[^a-z_]/g, '');
      const badge = svg('g', { class: `tls-badge tls-${type === '' ? 'unknown' : type}` }, parent);
      svgTitle(`TLS ${n.type}: ${n.name}`, badge);
      svg('rect', { x, y, width: w, height: 13, rx: 6.5 }, badge);
      svgText(truncate(n.name, BADGE_MAX_CHARS), { x: x + w / 2, y: y + 9.5 }, badge);
      x += w + 4;
    }
    y += 16;
  }
  return y;
}
