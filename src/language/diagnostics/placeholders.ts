// The `{name}` placeholders of a message template, so callers and tests can check that a
// diagnostic is given every value its message needs.
import type { MessageParams } from './diagnostic';
import type { DiagnosticEntry } from './entry';
import { DIAGNOSTICS, type DiagnosticId } from './table';

const PLACEHOLDER = /\{(\w+)\}/g;

/** Placeholder names in order of first appearance, without duplicates. */
export function placeholdersOf(template: string): readonly string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** `detailZh` → `detail`: the Chinese template's fragment placeholders name the same value. */
export function baseName(placeholder: string): string {
  return placeholder.endsWith('Zh') && placeholder.length > 2 ? placeholder.slice(0, -2) : placeholder;
}

/** The placeholders of an id's English or Chinese template that `params` leaves unfilled. */
export function missingParams(id: DiagnosticId, params: MessageParams): readonly string[] {
  const entry: DiagnosticEntry = DIAGNOSTICS[id];
  return placeholdersOf(`${entry.en} ${entry.zh}`).filter((name) => params[name] === undefined);
}
