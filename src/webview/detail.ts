// The packet detail pane: everything known about one packet — header fields, options, payload as
// hex and as (escaped) text, its TLS records, and the diagnostics on its script line with their
// explanation. Everything from the trace goes in as text.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { TracePacket } from '../runner/trace';
import { lineOf, severityClass } from './diagnostics';
import { diagnosticMessage, formatAt, packetLabel } from './format';
import type { Lang, Strings } from './i18n';
import { html } from './svg';

/** Bytes shown in the hex dump (the trace itself may already be truncated; `len` is exact). */
const DUMP_MAX_BYTES = 4096;

export function fillDetail(pane: HTMLElement, p: TracePacket, diagnostics: readonly Diagnostic[], s: Strings, lang: Lang, onClose: () => void, reveal: (line: number) => void): void {
  pane.replaceChildren();
  pane.hidden = false;
  pane.setAttribute('data-id', String(p.id));
  const head = html('div', { class: 'detail-head' }, pane);
  html('h2', { id: 'detail-title' }, head, `${s.detail} #${p.id}: ${packetLabel(p)}`);
  const close = html('button', { type: 'button', id: 'detail-close', class: 'detail-close', title: s.closeDetail, 'aria-label': s.closeDetail }, head, '×');
  close.addEventListener('click', onClose);

  const table = html('dl', { class: 'detail-fields' }, pane);
  const row = (key: string, name: string, value: string): void => {
    html('dt', { 'data-field': key }, table, name);
    html('dd', { 'data-field': key }, table, value);
  };
  row('from', s.from, `${p.src} (${p.srcAddr})`);
  row('to', s.to, `${p.dst} (${p.dstAddr})`);
  if (p.icmp) {
    const q = p.icmp.quoted;
    row('icmp', s.icmpError, `${p.icmp.type === 1 ? 'ICMPv6 ' : ''}type ${p.icmp.type} code ${p.icmp.code} (${p.icmp.kind} unreachable)${p.icmp.mtu ? `, mtu ${p.icmp.mtu}` : ''}`);
    row('quoted', s.icmpQuotes, `${q.srcAddr} → ${q.dstAddr} ${q.flags.join(',') || '.'} seq=${q.seq} ack=${q.ack} len=${q.len}`);
  }
  row('flags', s.flags, p.flags.length > 0 ? p.flags.join(',') : '.');
  row('seq', s.seq, String(p.seq));
  row('ack', s.ack, String(p.ack));
  row('len', s.len, String(p.len));
  row('win', s.win, String(p.win));
  row('options', s.options, p.options.length > 0 ? p.options.join(', ') : s.none);
  row('sent', s.sentAt, formatAt(p.time));
  row('fate', s.fate, p.dropped ? `${s.droppedAt} ${formatAt(p.time)}` : `${s.delivered}, ${s.arrivedAt} ${formatAt(p.arrival)}`);
  if (p.retransmission) row('retransmission', s.retransmission, '✓');
  if (p.line > 0) {
    html('dt', { 'data-field': 'line' }, table, s.scriptLine);
    const dd = html('dd', { 'data-field': 'line' }, table);
    const link = html('button', { type: 'button', class: 'detail-line' }, dd, `${s.line} ${p.line}`);
    link.addEventListener('click', () => reveal(p.line));
  }

  if (p.tls.length > 0) {
    html('h3', {}, pane, s.tlsRecords);
    const list = html('ul', { class: 'detail-tls' }, pane);
    for (const r of p.tls) html('li', {}, list, `${r.type}: ${r.messages.join(', ')}`);
  }

  html('h3', {}, pane, `${s.payload} (${p.len})`);
  if (p.payloadHex === '') html('p', { class: 'detail-none' }, pane, s.noPayload);
  else {
    const bytes = hexBytes(p.payloadHex).slice(0, DUMP_MAX_BYTES);
    html('pre', { id: 'detail-hex', class: 'detail-dump', 'aria-label': s.payloadHex }, pane, hexDump(bytes));
    html('pre', { id: 'detail-text', class: 'detail-dump', 'aria-label': s.payloadText }, pane, printable(bytes));
  }

  if (diagnostics.length > 0) {
    html('h3', {}, pane, s.diagnosticsOnPacket);
    const list = html('ul', { class: 'detail-diagnostics' }, pane);
    for (const d of diagnostics) {
      const item = html('li', { class: `problem ${severityClass(d.severity)}`, 'data-line': lineOf(d) }, list);
      html('span', { class: 'problem-severity' }, item, s[d.severity]);
      html('span', { class: 'problem-id' }, item, d.id);
      html('span', { class: 'problem-message' }, item, diagnosticMessage(d, lang));
      if (d.rfc) html('span', { class: 'problem-rfc' }, item, d.rfc);
      const fixTitle = lang === 'zh' ? (d.fix?.titleZh ?? d.fix?.title) : d.fix?.title;
      if (fixTitle) html('span', { class: 'problem-fix' }, item, `${s.fix}: ${fixTitle}`);
    }
  }
}

export function hexBytes(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    if (Number.isNaN(b)) break;
    bytes.push(b);
  }
  return bytes;
}

/** `0000  48 45 4c 4c 4f 0a …  HELLO.` lines of 16 bytes. */
export function hexDump(bytes: readonly number[]): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const chunk = bytes.slice(i, i + 16);
    const hex = chunk.map((b) => b.toString(16).padStart(2, '0')).join(' ').padEnd(47, ' ');
    lines.push(`${i.toString(16).padStart(4, '0')}  ${hex}  ${chunk.map(printableChar).join('')}`);
  }
  return lines.join('\n');
}

/** The payload as text: UTF-8 where it decodes, control characters shown as escapes. */
export function printable(bytes: readonly number[]): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bytes));
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/\r/g, '\\r');
}

function printableChar(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}
