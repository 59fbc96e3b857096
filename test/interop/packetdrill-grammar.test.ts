// The packetdrill TextMate grammar: every regex compiles in JavaScript, and the patterns colour
// what a packetdrill user expects: times, directions, flags, syscalls, errnos, comments.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

interface Rule {
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly name?: string;
  readonly patterns?: readonly Rule[];
}

const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes', 'packetdrill.tmLanguage.json'), 'utf8')) as {
  scopeName: string;
  repository: Record<string, Rule>;
};

function all(rule: Rule): Rule[] {
  return [rule, ...(rule.patterns ?? []).flatMap(all)];
}

describe('packetdrill grammar', () => {
  it('is source.packetdrill and every regex compiles', () => {
    assert.equal(grammar.scopeName, 'source.packetdrill');
    for (const rule of Object.values(grammar.repository).flatMap(all)) {
      for (const re of [rule.match, rule.begin, rule.end]) if (re !== undefined) assert.doesNotThrow(() => new RegExp(re), re);
    }
  });

  it('matches times, packets, syscalls and comments', () => {
    const re = (key: string): RegExp => new RegExp(grammar.repository[key]!.match!);
    for (const t of ['0 socket', '+0.1 <', '+.04 >', '* >', '0.1~0.2 >', '+0...0.200 connect']) assert.match(t, re('time'));
    const packet = new RegExp(grammar.repository['packet']!.begin!);
    for (const p of ['+0 < S 0:0(0) win 1000', '+0 > S. 0:0(0) ack 1', '* > F. 1:1(0) ack 2', '+0 < R 1:1(0) win 0', '+0 > P. 1:101(100) ack 1']) {
      assert.match(p, packet);
    }
    const syscall = new RegExp(grammar.repository['syscall']!.patterns![0]!.match!);
    for (const c of ['listen(3, 1)', 'accept(3, ..., ...)', 'setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4)', 'shutdown(4, SHUT_WR)']) assert.match(c, syscall);
    const line = new RegExp(grammar.repository['comments']!.patterns![0]!.match!);
    assert.match('// a comment', line);
  });
});
