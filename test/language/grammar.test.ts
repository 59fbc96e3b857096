// The TextMate grammar and the language configuration: every regex compiles in JavaScript (a
// leading `(?i)` is Oniguruma's case-insensitive switch and maps to the `i` flag), and the
// patterns colour what a user would expect them to.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

interface Rule {
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly name?: string;
  readonly include?: string;
  readonly patterns?: readonly Rule[];
  readonly captures?: Readonly<Record<string, { readonly name: string }>>;
}

interface Grammar {
  readonly scopeName: string;
  readonly patterns: readonly Rule[];
  readonly repository: Readonly<Record<string, Rule>>;
}

const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes', 'tcpflow.tmLanguage.json'), 'utf8')) as Grammar;

/** Oniguruma source → JS RegExp (`(?i)` prefix → the `i` flag; nothing else is translated). */
function compile(source: string): RegExp {
  return source.startsWith('(?i)') ? new RegExp(source.slice(4), 'gi') : new RegExp(source, 'g');
}

function allRegexes(rules: readonly Rule[], where: string, out: [string, string][]): [string, string][] {
  rules.forEach((r, i) => {
    for (const key of ['match', 'begin', 'end'] as const) {
      const source = r[key];
      if (source !== undefined) out.push([`${where}[${i}].${key}`, source]);
    }
    if (r.patterns) allRegexes(r.patterns, `${where}[${i}].patterns`, out);
  });
  return out;
}

function rule(name: string): Rule {
  const r = grammar.repository[name];
  assert.ok(r, `repository has no '${name}'`);
  return r;
}

/** Every whole-text match of a single-regex rule, as the texts it matched. */
function matches(name: string, text: string): string[] {
  const r = rule(name);
  const sources = r.match !== undefined ? [r.match] : (r.patterns ?? []).map((p) => p.match).filter((m): m is string => m !== undefined);
  return sources.flatMap((s) => [...text.matchAll(compile(s))].map((m) => m[0]));
}

describe('TextMate grammar', () => {
  it('is source.tcpflow, and every include resolves', () => {
    assert.equal(grammar.scopeName, 'source.tcpflow');
    const includes = JSON.stringify(grammar).match(/"include":\s*"#([^"]+)"/g) ?? [];
    for (const inc of includes) {
      const name = /#([^"]+)/.exec(inc)?.[1] ?? '';
      assert.ok(grammar.repository[name], `unresolved include #${name}`);
    }
  });

  it('every regex compiles in JavaScript', () => {
    const regexes = allRegexes([...grammar.patterns, ...Object.values(grammar.repository)], 'grammar', []);
    assert.ok(regexes.length > 30);
    for (const [where, source] of regexes) {
      assert.doesNotThrow(() => compile(source), `${where}: ${source}`);
      assert.ok(!source.slice(4).includes('(?i)'), `${where}: (?i) only as a prefix`);
    }
  });

  it('colours flags, but not the ack= field', () => {
    assert.deepEqual(matches('flag', 'a -> b SYN,ACK syn+ack ack=5'), ['SYN', 'ACK', 'syn', 'ack']);
    assert.deepEqual(matches('tcpdump-flags', 'a -> b [S.] [.] [F.]'), ['[S.]', '[.]', '[F.]']);
  });

  it('colours TCP states with their aliases', () => {
    assert.deepEqual(matches('state', 'expect a SYN_RCVD SYN-RECEIVED time_wait FIN_WAIT1 LISTEN'), ['SYN_RCVD', 'SYN-RECEIVED', 'time_wait', 'FIN_WAIT1', 'LISTEN']);
  });

  it('colours seq/ack symbols, numbers with units, addresses and comments', () => {
    const seq = compile(rule('seq-field').match ?? '');
    const m = seq.exec('ack=x+2');
    assert.deepEqual(m && [m[1], m[4], m[5], m[6]], ['ack', 'x', '+', '2']);
    assert.deepEqual(matches('number', '250us 40ms 1.5s 2m 10KB 1MB 5% 0x1f 1460'), ['250us', '40ms', '1.5s', '2m', '10KB', '1MB', '5%', '0x1f', '1460']);
    assert.deepEqual(matches('address', 'endpoint a 10.0.0.1:80 from 198.51.100.*:* [2001:db8::1]:443'), ['10.0.0.1:80', '198.51.100.*:*', '[2001:db8::1]:443']);
    assert.deepEqual(matches('comment', 'seed 1 # why'), ['# why']);
    assert.deepEqual(matches('tls-message', 'TLS ServerHello, Certificate, ServerHelloDone'), ['ServerHello', 'Certificate', 'ServerHelloDone', 'TLS']);
  });
});

describe('language configuration', () => {
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'language-configuration.json'), 'utf8')) as {
    comments: { lineComment: string };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string }[];
    wordPattern: string;
  };

  it('comments with #, brackets <> [] (), auto-closes quotes', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets, [['<', '>'], ['[', ']'], ['(', ')']]);
    assert.ok(config.autoClosingPairs.some((p) => p.open === '"' && p.close === '"'));
  });

  it('selects hyphenated names as one word, but not the arrow', () => {
    const word = new RegExp(config.wordPattern, 'g');
    assert.deepEqual('web-1->db-2 SYN-RECEIVED 1.5s'.match(word), ['web-1', 'db-2', 'SYN-RECEIVED', '1.5s']);
  });
});
