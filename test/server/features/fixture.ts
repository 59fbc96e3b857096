// Fixture text with a `<|>` cursor marker (as in Langium's tests) → the text without it, the
// cursor's 0-based position, and a FlowDocument of that text run on the real engine.
import type { Position } from 'vscode-languageserver';
import { runScript } from '../../../src/runner/index';
import { flowDocument, type FlowDocument } from '../../../src/server/features/document';
import type { MessageLanguage } from '../../../src/server/locale';

export const URI = 'file:///w/flow.tcpflow';

export function cursor(text: string): { readonly source: string; readonly position: Position } {
  const at = text.indexOf('<|>');
  if (at < 0) throw new Error('fixture has no <|> marker');
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  return { source: before + text.slice(at + 3), position: { line, character } };
}

export function runDoc(source: string, language: MessageLanguage = 'en'): FlowDocument {
  return flowDocument(URI, source, runScript(source), language);
}

export const HEADER = `flow "hs"
seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
link client server delay 10ms
`;

export const HANDSHAKE = `${HEADER}
server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK seq=x+1 ack=y+1
expect server ESTABLISHED
`;

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly { readonly range: { readonly start: Position; readonly end: Position }; readonly newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
