// Go to definition and rename for endpoints (defined by their `endpoint` line) and symbolic
// numbers (defined by their first occurrence, which binds them).
import type { Location, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { contains } from '../../language/locate';
import { STATEMENT_KEYWORDS } from '../../language/keywords';
import type { Range } from '../../language/ast';
import type { FlowDocument } from './document';
import { occurrences, type Occurrence } from './occurrences';

function occurrenceAt(doc: FlowDocument, position: Position): Occurrence | undefined {
  return occurrences(doc.script).find((o) => contains(o.range, position));
}

export function definition(doc: FlowDocument, position: Position): Location | null {
  const at = occurrenceAt(doc, position);
  if (at === undefined) return null;
  const def = occurrences(doc.script).find((o) => o.kind === at.kind && o.name === at.name && o.definition);
  return def !== undefined ? { uri: doc.uri, range: def.range } : null;
}

/** The range to rename (the name under the cursor), or null where nothing can be renamed. */
export function prepareRename(doc: FlowDocument, position: Position): Range | null {
  return occurrenceAt(doc, position)?.range ?? null;
}

/** Why a new name is not allowed, or undefined when it is. */
export function invalidNewName(kind: Occurrence['kind'], newName: string): string | undefined {
  if (kind === 'symbol' && !/^[a-z_][A-Za-z0-9_]*$/.test(newName)) return 'a symbolic name starts with a lower-case letter or _ (x, isn_c)';
  if (kind === 'endpoint' && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(newName)) return 'an endpoint name is [A-Za-z_][A-Za-z0-9_-]*';
  if (kind === 'endpoint' && (STATEMENT_KEYWORDS as readonly string[]).includes(newName.toLowerCase())) return `'${newName}' is a keyword`;
  return undefined;
}

export function rename(doc: FlowDocument, position: Position, newName: string): WorkspaceEdit | null {
  const at = occurrenceAt(doc, position);
  if (at === undefined || invalidNewName(at.kind, newName) !== undefined) return null;
  const edits: TextEdit[] = occurrences(doc.script)
    .filter((o) => o.kind === at.kind && o.name === at.name)
    .map((o) => ({ range: o.range, newText: newName }));
  return { changes: { [doc.uri]: edits } };
}
