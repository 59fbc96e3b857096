// The row ids of tcp-rules.md §7 (the RFC 9293 state transition table), read from the contract.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedSpec } from '../../support/paths';

/** `| T001 | OPEN (passive) | …` rows between the §7 heading and the next `## ` heading. */
export function specRowIds(): string[] {
  const file = path.join(sharedSpec, 'tcp-rules.md');
  assert.ok(existsSync(file), `spec file missing: ${file}`);
  const textOf = readFileSync(file, 'utf8');
  const start = textOf.indexOf('\n## 7. ');
  assert.ok(start >= 0, 'tcp-rules.md has no §7');
  const end = textOf.indexOf('\n## ', start + 1);
  const section = textOf.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| (T\d{3}) \|/gm)].map((m) => m[1]!);
}
