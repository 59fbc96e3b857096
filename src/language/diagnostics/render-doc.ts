// Renders docs/diagnostics.md from the diagnostics table: one section per id with a stable
// anchor, so the doc and the table cannot drift (scripts/gen-diagnostics-doc.mjs writes it, a
// test compares it). Pure: returns the Markdown text.
import type { DiagnosticEntry } from './entry';
import { placeholdersOf } from './placeholders';

/** Where the generated documentation lives, relative to the repository root. */
export const DIAGNOSTICS_DOC_PATH = 'docs/diagnostics.md';

/** The Markdown anchor of an id's section: `TCP-SYN-CONSUMES-SEQ` → `tcp-syn-consumes-seq`. */
export function diagnosticAnchor(id: string): string {
  return id.toLowerCase();
}

const INTRO = [
  '# Diagnostics',
  '',
  '<!-- Generated from src/language/diagnostics/table.ts by scripts/gen-diagnostics-doc.mjs. Do not edit by hand. -->',
  '',
  'Every problem tcpflow reports has a stable id, a severity, an RFC section where the rule comes',
  'from an RFC, and a message in English and Simplified Chinese. `TCP-*` ids are the protocol rules',
  'of RFC 9293 and related RFCs, `TLS-*`/`TLS13-*` ids are TLS violations (each names the alert a',
  'correct peer sends), and the other ids come from the runner that checks a script line by line.',
  '`{name}` in a message is filled in with the values of the line being checked.',
  '',
  '每个诊断都有固定的 id、严重级别、（来自 RFC 的规则还有）RFC 章节，以及英文和简体中文消息。',
  '`TCP-*` 是 RFC 9293 等 RFC 中的协议规则，`TLS-*`/`TLS13-*` 是 TLS 违规（消息中给出正确对端会发送的告警），',
  '其余 id 来自逐行检查脚本的运行器。消息中的 `{name}` 会被替换为所检查的那一行中的值。',
  '',
];

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Prose for Markdown: RFC segment templates such as <SEQ=x><CTL=RST> become code; a `<` that could open an HTML tag is escaped. */
function prose(text: string): string {
  return text
    .split(/((?:<[A-Za-z.]+=[^<>]*>)+)/)
    .map((part, i) => (i % 2 === 1 ? code(part) : part.replace(/<(?=[A-Za-z/!?])/g, '&lt;')))
    .join('');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function indexTable(table: Readonly<Record<string, DiagnosticEntry>>): string[] {
  const rows = Object.entries(table).map(
    ([id, e]) => `| [${id}](#${diagnosticAnchor(id)}) | ${e.severity} | ${cell(e.rfc ?? '—')} | ${cell(e.title ?? '')} |`,
  );
  return ['| Id | Severity | RFC | Title |', '|---|---|---|---|', ...rows, ''];
}

function section(id: string, e: DiagnosticEntry): string[] {
  const params = placeholdersOf(`${e.en} ${e.zh}`);
  const lines = [`## ${id}`, ''];
  if (e.title !== undefined) lines.push(`**${e.title}**`, '');
  lines.push(`- Severity 严重级别: ${e.severity}`);
  if (e.rfc !== undefined) lines.push(`- RFC: ${e.rfc}`);
  lines.push(`- Message: ${code(e.en)}`);
  lines.push(`- 消息: ${code(e.zh)}`);
  if (params.length > 0) lines.push(`- Placeholders 占位符: ${params.map((p) => code(`{${p}}`)).join(', ')}`);
  lines.push('');
  if (e.explain !== undefined) lines.push(prose(e.explain), '');
  if (e.explainZh !== undefined) lines.push(prose(e.explainZh), '');
  return lines;
}

export function renderDiagnosticsDoc(table: Readonly<Record<string, DiagnosticEntry>>): string {
  const lines = [...INTRO, ...indexTable(table)];
  for (const [id, entry] of Object.entries(table)) lines.push(...section(id, entry));
  return `${lines.join('\n').trimEnd()}\n`;
}
