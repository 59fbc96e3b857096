// The snippets (snippets/tcpflow.json): one for every classic scenario, and each, with its
// placeholders left at their defaults, is a script that parses and runs to the outcome its
// `# outcome:` header promises.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateOutcome } from '../../src/runner/outcome';
import { runScript } from '../../src/runner/index';
import { repoRoot } from '../support/paths';
import { expandSnippet } from './snippet-body';

interface Snippet {
  readonly prefix: string | readonly string[];
  readonly description: string;
  readonly body: string | readonly string[];
}

const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot, 'snippets', 'tcpflow.json'), 'utf8')) as Record<string, Snippet>;

describe('extension: snippets for the classic scenarios', () => {
  it('has one for each classic scenario', () => {
    const names = Object.keys(snippets);
    for (const scenario of [
      'Three-way handshake',
      'Four-way close',
      'Half-close',
      'SYN retries',
      'RST to a closed port',
      'Simultaneous open',
      'SYN flood with cookies',
      'Scripted handshake',
      'TIME_WAIT',
    ]) {
      assert.ok(names.includes(scenario), `no snippet "${scenario}"`);
    }
  });

  it('expands placeholders to their defaults', () => {
    assert.equal(expandSnippet(['endpoint ${1:client} x', '$1 connect ${2|linux,rfc9293|}$0']), 'endpoint client x\nclient connect linux');
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`"${name}" inserts a script that parses and gives its outcome`, () => {
      assert.ok(snippet.description.length > 0);
      assert.ok((typeof snippet.prefix === 'string' ? [snippet.prefix] : snippet.prefix).length > 0);
      const source = expandSnippet(snippet.body);
      const result = runScript(source, { fileName: `${name}.tcpflow` });
      const syntax = result.diagnostics.filter((d) => d.id === 'PARSE-ERROR' || d.id.startsWith('SYNTAX'));
      assert.deepEqual(syntax.map((d) => `${d.range.start.line + 1}: ${d.message}`), [], 'syntax errors');
      const verdict = evaluateOutcome(source, result);
      assert.ok(verdict.passed, `expected ${verdict.expected}, got:\n${result.diagnostics.map((d) => `${d.severity} ${d.id} at ${d.range.start.line + 1}: ${d.message}`).join('\n')}`);
    });
  }
});
