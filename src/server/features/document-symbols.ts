// The outline: the flow's title, its endpoints, and its phases (handshake, data, close) with
// their packet lines.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { sourceLines } from '../../language/locate';
import { type FlowDocument, pick } from './document';
import { PHASE_TITLES, phases } from './phases';

export function documentSymbols(doc: FlowDocument): DocumentSymbol[] {
  const lines = sourceLines(doc.source);
  const out: DocumentSymbol[] = [];
  for (const s of doc.script.statements) {
    if (s.type === 'flow') {
      out.push({ name: s.title.text || pick(doc.language, '(untitled flow)', '（无标题）'), kind: SymbolKind.File, range: s.range, selectionRange: s.title.range });
    } else if (s.type === 'endpoint') {
      const address = s.address.family === 6 ? `[${s.address.ip}]:${s.address.port}` : `${s.address.ip}:${s.address.port}`;
      out.push({ name: s.name.text, detail: `${address} ${s.kind}`, kind: SymbolKind.Object, range: s.range, selectionRange: s.name.range });
    }
  }
  for (const phase of phases(doc.script)) {
    const children = phase.packets.map((p): DocumentSymbol => {
      const text = (lines[p.range.start.line] ?? '').slice(p.range.start.character, p.range.end.character).replace(/\s+/g, ' ');
      return { name: text, kind: SymbolKind.Event, range: p.range, selectionRange: p.range };
    });
    const title = PHASE_TITLES[phase.name];
    out.push({ name: pick(doc.language, title.en, title.zh), kind: SymbolKind.Namespace, range: phase.range, selectionRange: phase.range, children });
  }
  return out;
}
