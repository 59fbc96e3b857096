// The phases of a conversation, from the packet lines' flags: "handshake" (SYNs and the ACK
// that completes them), "data", "close" (FINs, RSTs and the ACKs around them). Consecutive
// packet lines of one phase make one group — an outline entry and a folding range.
import type { Range, Script, Statement } from '../../language/ast';

export type PhaseName = 'handshake' | 'data' | 'close';

export interface Phase {
  readonly name: PhaseName;
  /** From the first packet line of the phase to the last. */
  readonly range: Range;
  readonly packets: readonly Statement[];
}

export function phases(script: Script): Phase[] {
  const out: { name: PhaseName; range: Range; packets: Statement[] }[] = [];
  let previous: PhaseName | undefined;
  for (const stmt of script.statements) {
    const name = phaseOf(stmt, previous);
    if (name === undefined) continue;
    const current = out[out.length - 1];
    if (current !== undefined && current.name === name) {
      current.range = { start: current.range.start, end: stmt.range.end };
      current.packets.push(stmt);
    } else {
      out.push({ name, range: stmt.range, packets: [stmt] });
    }
    previous = name;
  }
  return out;
}

function phaseOf(stmt: Statement, previous: PhaseName | undefined): PhaseName | undefined {
  if (stmt.type === 'tlsPacket') return 'data';
  if (stmt.type !== 'packet') return undefined;
  const flags = stmt.flags.flags;
  if (flags.includes('SYN')) return 'handshake';
  if (flags.includes('FIN') || flags.includes('RST')) return 'close';
  const empty = (stmt.fields.len === undefined || stmt.fields.len.value === 0) && stmt.fields.data === undefined;
  if (empty && (previous === 'handshake' || previous === 'close')) return previous;
  return 'data';
}

export const PHASE_TITLES: Readonly<Record<PhaseName, { readonly en: string; readonly zh: string }>> = {
  handshake: { en: 'handshake', zh: '握手' },
  data: { en: 'data', zh: '数据' },
  close: { en: 'close', zh: '关闭' },
};
