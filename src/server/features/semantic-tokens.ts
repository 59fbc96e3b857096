// Semantic tokens: endpoints, symbols, flags, states, keywords, socket calls, fields and
// settings, numbers — colours that know the script (an endpoint name is coloured as one
// wherever it is used; a symbol as a variable).
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import { CALL_WORDS, FLAG_NAMES, PACKET_FIELDS, STATEMENT_KEYWORDS, findIgnoringCase } from '../../language/keywords';
import { lexLine, type Token } from '../../language/lexer';
import { innermost, sourceLines } from '../../language/locate';
import { canonicalState } from '../../runner/states';
import type { Statement } from '../../language/ast';
import type { FlowDocument } from './document';
import { occurrences } from './occurrences';

const TYPES = ['class', 'variable', 'enumMember', 'type', 'keyword', 'function', 'property', 'number'] as const;
type TokenType = (typeof TYPES)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: ['declaration'] };

export function semanticTokens(doc: FlowDocument): SemanticTokens {
  const named = new Map<string, { readonly type: TokenType; readonly declaration: boolean }>();
  for (const o of occurrences(doc.script)) {
    named.set(`${o.range.start.line}:${o.range.start.character}`, { type: o.kind === 'endpoint' ? 'class' : 'variable', declaration: o.definition });
  }
  const byLine = new Map<number, Statement>(doc.script.statements.map((s) => [s.range.start.line, innermost(s)]));
  const builder = new SemanticTokensBuilder();
  sourceLines(doc.source).forEach((text, line) => {
    const stmt = byLine.get(line);
    if (stmt === undefined) return;
    const tokens = lexLine(text).tokens;
    tokens.forEach((t, i) => {
      const known = named.get(`${line}:${t.start}`);
      const type = known?.type ?? classify(stmt, tokens, i);
      if (type === undefined) return;
      builder.push(line, t.start, t.end - t.start, TYPES.indexOf(type), known?.declaration === true ? 1 : 0);
    });
  });
  return builder.build();
}

function classify(stmt: Statement, tokens: readonly Token[], i: number): TokenType | undefined {
  const t = tokens[i] as Token;
  if (t.kind === 'number') return 'number';
  if (t.kind !== 'word') return undefined;
  const next = tokens[i + 1];
  if (next?.kind === 'punct' && next.text === '=' && findIgnoringCase(t.text, PACKET_FIELDS) !== undefined) return 'property';
  if (i === 0 && findIgnoringCase(t.text, STATEMENT_KEYWORDS) !== undefined) return 'keyword';
  if (stmt.type === 'set' && t.start === stmt.key.range.start.character) return 'property';
  if (stmt.type === 'call' && t.start === stmt.callRange.start.character && findIgnoringCase(t.text, CALL_WORDS) !== undefined) return 'function';
  if (stmt.type === 'expect' && 'state' in stmt && t.start === stmt.state.range.start.character && canonicalState(t.text) !== undefined) return 'type';
  if ((stmt.type === 'packet' || stmt.type === 'drop' || stmt.type === 'ignore') && findIgnoringCase(t.text, FLAG_NAMES) !== undefined) return 'enumMember';
  if (i > 0 && ['tls', 'next', 'nothing', 'for', 'delay', 'loss', 'queue'].includes(t.text.toLowerCase())) return 'keyword';
  return undefined;
}
