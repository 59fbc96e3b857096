// Whole statements offered at the start of a line: a packet line, the three-way handshake and
// the four-way close, written with the script's own endpoint names.
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import type { MessageLanguage } from '../locale';
import { pick } from './document';

export function statementSnippets(endpoints: readonly string[], language: MessageLanguage): CompletionItem[] {
  const a = endpoints[0] ?? 'client';
  const b = endpoints[1] ?? 'server';
  const snippet = (label: string, detail: string, text: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    insertText: text,
    insertTextFormat: InsertTextFormat.Snippet,
  });
  return [
    snippet(pick(language, 'packet line', '报文行'), pick(language, 'SRC -> DST FLAGS fields', '源 -> 目的 标志 字段'), `\${1:${a}} -> \${2:${b}} \${3:ACK} seq=\${4:x} ack=\${5:y}`),
    snippet(
      pick(language, 'three-way handshake', '三次握手'),
      pick(language, 'listen, connect, SYN / SYN,ACK / ACK', 'listen、connect、SYN / SYN,ACK / ACK'),
      [
        `${b} listen`,
        `${a} connect ${b}`,
        `${a} -> ${b} SYN seq=\${1:x}`,
        `${b} -> ${a} SYN,ACK seq=\${2:y} ack=\${1:x}+1`,
        `${a} -> ${b} ACK seq=\${1:x}+1 ack=\${2:y}+1`,
        `expect ${b} ESTABLISHED`,
      ].join('\n'),
    ),
    snippet(
      pick(language, 'four-way close', '四次挥手'),
      pick(language, 'FIN / ACK / FIN / ACK, then TIME_WAIT', 'FIN / ACK / FIN / ACK，然后 TIME_WAIT'),
      [
        `${a} close`,
        `${a} -> ${b} FIN,ACK seq=\${1:x+1} ack=\${2:y+1}`,
        `${b} -> ${a} ACK seq=\${2:y+1} ack=\${3:x+2}`,
        `${b} close`,
        `${b} -> ${a} FIN,ACK seq=\${2:y+1} ack=\${3:x+2}`,
        `${a} -> ${b} ACK seq=\${3:x+2} ack=\${4:y+2}`,
        `expect ${a} TIME_WAIT`,
      ].join('\n'),
    ),
  ];
}
