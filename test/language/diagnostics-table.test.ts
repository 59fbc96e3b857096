// The diagnostics table against the contract: every id of tcp-rules.md §4, tls-rules.md and
// language.md §Diagnostics is present with the right severity, both languages carry the same
// placeholders, and docs/diagnostics.md is the rendering of the table.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeDiagnostic } from '../../src/language/diagnostics/make';
import { baseName, missingParams, placeholdersOf } from '../../src/language/diagnostics/placeholders';
import { DIAGNOSTICS_DOC_PATH, diagnosticAnchor, renderDiagnosticsDoc } from '../../src/language/diagnostics/render-doc';
import { DIAGNOSTICS, isDiagnosticId, type DiagnosticEntry } from '../../src/language/diagnostics/table';

// Compiled to out/test/language/: the repository root is three levels up; the spec sits beside it.
const ROOT = path.resolve(__dirname, '../../..');
const SPEC = path.resolve(ROOT, '../shared/spec');
const ENTRIES: ReadonlyArray<readonly [string, DiagnosticEntry]> = Object.entries(DIAGNOSTICS);
const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };

function spec(name: string): string {
  const file = path.join(SPEC, name);
  assert.ok(existsSync(file), `spec file missing: ${file}`);
  return readFileSync(file, 'utf8');
}

interface TcpRule {
  readonly id: string;
  readonly severity: string;
  readonly reference: string;
}

