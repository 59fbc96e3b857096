// A packet from the run, written as a packet line in the script's own terms: symbolic seq/ack
// (`x+1`) when a symbol is near the value, as the runner's `symbolize` does.
import type { TracePacket } from '../../runner/trace';

/** Symbolic name → the value it stands for. */
export type SymbolTable = Readonly<Record<string, number>>;

export function symbolize(value: number, symbols: SymbolTable): string {
  let best: { readonly name: string; readonly d: number } | undefined;
  for (const [name, base] of Object.entries(symbols)) {
    const d = (value - base) >>> 0;
    if (d < 0x100000 && (best === undefined || d < best.d)) best = { name, d };
  }
  if (best === undefined) return String(value);
  return best.d === 0 ? best.name : `${best.name}+${best.d}`;
}

/** `server -> client SYN,ACK seq=y ack=x+1` (data length as `len=N`). */
export function packetLine(p: TracePacket, symbols: SymbolTable): string {
  const parts = [`${p.src} -> ${p.dst}`, p.flags.join(','), `seq=${symbolize(p.seq, symbols)}`];
  if (p.flags.includes('ACK')) parts.push(`ack=${symbolize(p.ack, symbols)}`);
  if (p.len > 0) parts.push(`len=${p.len}`);
  return parts.join(' ');
}

/** `ignore server -> client ACK len=0`: a pattern for packets like this one. */
export function ignoreLine(p: TracePacket): string {
  const pureAck = p.len === 0 && p.flags.length === 1 && p.flags[0] === 'ACK';
  return `ignore ${p.src} -> ${p.dst} ${p.flags.join(',')}${pureAck ? ' len=0' : ''}`;
}

/**
 * The symbol table a fill-in writes with: the run's own symbols, plus `x` for the first ISN a
 * stack sent and `y` for its peer's (next free names if those are taken).
 */
export function isnSymbols(packets: readonly TracePacket[], bound: SymbolTable, used: ReadonlySet<string>): SymbolTable {
  const table: Record<string, number> = { ...bound };
  const free = ['x', 'y', 'z', 'w', 'u', 'v'].filter((n) => !used.has(n) && !(n in table));
  const named = new Set<string>();
  for (const p of packets) {
    if (!p.flags.includes('SYN') || named.has(p.src)) continue;
    named.add(p.src);
    if (symbolize(p.seq, table) !== String(p.seq)) continue; // already expressible
    const name = free.shift();
    if (name === undefined) break;
    table[name] = p.seq;
  }
  return table;
}
