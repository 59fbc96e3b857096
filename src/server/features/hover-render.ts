// A hover entry → the Markdown the editor shows: the text, the misconception, the source link.
import type { HoverEntry } from '../../language/hover/lookup';
import type { MessageLanguage } from '../locale';
import { pick } from './document';

export function renderEntry(entry: HoverEntry, language: MessageLanguage, extra: readonly string[] = []): string {
  const parts = [pick(language, entry.en, entry.zh), ...extra];
  if (entry.misconception !== undefined) {
    parts.push(`${pick(language, '**Common misconception:**', '**常见误解：**')} ${pick(language, entry.misconception.en, entry.misconception.zh)}`);
  }
  parts.push(entry.url !== undefined ? `[${entry.source}](${entry.url})` : `*${entry.source}*`);
  return parts.join('\n\n');
}

/** `RFC 9293 §3.4` → a Markdown link to that section on rfc-editor.org (other text as is). */
export function rfcLink(reference: string): string {
  const m = /^RFC (\d+) §([\d.]+)/.exec(reference);
  if (m === null) return `*${reference}*`;
  const section = (m[2] as string).replace(/\.$/, '');
  return `[${reference}](https://www.rfc-editor.org/rfc/rfc${m[1] as string}#section-${section})`;
}
