import * as assert from 'node:assert';
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import { codeActions, FILL_IN_PACKETS_KIND } from '../../../src/server/features/code-actions';
import { toLspDiagnostic } from '../../../src/server/lsp-diagnostic';
import { runScript } from '../../../src/runner/index';
import { HEADER, URI, applyEdits, runDoc } from './fixture';

/** The handshake with its last packet line left out: the client's ACK is unexpected. */
const MISSING_ACK = `${HEADER}
server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
expect server ESTABLISHED
`;

const CALLS_ONLY = `${HEADER}
server listen
client connect server
wait 1s
server accept
expect client ESTABLISHED
expect server ESTABLISHED
client close
wait 1s
server close
wait 1s
expect server CLOSED
`;

function actionsFor(source: string, language: 'en' | 'zh' = 'en', only?: string[]): CodeAction[] {
  const doc = runDoc(source, language);
  const diagnostics = (doc.run?.diagnostics ?? []).map((d) => toLspDiagnostic(d, { language, docUri: 'file:///d.md' }));
  return codeActions(doc, diagnostics, only);
}

function apply(source: string, action: CodeAction | undefined): string {
  const edits: TextEdit[] = action?.edit?.changes?.[URI] ?? [];
  assert.ok(edits.length > 0, 'the action has edits');
  return applyEdits(source, edits);
}

const ids = (source: string): string[] => runScript(source).diagnostics.map((d) => d.id);

describe('server features: code actions', () => {
  it('inserts the packet the stack sent, and the EXPECT-UNEXPECTED goes away', () => {
    assert.ok(ids(MISSING_ACK).includes('EXPECT-UNEXPECTED'));
    const insert = actionsFor(MISSING_ACK).find((a) => a.title.startsWith('Insert the packet the stack sent'));
    assert.strictEqual(insert?.title, 'Insert the packet the stack sent: client -> server ACK seq=x+1 ack=y+1');
    const fixed = apply(MISSING_ACK, insert);
    assert.ok(fixed.includes('client -> server ACK seq=x+1 ack=y+1\nexpect server ESTABLISHED'), fixed);
    assert.deepStrictEqual(ids(fixed), []);
  });

  it('titles it in Chinese for a Chinese client', () => {
    assert.ok(actionsFor(MISSING_ACK, 'zh').some((a) => a.title === '插入协议栈发送的报文：client -> server ACK seq=x+1 ack=y+1'));
  });

  it('ignores packets like this one with an ignore line after the header', () => {
    const ignore = actionsFor(MISSING_ACK).find((a) => a.title.startsWith('Ignore packets like this'));
    const fixed = apply(MISSING_ACK, ignore);
    assert.ok(fixed.includes('link client server delay 10ms\nignore client -> server ACK len=0\n'), fixed);
    assert.ok(!ids(fixed).includes('EXPECT-UNEXPECTED'));
  });

  it('fills in the packets of a socket-calls-only script: it then runs with no diagnostics', () => {
    assert.ok(ids(CALLS_ONLY).includes('EXPECT-UNEXPECTED'));
    const fill = actionsFor(CALLS_ONLY, 'en', ['source']).find((a) => a.kind === FILL_IN_PACKETS_KIND);
    assert.strictEqual(fill?.title, 'Fill in the packets the engine sent');
    const filled = apply(CALLS_ONLY, fill);
    assert.ok(filled.includes('client connect server\nclient -> server SYN seq=x\n'), filled);
    assert.ok(filled.includes('server -> client SYN,ACK seq=y ack=x+1'), filled);
    assert.ok(filled.includes('client -> server ACK seq=x+1 ack=y+1'), filled);
    assert.deepStrictEqual(ids(filled), [], filled);
  });

  it('offers no fill-in when every packet has its line', () => {
    const done = apply(CALLS_ONLY, actionsFor(CALLS_ONLY).find((a) => a.kind === FILL_IN_PACKETS_KIND));
    assert.ok(!actionsFor(done).some((a) => a.kind === FILL_IN_PACKETS_KIND));
  });

  it('keeps the quick fixes the diagnostics carry', () => {
    const wrongAck = MISSING_ACK.replace('ack=x+1', 'ack=x+2');
    assert.ok(actionsFor(wrongAck).some((a) => a.title.includes('x+1') && a.kind === 'quickfix'));
  });
});
