// Hover: what the word under the cursor means — keywords, flags, states, settings (with each
// profile's default and the valid range), socket calls, fields, options, profiles — plus what
// the latest run knows (a symbol's bound value, an endpoint's final state) and the explanation
// of any diagnostic on that spot.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Statement } from '../../language/ast';
import { DIAGNOSTICS, type DiagnosticId } from '../../language/diagnostics/table';
import { hoverEntry, type HoverTopic } from '../../language/hover/lookup';
import { contains, innermost, statementOnLine, tokenAt, type TokenAt } from '../../language/locate';
import { type FlowDocument, pick } from './document';
import { renderEntry, rfcLink } from './hover-render';
import { occurrences } from './occurrences';
import { settingDefault, settingRange } from './setting-facts';

export function hover(doc: FlowDocument, position: Position): Hover | null {
  const at = tokenAt(doc.source, position);
  const sections: string[] = [];
  if (at !== undefined && at.token.kind === 'word') {
    const text = describeWord(doc, at, position);
    if (text !== undefined) sections.push(text);
  }
  sections.push(...diagnosticExplanations(doc, position));
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, ...(at !== undefined ? { range: at.range } : {}) };
}

function describeWord(doc: FlowDocument, at: TokenAt, position: Position): string | undefined {
  const word = at.token.text;
  const stmtNode = statementOnLine(doc.script, position.line);
  const stmt = stmtNode !== undefined ? innermost(stmtNode) : undefined;
  const lang = doc.language;

  if (stmt?.type === 'set' && contains(stmt.key.range, position)) return settingHover(doc, word);
  const occurrence = occurrences(doc.script).find((o) => contains(o.range, position) && o.name === word);
  if (occurrence?.kind === 'endpoint') return endpointHover(doc, word);
  if (occurrence?.kind === 'symbol') return symbolHover(doc, word, stmt, position);

  const topic = topicOf(stmt, at);
  const entry = topic !== undefined ? hoverEntry(topic, word) : undefined;
  if (entry !== undefined) return `**${word}**\n\n${renderEntry(entry, lang)}`;
  return undefined;
}

/** Which table explains this word, from where it stands on the line. */
function topicOf(stmt: Statement | undefined, at: TokenAt): HoverTopic | undefined {
  const word = at.token.text;
  const next = at.tokens[at.index + 1];
  if (next?.kind === 'punct' && next.text === '=' && hoverEntry('field', word) !== undefined) return 'field';
  if (insideOptions(at) && hoverEntry('option', word) !== undefined) return 'option';
  if (stmt?.type === 'profile') return 'profile';
  if (stmt?.type === 'endpoint' && stmt.kindRange !== undefined && at.token.start === stmt.kindRange.start.character) return 'endpointKind';
  if (stmt?.type === 'call' && at.token.start === stmt.callRange.start.character) return 'call';
  if (stmt?.type === 'expect' && (stmt.expect === 'state' || stmt.expect === 'tlsState') && at.token.start === stmt.state.range.start.character) return 'state';
  if (stmt?.type === 'packet' || stmt?.type === 'drop' || stmt?.type === 'ignore' || stmt?.type === 'duplicate' || stmt?.type === 'reorder') {
    if (hoverEntry('flag', word) !== undefined) return 'flag';
    if (word.toLowerCase() === 'data') return 'field';
  }
  if ((stmt?.type === 'icmpPacket' || stmt?.type === 'unreachable') && hoverEntry('icmp', word) !== undefined) return 'icmp';
  const first = at.tokens.findIndex((t) => t.kind === 'word');
  if (at.index === first || at.tokens[at.index - 2]?.text.toLowerCase() === 'repeat') {
    if (hoverEntry('keyword', word) !== undefined) return 'keyword';
  }
  if (word.toLowerCase() === 'tls') return 'keyword';
  for (const topic of ['state', 'call', 'keyword'] as const) if (hoverEntry(topic, word) !== undefined) return topic;
  return undefined;
}

function insideOptions(at: TokenAt): boolean {
  for (let i = at.index - 1; i >= 0; i--) {
    const t = at.tokens[i];
    if (t?.kind === 'punct' && t.text === '>') return false;
    if (t?.kind === 'punct' && t.text === '<') return true;
  }
  return false;
}

