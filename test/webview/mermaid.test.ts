// Mermaid export is a pure function of a RunResult: tested against a real run of an example.
import assert from 'node:assert/strict';
import { toMermaid } from '../../src/export/mermaid';
import type { RunResult } from '../../src/runner/trace';
import { loadFixture } from './harness';
import { realRun } from './real-traces';

describe('Mermaid sequence diagram export', () => {
  it('writes the four-way close as participants, arrows and state notes in run order', () => {
    const run = realRun('04-four-way-close');
    const text = toMermaid(run);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'sequenceDiagram');
    assert.ok(lines.includes('    title Four-way close and TIME_WAIT'));
    assert.ok(lines.includes('    participant client'));
    assert.ok(lines.includes('    participant server'));
    const arrows = lines.filter((l) => l.includes('->>'));
    assert.equal(arrows.length, run.packets.length);
    assert.equal(arrows[0], '    client->>server: SYN seq=x');
    assert.ok(arrows.includes('    server->>client: FIN,ACK seq=y+1 ack=x+2'), arrows.join('\n'));
    const notes = lines.filter((l) => l.startsWith('    Note over '));
    assert.equal(notes.length, run.states.length);
    assert.ok(notes.includes('    Note over client: FIN_WAIT_2 → TIME_WAIT'));
    assert.ok(notes.includes('    Note over client: TIME_WAIT → CLOSED'));
    // Run order: the SYN comes before the client's SYN_SENT → ESTABLISHED note, TIME_WAIT → CLOSED is last.
    assert.ok(lines.indexOf('    client->>server: SYN seq=x') < lines.indexOf('    Note over client: SYN_SENT → ESTABLISHED'));
    assert.equal(lines[lines.length - 1], '    Note over client: TIME_WAIT → CLOSED');
  });

  it('notes every TLS handshake state change, in run order among the packets and TCP states', () => {
    const run = realRun('11-tls13');
    const lines = toMermaid(run).trimEnd().split('\n');
    const tls = lines.filter((l) => / {4}Note over \w+: TLS /.test(l));
    assert.deepEqual(tls, run.tlsStates.map((s) => `    Note over ${s.endpoint}: TLS ${s.from} → ${s.to}`));
    assert.ok(tls.includes('    Note over client: TLS START → WAIT_SERVER_HELLO'));
    assert.ok(tls.includes('    Note over server: TLS WAIT_FINISHED → ESTABLISHED'));
    // The client starts its handshake before its ClientHello goes out; the server is ESTABLISHED
    // only after the client's Finished; TCP notes are still there.
    const at = (text: string): number => lines.findIndex((l) => l.includes(text));
    assert.ok(at('Note over client: TLS START → WAIT_SERVER_HELLO') < at('client->>server: TLS ClientHello'));
    assert.ok(at('client->>server: TLS Finished') < at('Note over server: TLS WAIT_FINISHED → ESTABLISHED'));
    assert.ok(lines.includes('    Note over client: SYN_SENT → ESTABLISHED'));
    assert.doesNotMatch(toMermaid(realRun('04-four-way-close')), /: TLS /);
  });

  it('ends a dropped packet in -x and dashes a retransmission', () => {
    const text = toMermaid(loadFixture('syn-retransmissions'));
    assert.match(text, /\n {4}\w+-x\w+: /);
    assert.match(text, /\n {4}\w+--(>>|x)\w+: .*\(retransmission\)/);
  });

  it('keeps hostile names and labels on one line, with safe participant ids', () => {
    const hostile = loadFixture('hostile');
    const evil: RunResult = {
      ...hostile,
      title: 'a\nsequenceDiagram; click x call alert(1) #',
      packets: hostile.packets.map((p, i) => (i === 0 ? { ...p, label: 'SYN\n    Note over A: injected; <b>' } : p)),
    };
    const text = toMermaid(evil);
    for (const line of text.trimEnd().split('\n').slice(1)) {
      assert.match(line, /^ {4}(title |participant [A-Za-z_][A-Za-z0-9_]*( as |$)|[A-Za-z_][A-Za-z0-9_]*-(-)?(>>|x)[A-Za-z_]|Note over [A-Za-z_])/, line);
      assert.doesNotMatch(line.slice(line.indexOf(': ') + 1), /[;<>#]/, line);
    }
    assert.equal(text.split('\n').filter((l) => l.includes('injected')).length, 1);
  });

  it('writes every example', () => {
    for (const name of ['01-three-way-handshake', '03-syn-retries', '06-simultaneous-open', '11-tls13']) {
      const run = realRun(name);
      const text = toMermaid(run);
      assert.equal(text.split('\n').filter((l) => / {4}\S+-(-)?(>>|x)\S+: /.test(l)).length, run.packets.length, name);
    }
  });
});
