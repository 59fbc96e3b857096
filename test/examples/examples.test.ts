// Every script in examples/ (the learning examples and the copies of the contract examples)
// gives exactly the outcome in its `# outcome:` header, and every learning example explains
// itself in English and Simplified Chinese.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { runScript } from '../../src/runner/index';
import { evaluateOutcome, readOutcomeHeader } from '../../src/runner/outcome';
import { contractExamples, repoRoot } from '../support/paths';

const examplesDir = path.join(repoRoot, 'examples');

/**
 * Examples that cannot give their outcome yet, each naming the capability (or the engine fix)
 * that will deliver it. Everything else must give its outcome now.
 */
export const PENDING: Readonly<Record<string, string>> = {
};

/** Files copied verbatim from ../shared/spec/examples: English-only, owned by the contract. */
const contractFiles = new Set(
  existsSync(contractExamples) ? readdirSync(contractExamples).filter((f) => f.endsWith('.tcpflow')) : [],
);

function comments(source: string): string[] {
  return source
    .split('\n')
    .map((line) => {
      // a comment starts at a # outside a string
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (ch === '\\' && inString) i++;
        else if (ch === '"') inString = !inString;
        else if (ch === '#' && !inString) return line.slice(i + 1);
      }
      return null;
    })
    .filter((c): c is string => c !== null);
}

const CJK = /[\u4e00-\u9fff]/;
const ENGLISH_WORDS = /\b(the|a|an|is|and|of|to)\b/i;

describe('examples (examples/*.tcpflow)', () => {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.tcpflow')).sort();
  const learning = files.filter((f) => !contractFiles.has(f));

  it('has the contract examples and at least 25 learning examples', () => {
    for (const f of contractFiles) assert.ok(files.includes(f), `contract example ${f} missing from examples/`);
    assert.ok(learning.length >= 25, `only ${learning.length} learning examples`);
  });

  it('keeps the contract examples identical to ../shared/spec/examples', () => {
    for (const f of contractFiles) {
      assert.equal(
        readFileSync(path.join(examplesDir, f), 'utf8'),
        readFileSync(path.join(contractExamples, f), 'utf8'),
        `${f} differs from the contract`,
      );
    }
  });

  it('names every pending example after a file that exists', () => {
    for (const f of Object.keys(PENDING)) assert.ok(files.includes(f), `PENDING names ${f}, which is not in examples/`);
  });

  for (const file of learning) {
    it(`${file} has an outcome header and comments in English and Chinese`, () => {
      const source = readFileSync(path.join(examplesDir, file), 'utf8');
      const outcome = readOutcomeHeader(source);
      assert.ok(outcome.kind === 'pass' || outcome.kind === 'diagnostics', `no readable # outcome: header (${outcome.kind})`);
      const text = comments(source).filter((c) => !/^\s*outcome:/.test(c));
      assert.ok(text.some((c) => CJK.test(c)), 'no Chinese comment');
      assert.ok(text.some((c) => ENGLISH_WORDS.test(c)), 'no English comment');
      // a bilingual header: the comment block before the first statement has both
      const header: string[] = [];
      for (const line of source.split('\n')) {
        if (!line.startsWith('#')) break;
        header.push(line);
      }
      assert.ok(header.some((c) => CJK.test(c)) && header.some((c) => ENGLISH_WORDS.test(c)), 'the header comment is not bilingual');
    });
  }

  for (const file of files) {
    const pending = PENDING[file];
    const test = pending ? it.skip : it;
    test(`${file} gives the outcome in its header${pending ? ` (pending: ${pending})` : ''}`, () => {
      const source = readFileSync(path.join(examplesDir, file), 'utf8');
      const verdict = evaluateOutcome(source, runScript(source, { fileName: file }));
      assert.ok(verdict.passed, `${file}: the header promises\n${verdict.expected}\nthe run gave\n${verdict.actual}`);
    });
  }
});
