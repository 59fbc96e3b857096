// `tcpflow run --json`: the RunResult in the shape cli.md fixes (1-based ranges, endpoints keyed
// by name). Fields may be added; none of cli.md's may be renamed.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { RunResult } from '../runner/trace';

export function toCliJson(file: string, r: RunResult): unknown {
  return {
    file,
    title: r.title,
    profile: r.profile,
    seed: r.seed,
    diagnostics: r.diagnostics.map(diagnosticJson),
    packets: r.packets.map((p) => ({
      time: p.time,
      arrival: p.arrival,
      src: p.src,
      dst: p.dst,
      srcAddr: p.srcAddr,
      dstAddr: p.dstAddr,
      flags: p.flags,
      seq: p.seq,
      ack: p.ack,
      len: p.len,
      win: p.win,
      options: p.options,
      line: p.line,
      label: p.label,
      dropped: p.dropped,
      retransmission: p.retransmission,
      payloadHex: p.payloadHex,
      tls: p.tls,
      ...(p.icmp ? { icmp: p.icmp } : {}), // added field, only on ICMP errors (cli.md: fields may be added)
    })),
    states: r.states,
    tlsStates: r.tlsStates,
    timers: r.timers,
    endpoints: Object.fromEntries(r.endpoints.map((e) => [e.name, { state: e.state, address: e.address, kind: e.kind }])),
    symbols: r.symbols,
    durationVirtual: r.durationVirtual,
  };
}

export function diagnosticJson(d: Diagnostic): unknown {
  return {
    id: d.id,
    severity: d.severity,
    range: {
      start: { line: d.range.start.line + 1, column: d.range.start.character + 1 },
      end: { line: d.range.end.line + 1, column: d.range.end.character + 1 },
    },
    message: d.message,
    messageZh: d.messageZh,
    ...(d.rfc ? { rfc: d.rfc } : {}),
    ...(d.fix ? { fix: { replace: d.fix.replace } } : {}),
  };
}

/** `file:12:34: error TCP-SYN-CONSUMES-SEQ: message [RFC 9293 §3.4]` — what problem matchers read. */
export function diagnosticLine(file: string, d: Diagnostic, zh: boolean): string {
  const message = zh ? d.messageZh : d.message;
  const rfc = d.rfc ? ` [${d.rfc}]` : '';
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.id}: ${message}${rfc}`;
}
