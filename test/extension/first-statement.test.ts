import * as assert from 'node:assert';
import { firstStatementLine } from '../../src/extension/first-statement';

describe('extension: where "▶ Run flow" appears', () => {
  it('sits on the first statement, after the leading comments and blank lines', () => {
    const text = '# outcome: pass\n# The three-way handshake.\n\nflow "Three-way handshake"\nseed 1\n';
    assert.strictEqual(firstStatementLine(text), 3);
  });

  it('sits on line 1 when the file starts with a statement', () => {
    assert.strictEqual(firstStatementLine('flow "x"\n# later comment'), 0);
  });

  it('handles CRLF files and indented comments', () => {
    assert.strictEqual(firstStatementLine('  # note\r\n\r\nseed 1\r\n'), 2);
  });

  it('falls back to line 1 for an empty or comment-only file', () => {
    assert.strictEqual(firstStatementLine(''), 0);
    assert.strictEqual(firstStatementLine('# only a comment\n'), 0);
  });
});
