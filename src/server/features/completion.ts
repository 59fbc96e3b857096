// Completion that knows where the cursor stands on the line: statement keywords and snippets at
// the start, endpoint names where an endpoint goes, flags after `SRC -> DST`, fields after the
// flags, symbols after `seq=`/`ack=`, states after `expect NAME`, setting keys after `set NAME`,
// `read|write|both` after `shutdown`, TLS message names after `TLS`.
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { hoverEntry, type HoverTopic } from '../../language/hover/lookup';
import {
  CALL_WORDS, ENDPOINT_KINDS, FLAG_NAMES, QUEUE_NAMES, SHUTDOWN_HOW, STATEMENT_KEYWORDS, TCP_OPTION_NAMES, TLS_MESSAGES, TLS_VERBS,
} from '../../language/keywords';
import type { Token } from '../../language/lexer';
import { tokensBefore } from '../../language/locate';
import { TCP_STATE_NAMES } from '../../runner/states';
import type { MessageLanguage } from '../locale';
import { type FlowDocument, pick } from './document';
import { occurrences } from './occurrences';
import { renderEntry } from './hover-render';
import { statementSnippets } from './completion-snippets';
import { SETTING_KEYS, settingRange } from './setting-facts';

export function completion(doc: FlowDocument, position: Position): CompletionItem[] {
  const words = typedSoFar(doc.source, position);
  const endpoints = endpointNames(doc);
  const lang = doc.language;
  const items = (topic: HoverTopic | undefined, labels: readonly string[], kind: CompletionItemKind): CompletionItem[] =>
    labels.map((label) => item(label, kind, topic, lang));
  const names = (): CompletionItem[] => endpoints.map((n) => ({ label: n, kind: CompletionItemKind.Reference, detail: pick(lang, 'endpoint', '端点') }));
  const text = (t: Token | undefined): string => (t === undefined ? '' : t.text.toLowerCase());
  const first = text(words[0]);
  const last = words[words.length - 1];
  const n = words.length;

  if (n === 0) {
    return [...items('keyword', STATEMENT_KEYWORDS, CompletionItemKind.Keyword), ...names(), ...statementSnippets(endpoints, lang)];
  }
  // `seq=` / `ack=`: the symbols in scope.
  if (last?.text === '=' && ['seq', 'ack'].includes(text(words[n - 2]))) return symbolItems(doc, position, lang);
  const arrow = words.findIndex((t) => t.kind === 'punct' && t.text === '->');
  if (arrow >= 0) {
    if (arrow === n - 1) return [...names(), ...(first !== '' && isPatternStart(first) ? [item('*', CompletionItemKind.Operator, undefined, lang)] : [])];
    if (words.slice(arrow).some((t) => t.text === 'TLS')) return items(undefined, TLS_MESSAGES, CompletionItemKind.Class);
    if (arrow === n - 2 || last?.text === ',' || last?.text === '+') {
      return [...items('flag', FLAG_NAMES, CompletionItemKind.EnumMember), ...(arrow === n - 2 ? [item('TLS', CompletionItemKind.Keyword, 'keyword', lang)] : [])];
    }
    if (words.some((t) => t.text === '<') && !words.some((t) => t.text === '>')) return items('option', TCP_OPTION_NAMES, CompletionItemKind.Property);
    return [...fieldItems(lang), ...items('flag', FLAG_NAMES, CompletionItemKind.EnumMember)];
  }
  if (first === 'expect') {
    if (n === 1) return [...names(), item('nothing', CompletionItemKind.Keyword, undefined, lang)];
    if (n === 2 && text(words[1]) !== 'nothing') {
      return [...items('state', TCP_STATE_NAMES, CompletionItemKind.EnumMember), ...items(undefined, ['queue', 'error', 'recv', 'tls'], CompletionItemKind.Keyword)];
    }
    if (n === 3 && text(words[2]) === 'queue') return items(undefined, QUEUE_NAMES, CompletionItemKind.EnumMember);
    return [];
  }
  if (first === 'set') {
    if (n === 1) return [...names(), item('*', CompletionItemKind.Operator, undefined, lang)];
    if (n === 2) return SETTING_KEYS.map((key) => ({ ...item(key, CompletionItemKind.Property, 'setting', lang), detail: settingRange(key, lang) ?? '' }));
    return [];
  }
  if (first === 'profile' && n === 1) return items('profile', ['linux', 'rfc9293'], CompletionItemKind.EnumMember);
  if (first === 'endpoint' && n >= 5) return items('endpointKind', ENDPOINT_KINDS, CompletionItemKind.EnumMember);
  if (first === 'link' && n <= 2) return names();
  if (first === 'link') return items(undefined, ['delay', 'loss'], CompletionItemKind.Keyword);
  if (isPatternStart(first)) return n === 1 && first !== 'heal' && first !== 'ignore' ? [item('next', CompletionItemKind.Keyword, undefined, lang), ...names()] : names();
  if (endpoints.includes(words[0]?.text ?? '')) {
    if (n === 1) return [...items('call', CALL_WORDS, CompletionItemKind.Function), item('tls', CompletionItemKind.Keyword, 'keyword', lang), item('->', CompletionItemKind.Operator, undefined, lang)];
    const call = text(words[1]);
    if (n === 2 && call === 'shutdown') return items(undefined, SHUTDOWN_HOW, CompletionItemKind.EnumMember);
    if (n === 2 && call === 'connect') return names();
    if (n === 2 && call === 'tls') return items(undefined, TLS_VERBS, CompletionItemKind.Function);
  }
  return [];
}

/** The tokens before the cursor, without the word being typed. */
function typedSoFar(source: string, position: Position): readonly Token[] {
  const tokens = tokensBefore(source, position);
  const last = tokens[tokens.length - 1];
  return last !== undefined && last.kind === 'word' && last.end === position.character ? tokens.slice(0, -1) : tokens;
}

function isPatternStart(word: string): boolean {
  return ['drop', 'heal', 'ignore', 'duplicate', 'reorder'].includes(word);
}

function item(label: string, kind: CompletionItemKind, topic: HoverTopic | undefined, language: MessageLanguage): CompletionItem {
  const entry = topic !== undefined ? hoverEntry(topic, label) : undefined;
  return {
    label,
    kind,
    ...(entry !== undefined ? { documentation: { kind: MarkupKind.Markdown, value: renderEntry(entry, language) } } : {}),
  };
}

function fieldItems(language: MessageLanguage): CompletionItem[] {
  const fields = ['seq=', 'ack=', 'win=', 'len=', 'data '];
  const out = fields.map((f) => ({ ...item(f.trim().replace('=', ''), CompletionItemKind.Field, 'field', language), label: f.trim(), insertText: f }));
  out.push({ label: '<mss 1460>', kind: CompletionItemKind.Property, insertText: '<mss 1460>', detail: pick(language, 'TCP options', 'TCP 选项') });
  return out;
}

/** Symbols bound above this line, each with its value in the latest run. */
function symbolItems(doc: FlowDocument, position: Position, language: MessageLanguage): CompletionItem[] {
  const names = new Set<string>();
  for (const o of occurrences(doc.script)) if (o.kind === 'symbol' && o.range.start.line < position.line) names.add(o.name);
  return [...names].map((name) => {
    const value = doc.run?.symbols[name];
    return {
      label: name,
      kind: CompletionItemKind.Variable,
      detail: value !== undefined ? `${name} = ${value}` : pick(language, 'symbolic number', '符号化序列号'),
    };
  });
}

function endpointNames(doc: FlowDocument): string[] {
  return doc.script.statements.flatMap((s) => (s.type === 'endpoint' ? [s.name.text] : []));
}
