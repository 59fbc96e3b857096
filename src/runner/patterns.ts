// Packet patterns as `ignore`, `drop`, `duplicate` and `reorder` take them:
// `client -> server SYN`, `* -> * ACK len=0`, `server -> * SYN,ACK`. Flags match exactly (so
// `ACK len=0` is a pure ACK, not a SYN,ACK); fields that are written must match.
import type { EndpointRef, Flags, PacketFields } from '../language/ast';
import type { Segment } from '../engine/tcp/segment';
import type { SymbolTable } from './symbols';

export interface PatternParts {
  readonly src: EndpointRef;
  readonly dst: EndpointRef;
  readonly flags?: Flags;
  readonly fields: PacketFields;
}

export interface Observed {
  readonly segment: Segment;
  readonly src: string;
  readonly dst: string;
}

export function endpointMatches(ref: EndpointRef, name: string): boolean {
  return ref.kind === 'any' || ref.name === name;
}

export function flagsEqual(flags: Flags, segment: Segment): boolean {
  if (flags.flags.length !== segment.flags.size) return false;
  return flags.flags.every((f) => segment.flags.has(f));
}

export function patternMatches(p: PatternParts, o: Observed, symbols: SymbolTable): boolean {
  if (!endpointMatches(p.src, o.src) || !endpointMatches(p.dst, o.dst)) return false;
  if (p.flags && !flagsEqual(p.flags, o.segment)) return false;
  const f = p.fields;
  if (f.len && o.segment.payload.length !== f.len.value) return false;
  if (f.win && o.segment.win !== f.win.value) return false;
  if (f.seq) {
    const v = symbols.evaluate(f.seq);
    if (v !== undefined && v !== o.segment.seq) return false;
  }
  if (f.ack) {
    const v = symbols.evaluate(f.ack);
    if (v !== undefined && v !== o.segment.ack) return false;
  }
  return true;
}
