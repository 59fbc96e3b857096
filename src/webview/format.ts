// How numbers and packets read in the panel: virtual times, fallback labels, tooltips.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { TracePacket, TraceTimer } from '../runner/trace';
import type { Lang, Strings } from './i18n';

/** An absolute virtual time for the gutter: `@0.010s`, `@63s`. */
export function formatAt(seconds: number): string {
  return `@${formatSeconds(seconds, 3)}s`;
}

/** A span of virtual time: `60s`, `1.5s`, `10ms`, `250us`. */
export function formatSpan(seconds: number): string {
  if (seconds >= 1 || seconds === 0) return `${trimZeros(seconds.toFixed(3))}s`;
  if (seconds >= 0.001) return `${trimZeros((seconds * 1e3).toFixed(3))}ms`;
  return `${trimZeros((seconds * 1e6).toFixed(1))}us`;
}

function formatSeconds(seconds: number, digits: number): string {
  if (Number.isInteger(seconds)) return String(seconds);
  const fixed = seconds.toFixed(digits);
  // Sub-millisecond times keep their precision rather than collapsing to @0.000s.
  return Number(fixed) === seconds || Math.abs(seconds) >= 1e-3 ? fixed : trimZeros(seconds.toFixed(6));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** What an arrow says: the script's own label, else flags and sequence numbers. */
export function packetLabel(p: TracePacket): string {
  if (p.label.trim() !== '') return p.label;
  const flags = p.flags.length > 0 ? p.flags.join(',') : '.';
  const ack = p.flags.includes('ACK') ? ` ack=${p.ack}` : '';
  const len = p.len > 0 ? ` len=${p.len}` : '';
  return `${flags} seq=${p.seq}${ack}${len}`;
}

/** The arrow's tooltip and accessible name: every field, absolute numbers, both times. */
export function packetDetails(p: TracePacket, s: Strings): string {
  if (p.icmp) return icmpDetails(p, p.icmp, s);
  const lines = [
    `${p.src} (${p.srcAddr}) → ${p.dst} (${p.dstAddr})`,
    `${p.flags.join(',') || '.'} seq=${p.seq} ack=${p.ack} ${s.len}=${p.len} ${s.win}=${p.win}`,
    `${s.options}: ${p.options.length > 0 ? p.options.join(', ') : s.none}`,
    `${s.sent} ${formatAt(p.time)}` +
      (p.dropped ? `, ${s.droppedAt} ${formatAt(p.time)}` : `, ${s.arrived} ${formatAt(p.arrival)}`),
  ];
  if (p.retransmission) lines.push(s.retransmission);
  for (const r of p.tls) lines.push(`TLS ${r.type}: ${r.messages.join(', ')}`);
  if (p.payloadHex !== '') lines.push(`payload ${truncate(p.payloadHex, 64)}`);
  if (p.line > 0) lines.push(`${s.line} ${p.line} — ${s.revealHint}`);
  return lines.join('\n');
}

/** An ICMP error: its type and code, and the segment it quotes. */
function icmpDetails(p: TracePacket, icmp: NonNullable<TracePacket['icmp']>, s: Strings): string {
  const q = icmp.quoted;
  const lines = [
    `${p.src} (${p.srcAddr.replace(/:0$/, '')}) → ${p.dst} (${p.dstAddr})`,
    `${s.icmpError}: ${icmp.type === 1 ? 'ICMPv6 ' : ''}type ${icmp.type} code ${icmp.code} (${icmp.kind} unreachable)${icmp.mtu ? ` mtu ${icmp.mtu}` : ''}`,
    `${s.icmpQuotes}: ${q.srcAddr} → ${q.dstAddr} ${q.flags.join(',') || '.'} seq=${q.seq} ack=${q.ack} ${s.len}=${q.len}`,
    `${s.sent} ${formatAt(p.time)}` + (p.dropped ? `, ${s.droppedAt} ${formatAt(p.time)}` : `, ${s.arrived} ${formatAt(p.arrival)}`),
  ];
  if (p.line > 0) lines.push(`${s.line} ${p.line} — ${s.revealHint}`);
  return lines.join('\n');
}

export function timerDetails(t: TraceTimer, s: Strings): string {
  return `${s.timer} ${t.kind}: ${formatAt(t.start)} → ${formatAt(t.end)} (${formatSpan(t.end - t.start)}), ${
    t.fired ? s.fired : s.cancelled
  }`;
}

export function diagnosticMessage(d: Diagnostic, lang: Lang): string {
  return lang === 'zh' && d.messageZh !== '' ? d.messageZh : d.message;
}

/** What an arrow says under itself: `message (RFC 9293 §3.4)`. */
export function diagnosticShort(d: Diagnostic, lang: Lang): string {
  return `${diagnosticMessage(d, lang)}${d.rfc ? ` (${d.rfc})` : ''}`;
}

/** `TCP-SYN-CONSUMES-SEQ: message (RFC 9293 §3.4)` */
export function diagnosticLine(d: Diagnostic, lang: Lang): string {
  return `${d.id}: ${diagnosticMessage(d, lang)}${d.rfc ? ` (${d.rfc})` : ''}`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Roughly how wide `text` is at `px` font size: CJK characters are about twice as wide. */
export function textWidth(text: string, px: number): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? px : px * 0.6;
  return w;
}

/** Breaks `text` into at most `maxLines` lines no wider than `maxWidth`, at spaces where it can. */
export function wrapText(text: string, maxWidth: number, px: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  const tokens = text.match(/\S+\s*|\s+/g) ?? [];
  for (const token of tokens) {
    for (const piece of splitLong(token, maxWidth, px)) {
      if (current !== '' && textWidth(current + piece.trimEnd(), px) > maxWidth) {
        lines.push(current);
        current = '';
      }
      current += piece;
    }
  }
  if (current.trim() !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''}…`;
  return kept;
}

/** A token wider than a line (CJK text has no spaces) is cut into line-sized pieces. */
function splitLong(token: string, maxWidth: number, px: number): string[] {
  if (textWidth(token, px) <= maxWidth) return [token];
  const pieces: string[] = [];
  let piece = '';
  for (const ch of token) {
    if (piece !== '' && textWidth(piece + ch, px) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