function settingHover(doc: FlowDocument, key: string): string | undefined {
  const entry = hoverEntry('setting', key);
  if (entry === undefined) return undefined;
  const lang = doc.language;
  const facts: string[] = [];
  const linux = settingDefault(key, 'linux');
  const rfc = settingDefault(key, 'rfc9293');
  if (linux !== undefined && rfc !== undefined) {
    facts.push(pick(lang, `Default: \`${linux}\` (linux) · \`${rfc}\` (rfc9293)`, `默认值：\`${linux}\`（linux）· \`${rfc}\`（rfc9293）`));
  }
  const range = settingRange(key, lang);
  if (range !== undefined) facts.push(pick(lang, `Valid: ${range}`, `取值范围：${range}`));
  return `**${key}**\n\n${renderEntry(entry, lang, facts)}`;
}

function endpointHover(doc: FlowDocument, name: string): string {
  const lang = doc.language;
  const decl = doc.script.statements.find((s) => s.type === 'endpoint' && s.name.text === name);
  const traced = doc.run?.endpoints.find((e) => e.name === name);
  const lines = [`**${name}**`];
  if (decl?.type === 'endpoint') {
    const address = decl.address.family === 6 ? `[${decl.address.ip}]:${decl.address.port}` : `${decl.address.ip}:${decl.address.port}`;
    lines.push(pick(lang, `Endpoint \`${address}\`, ${decl.kind}`, `端点 \`${address}\`，${decl.kind}`));
  } else {
    lines.push(pick(lang, 'Not declared by an `endpoint` line.', '没有用 `endpoint` 行声明。'));
  }
  if (traced !== undefined) lines.push(pick(lang, `State at the end of the run: \`${traced.state}\``, `运行结束时的状态：\`${traced.state}\``));
  return lines.join('\n\n');
}

function symbolHover(doc: FlowDocument, name: string, stmt: Statement | undefined, position: Position): string {
  const lang = doc.language;
  const value = doc.run?.symbols[name];
  if (value === undefined) {
    return `**${name}**\n\n${pick(lang, 'A symbolic number, not bound in the latest run.', '符号化的序列号，在最近一次运行中没有绑定。')}`;
  }
  const isn = doc.run?.packets.find((p) => p.flags.includes('SYN') && p.seq === value);
  const what = isn !== undefined ? pick(lang, ` (${isn.src}'s ISN)`, `（${isn.src} 的 ISN）`) : '';
  const lines = [`\`${name} = ${value}\`${what}`];
  const expr = seqExprAt(stmt, position);
  if (expr !== undefined && expr.offset !== 0) {
    const sign = expr.offset > 0 ? '+' : '-';
    lines.push(`\`${name}${sign}${Math.abs(expr.offset)} = ${(value + expr.offset) >>> 0}\``);
  }
  lines.push(pick(lang, 'Bound at its first occurrence to the value seen on the wire; later occurrences are checked against it (modulo 2^32).', '在第一次出现时绑定为线上看到的值；之后的出现都按它检查（模 2^32）。'));
  return lines.join('\n\n');
}

function seqExprAt(stmt: Statement | undefined, position: Position): { readonly offset: number } | undefined {
  if (stmt?.type !== 'packet' && stmt?.type !== 'drop' && stmt?.type !== 'ignore') return undefined;
  const fields = stmt.type === 'packet' ? stmt.fields : stmt.pattern.fields;
  for (const e of [fields.seq, fields.ack]) if (e?.kind === 'symbol' && contains(e.range, position)) return e;
  return undefined;
}

function diagnosticExplanations(doc: FlowDocument, position: Position): string[] {
  const out: string[] = [];
  for (const d of doc.run?.diagnostics ?? []) {
    if (!contains(d.range, position)) continue;
    const entry = DIAGNOSTICS[d.id as DiagnosticId] as (typeof DIAGNOSTICS)[DiagnosticId] | undefined;
    const explain = doc.language === 'zh' ? entry?.explainZh : entry?.explain;
    if (explain === undefined) continue;
    const title = entry?.title !== undefined ? ` — ${entry.title}` : '';
    out.push(`**${d.id}**${title}\n\n${explain}${d.rfc !== undefined ? `\n\n${rfcLink(d.rfc)}` : ''}`);
  }
  return out;
}
