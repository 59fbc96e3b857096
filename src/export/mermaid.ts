// A run as Mermaid `sequenceDiagram` text, to paste into Markdown docs: one participant per
// endpoint, one `->>` arrow per packet labelled as the ladder labels it (`-->>` for a
// retransmission), `-x` for a packet the link dropped, and `Note over` for every TCP state change
// (`SYN_SENT → ESTABLISHED`) and every TLS handshake state change (`TLS WAIT_FINISHED → ESTABLISHED`),
// all in the run's `order`.
// Pure: imports only types, so the CLI, the tests and the panel's bundle can all call it.
import type { RunResult, TracePacket } from '../runner/trace';

export function toMermaid(result: RunResult): string {
  const ids = participantIds(result);
  const id = (name: string): string => ids.get(name) ?? safeId(name);
  const lines = ['sequenceDiagram'];
  if (result.title.trim() !== '') lines.push(`    title ${text(result.title)}`);
  for (const [name, pid] of ids) lines.push(pid === name ? `    participant ${pid}` : `    participant ${pid} as ${text(name)}`);

  type Step = { readonly order: number; readonly line: string };
  const steps: Step[] = [];
  for (const p of result.packets) {
    const arrow = `${p.retransmission ? '--' : '-'}${p.dropped ? 'x' : '>>'}`;
    steps.push({ order: p.order, line: `    ${id(p.src)}${arrow}${id(p.dst)}: ${text(label(p))}` });
  }
  for (const s of result.states) steps.push({ order: s.order, line: `    Note over ${id(s.endpoint)}: ${s.from} → ${s.to}` });
  for (const s of result.tlsStates ?? []) steps.push({ order: s.order, line: `    Note over ${id(s.endpoint)}: TLS ${text(s.from)} → ${text(s.to)}` });
  steps.sort((a, b) => a.order - b.order);
  for (const s of steps) lines.push(s.line);
  return `${lines.join('\n')}\n`;
}

/** What the arrow says: the script's own label, else flags and numbers (as the ladder does). */
function label(p: TracePacket): string {
  const base = p.label.trim() !== ''
    ? p.label
    : `${p.flags.length > 0 ? p.flags.join(',') : '.'} seq=${p.seq}${p.flags.includes('ACK') ? ` ack=${p.ack}` : ''}${p.len > 0 ? ` len=${p.len}` : ''}`;
  const tls = p.tls.flatMap((r) => r.messages);
  const marks = [p.retransmission ? '(retransmission)' : '', p.dropped ? '(dropped)' : '', tls.length > 0 ? `[TLS ${tls.join(', ')}]` : '']
    .filter((m) => m !== '');
  return [base, ...marks].join(' ');
}

/** Participant ids Mermaid accepts (letters, digits, _), unique; the real name goes in `as`. */
function participantIds(result: RunResult): Map<string, string> {
  const names: string[] = result.endpoints.map((e) => e.name);
  for (const p of result.packets) for (const n of [p.src, p.dst]) if (!names.includes(n)) names.push(n);
  for (const s of [...result.states, ...(result.tlsStates ?? [])]) if (!names.includes(s.endpoint)) names.push(s.endpoint);
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    let pid = safeId(name);
    for (let n = 2; used.has(pid); n++) pid = `${safeId(name)}_${n}`;
    used.add(pid);
    ids.set(name, pid);
  }
  return ids;
}

function safeId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `p_${id}`;
}

/** Message text on one line, without the characters Mermaid reads as syntax (`;`, `#`, `:` is fine after the first). */
function text(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/;/g, ',').replace(/#/g, '＃').replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›')).trim();
}
