// Every place a script names an endpoint or a symbolic number, with its exact range: what go to
// definition, rename, semantic tokens and completion share. An endpoint is defined by its
// `endpoint` line; a symbol by its first occurrence (which binds it).
import type { EndpointRef, Name, PacketFields, Range, Script, SeqExpr, Statement } from '../../language/ast';

export interface Occurrence {
  readonly kind: 'endpoint' | 'symbol';
  readonly name: string;
  readonly range: Range;
  readonly definition: boolean;
}

export function occurrences(script: Script): Occurrence[] {
  const out: Occurrence[] = [];
  const seenSymbols = new Set<string>();
  const endpoint = (n: Name, definition = false): void => void out.push({ kind: 'endpoint', name: n.text, range: n.range, definition });
  const ref = (r: EndpointRef): void => {
    if (r.kind === 'name') out.push({ kind: 'endpoint', name: r.name, range: r.range, definition: false });
  };
  const symbol = (e: SeqExpr | undefined): void => {
    if (e === undefined || e.kind !== 'symbol') return;
    out.push({ kind: 'symbol', name: e.name, range: e.nameRange, definition: !seenSymbols.has(e.name) });
    seenSymbols.add(e.name);
  };
  const fields = (f: PacketFields): void => {
    symbol(f.seq);
    symbol(f.ack);
    for (const o of f.options?.items ?? []) {
      if (o.kind === 'sack') for (const b of o.blocks) { symbol(b.left); symbol(b.right); }
    }
  };
  const visit = (s: Statement): void => {
    switch (s.type) {
      case 'endpoint': endpoint(s.name, true); break;
      case 'link': endpoint(s.a); endpoint(s.b); break;
      case 'set': ref(s.endpoint); break;
      case 'call':
        endpoint(s.endpoint);
        if (s.call === 'connect' && 'text' in s.target) endpoint(s.target);
        break;
      case 'tlsCall': endpoint(s.endpoint); break;
      case 'packet': ref(s.src); ref(s.dst); fields(s.fields); break;
      case 'tlsPacket': ref(s.src); ref(s.dst); break;
      case 'icmpPacket': ref(s.src); ref(s.dst); if (s.seq) fields({ seq: s.seq }); break;
      case 'unreachable': ref(s.src); ref(s.dst); break;
      case 'drop': case 'duplicate': case 'reorder': case 'ignore':
        ref(s.pattern.src); ref(s.pattern.dst); fields(s.pattern.fields); break;
      case 'heal': ref(s.src); ref(s.dst); break;
      case 'expect': if (s.expect !== 'nothing') endpoint(s.endpoint); break;
      case 'repeat': visit(s.body); break;
      default: break;
    }
  };
  for (const s of script.statements) visit(s);
  return out;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