/** The rows of tcp-rules.md §4.0's index: `| 2 | TCP-SYN-CONSUMES-SEQ | Establishment | error | RFC 9293 §3.4, … |`. */
function tcpIndex(): TcpRule[] {
  const text = spec('tcp-rules.md');
  const start = text.indexOf('### 4.0 Index');
  const end = text.indexOf('### 4.1', start);
  assert.ok(start >= 0 && end > start, 'tcp-rules.md has a §4.0 index');
  const rules: TcpRule[] = [];
  for (const line of text.slice(start, end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const [, num, id, , severity, reference] = cells;
    if (num !== undefined && /^\d+$/.test(num) && id && severity && reference) rules.push({ id, severity, reference });
  }
  return rules;
}

function tlsIds(): string[] {
  return [...spec('tls-rules.md').matchAll(/^\| (TLS[A-Z0-9-]*) \|/gm)].map((m) => m[1] ?? '');
}

function runnerIds(): string[] {
  const text = spec('language.md');
  const section = text.slice(text.indexOf('## Diagnostics'));
  return [...new Set([...section.matchAll(/`([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)`/g)].map((m) => m[1] ?? ''))];
}

function normalised(template: string): string[] {
  return [...new Set(placeholdersOf(template).map(baseName))].sort();
}

describe('diagnostics table', () => {
  it('gives every id a well-formed name, an English and a Chinese message', () => {
    assert.ok(ENTRIES.length >= 94, `only ${ENTRIES.length} ids`);
    for (const [id, e] of ENTRIES) {
      // language.md itself defines two one-word runner ids.
      if (id !== 'LIMIT' && id !== 'UNSUPPORTED') assert.match(id, /^[A-Z0-9]+(-[A-Z0-9]+)+$/, id);
      assert.ok(e.en.trim().length > 0, `${id}: empty en`);
      assert.ok(e.zh.trim().length > 0, `${id}: empty zh`);
      if (id !== 'PARSE-ERROR') assert.match(e.zh, /[\u4e00-\u9fff]/, `${id}: zh has no Chinese`);
      assert.ok(!/[\u4e00-\u9fff]/.test(e.en), `${id}: en contains Chinese`);
    }
  });

  it('uses the same placeholders in both languages ({xZh} standing for {x})', () => {
    for (const [id, e] of ENTRIES) {
      assert.deepEqual(normalised(e.zh), normalised(e.en), `${id}: en ${e.en} / zh ${e.zh}`);
      for (const p of placeholdersOf(e.en)) assert.ok(!p.endsWith('Zh'), `${id}: en uses ${p}`);
      for (const p of placeholdersOf(`${e.en}${e.zh}`)) assert.match(p, /^[a-z][A-Za-z0-9]*$/, `${id}: {${p}} is not camelCase`);
    }
  });

  it('explains every id in both languages', () => {
    for (const [id, e] of ENTRIES) {
      assert.ok(e.title && e.title.length > 0, `${id}: no title`);
      assert.ok(e.explain && e.explain.length > 40, `${id}: no explanation`);
      assert.ok(e.explainZh && /[\u4e00-\u9fff]/.test(e.explainZh), `${id}: no Chinese explanation`);
    }
  });

  it('contains all 60 TCP rules of tcp-rules.md §4 with the catalogue severity and primary reference', () => {
    const rules = tcpIndex();
    assert.equal(rules.length, 60);
    for (const rule of rules) {
      assert.ok(isDiagnosticId(rule.id), `${rule.id} missing`);
      const entry: DiagnosticEntry = DIAGNOSTICS[rule.id as keyof typeof DIAGNOSTICS];
      assert.equal(entry.severity, rule.severity, rule.id);
      assert.ok(entry.rfc && rule.reference.startsWith(entry.rfc), `${rule.id}: rfc ${entry.rfc} is not the start of ${rule.reference}`);
    }
    const tcpIds = ENTRIES.map(([id]) => id).filter((id) => id.startsWith('TCP-'));
    assert.deepEqual(tcpIds, rules.map((r) => r.id), 'no TCP ids beyond the catalogue, in catalogue order');
  });

  it('contains every TLS id of tls-rules.md, naming the alert a correct peer sends', () => {
    const ids = tlsIds();
    assert.equal(ids.length, 16);
    const alert = /unexpected_message|illegal_parameter|unsupported_extension|missing_extension|record_overflow|decode_error|decrypt_error|bad_record_mac|certificate_expired|bad_certificate/;
    for (const id of ids) {
      assert.ok(isDiagnosticId(id), `${id} missing`);
      const entry: DiagnosticEntry = DIAGNOSTICS[id as keyof typeof DIAGNOSTICS];
      assert.match(entry.en, alert, id);
      assert.match(entry.zh, alert, id);
      assert.match(entry.rfc ?? '', /^RFC \d+ §/, id);
    }
  });

  it('contains every runner id of language.md §Diagnostics, plus INFO-STATE and INTERNAL-ERROR', () => {
    const ids = runnerIds();
    for (const id of ['PARSE-ERROR', 'EXPECT-STATE', 'LIMIT', 'UNSUPPORTED']) assert.ok(ids.includes(id), `parsed ${id} from language.md`);
    for (const id of [...ids, 'INFO-STATE', 'INTERNAL-ERROR']) assert.ok(isDiagnosticId(id), `${id} missing`);
    assert.equal(DIAGNOSTICS['INFO-STATE'].severity, 'info');
  });

  it('gives runner ids exactly the placeholders the runner fills', () => {
    const expected: Record<string, string[]> = {
      'PARSE-ERROR': ['detail'],
      'NAME-UNKNOWN': ['known', 'name'],
      'SETTING-UNKNOWN': ['key', 'valid'],
      'SETTING-RANGE': ['key', 'valid', 'value'],
      'CALL-STATE': ['call', 'endpoint', 'errno', 'state'],
      'EXPECT-PACKET': ['actual', 'expected', 'field', 'sender'],
      'EXPECT-NO-PACKET': ['doing', 'dst', 'sender'],
      'EXPECT-UNEXPECTED': ['packet', 'sender'],
      'EXPECT-TIMING': ['actual', 'expected', 'sender', 'tolerance'],
      'EXPECT-STATE': ['actual', 'endpoint', 'expected', 'explain'],
      'EXPECT-RECV': ['actual', 'endpoint', 'expected'],
      'EXPECT-ERROR': ['actual', 'endpoint', 'expected'],
      'EXPECT-QUEUE': ['actual', 'endpoint', 'expected', 'queue'],
      'EXPECT-NOTHING': ['packet', 'sender', 'time'],
      'LIMIT': ['limit', 'setting', 'value'],
      'UNSUPPORTED': ['what'],
      'INFO-STATE': ['endpoint', 'state', 'why'],
      'INTERNAL-ERROR': ['detail'],
      'TCP-SYN-CONSUMES-SEQ': ['actual', 'expected', 'field'],
      'TCP-FIN-CONSUMES-SEQ': ['actual', 'expected', 'field'],
    };
    for (const [id, names] of Object.entries(expected)) {
      assert.ok(isDiagnosticId(id), id);
      assert.deepEqual(normalised(DIAGNOSTICS[id as keyof typeof DIAGNOSTICS].en), names, id);
    }
  });

  it('fills the placeholders in both languages', () => {
    const d = makeDiagnostic('TCP-SYN-CONSUMES-SEQ', RANGE, { field: 'ack', expected: 'x+1', actual: 'x+2' });
    assert.equal(d.message, 'the SYN occupies one sequence number, so ack must be x+1, not x+2');
    assert.equal(d.messageZh, 'SYN 占用一个序列号，所以 ack 应为 x+1，而不是 x+2');
    assert.equal(d.rfc, 'RFC 9293 §3.4');
    assert.equal(d.severity, 'error');

    const parse = makeDiagnostic('PARSE-ERROR', RANGE, { detail: "expected '->'", detailZh: '缺少 “->”' });
    assert.equal(parse.message, "expected '->'");
    assert.equal(parse.messageZh, '缺少 “->”');

    const unexpected = makeDiagnostic('EXPECT-UNEXPECTED', RANGE, { sender: 'server', packet: 'RST,ACK' });
    assert.equal(unexpected.message, 'server sent RST,ACK here; the script expects nothing');
    assert.equal(unexpected.rfc, undefined);
  });

  it('names the values a caller forgot to pass', () => {
    assert.deepEqual(missingParams('TCP-SYN-CONSUMES-SEQ', { field: 'ack', expected: 'x+1', actual: 'x+2' }), []);
    assert.deepEqual(missingParams('PARSE-ERROR', { detail: 'oops' }), ['detailZh']);
    assert.deepEqual(missingParams('TCP-TIMEWAIT-PASSIVE-CLOSER', {}), []);
  });

  it('reads well when EXPECT-STATE has no explanation', () => {
    const bare = makeDiagnostic('EXPECT-STATE', RANGE, { endpoint: 'server', expected: 'CLOSE_WAIT', actual: 'LAST_ACK', explain: '', explainZh: '' });
    assert.equal(bare.message, 'server is in LAST_ACK, not CLOSE_WAIT.');
    assert.equal(bare.messageZh, 'server 处于 LAST_ACK，而不是 CLOSE_WAIT。');
    const full = makeDiagnostic('EXPECT-STATE', RANGE, { endpoint: 'server', expected: 'CLOSE_WAIT', actual: 'LAST_ACK', explain: 'It sent its FIN.', explainZh: '它已发出 FIN。' });
    assert.equal(full.message, 'server is in LAST_ACK, not CLOSE_WAIT. It sent its FIN.');
    assert.equal(full.messageZh, 'server 处于 LAST_ACK，而不是 CLOSE_WAIT。它已发出 FIN。');
  });

  it('tells students the facts their old material gets wrong', () => {
    const retries = DIAGNOSTICS['TCP-HANDSHAKE-RETRIES'].explain;
    assert.match(retries, /127 s/);
    assert.match(retries, /67 s/);
    assert.match(retries, /131 s/);
    assert.match(retries, /tcp_syn_linear_timeouts = 4/);
    const timeWait = DIAGNOSTICS['TCP-TIMEWAIT-DURATION'].explain;
    assert.match(timeWait, /240 s/);
    assert.match(timeWait, /fixed 60 s/);
    assert.match(timeWait, /tcp_fin_timeout does not/);
    assert.match(DIAGNOSTICS['TCP-TIMEWAIT-PASSIVE-CLOSER'].explain, /LAST_ACK, not CLOSE_WAIT/);
    assert.match(DIAGNOSTICS['TCP-TIMEWAIT-PASSIVE-CLOSER'].explainZh, /LAST_ACK 而不是 CLOSE_WAIT/);
  });
});

describe('docs/diagnostics.md', () => {
  const doc = readFileSync(path.join(ROOT, DIAGNOSTICS_DOC_PATH), 'utf8');

  it('is the rendering of the table (run node scripts/gen-diagnostics-doc.mjs after changing it)', () => {
    assert.ok(doc === renderDiagnosticsDoc(DIAGNOSTICS), 'docs/diagnostics.md is out of date: npx tsc -p tsconfig.test.json && node scripts/gen-diagnostics-doc.mjs');
  });

  it('has one section per id with a stable anchor, its severity, RFC and both messages', () => {
    assert.equal(diagnosticAnchor('TCP-SYN-CONSUMES-SEQ'), 'tcp-syn-consumes-seq');
    for (const [id, e] of ENTRIES) {
      const at = doc.indexOf(`\n## ${id}\n`);
      assert.ok(at >= 0, `no section for ${id}`);
      const next = doc.indexOf('\n## ', at + 1);
      const body = doc.slice(at, next < 0 ? undefined : next);
      assert.ok(body.includes(`Severity 严重级别: ${e.severity}`), id);
      if (e.rfc) assert.ok(body.includes(e.rfc), id);
      assert.ok(body.includes(e.en) && body.includes(e.zh), id);
      assert.ok(doc.includes(`](#${diagnosticAnchor(id)})`), `${id} not in the index`);
    }
  });
});
