// Every feature on every bundled example, at every character: answers without throwing, and
// the hover on each flag of a packet line is never empty.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { completion } from '../../../src/server/features/completion';
import { codeActions } from '../../../src/server/features/code-actions';
import { documentSymbols } from '../../../src/server/features/document-symbols';
import { foldingRanges } from '../../../src/server/features/folding';
import { hover } from '../../../src/server/features/hover';
import { inlayHints } from '../../../src/server/features/inlay-hints';
import { semanticTokens } from '../../../src/server/features/semantic-tokens';
import { FLAG_NAMES } from '../../../src/language/keywords';
import { runDoc } from './fixture';

const dir = path.join(__dirname, '..', '..', '..', '..', 'examples');

describe('server features: every example, every position', () => {
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.tcpflow') && !f.includes('tls'))) {
    it(name, () => {
      const source = fs.readFileSync(path.join(dir, name), 'utf8');
      const doc = runDoc(source);
      const lines = source.split('\n');
      lines.forEach((text, line) => {
        for (let character = 0; character <= text.length; character++) {
          const h = hover(doc, { line, character });
          completion(doc, { line, character });
          const word = /^[A-Z]+/.exec(text.slice(character))?.[0];
          if (word !== undefined && (character === 0 || /[\s,]/.test(text[character - 1] ?? '')) && (FLAG_NAMES as readonly string[]).includes(word) && text.includes('->') && !text.trimStart().startsWith('#')) {
            assert.ok(h !== null, `no hover on ${word} at ${line}:${character}`);
          }
        }
      });
      inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
      codeActions(doc, []);
      documentSymbols(doc);
      foldingRanges(doc);
      semanticTokens(doc);
    });
  }
});
