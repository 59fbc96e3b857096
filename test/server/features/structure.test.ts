// Outline, folding, semantic tokens: the structure of a script as the editor shows it.
import * as assert from 'node:assert';
import { documentSymbols } from '../../../src/server/features/document-symbols';
import { foldingRanges } from '../../../src/server/features/folding';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../../src/server/features/semantic-tokens';
import { HANDSHAKE, runDoc } from './fixture';

const WITH_DATA_AND_CLOSE = `# The whole life of a connection:
# open, one request, close.
${HANDSHAKE}client send 100
client -> server PSH,ACK seq=x+1 ack=y+1 len=100
server -> client ACK seq=y+1 ack=x+101
client close
client -> server FIN,ACK seq=x+101 ack=y+1
server -> client ACK seq=y+1 ack=x+102
`;

describe('server features: outline, folding, semantic tokens', () => {
  it('outlines the title, the endpoints and the phases with their packet lines', () => {
    const symbols = documentSymbols(runDoc(WITH_DATA_AND_CLOSE));
    assert.deepStrictEqual(symbols.map((s) => s.name), ['hs', 'client', 'server', 'handshake', 'data', 'close']);
    assert.strictEqual(symbols[1]?.detail, '10.0.0.1:49152 stack');
    assert.deepStrictEqual(symbols[3]?.children?.map((c) => c.name), [
      'client -> server SYN seq=x',
      'server -> client SYN,ACK seq=y ack=x+1',
      'client -> server ACK seq=x+1 ack=y+1',
    ]);
    assert.strictEqual(symbols[4]?.children?.length, 2);
    assert.strictEqual(symbols[5]?.children?.length, 2);
  });

  it('names the phases in Chinese for a Chinese client', () => {
    assert.deepStrictEqual(documentSymbols(runDoc(WITH_DATA_AND_CLOSE, 'zh')).slice(3).map((s) => s.name), ['握手', '数据', '关闭']);
  });

  it('folds each phase and the comment block', () => {
    const lines = WITH_DATA_AND_CLOSE.split('\n');
    const folds = foldingRanges(runDoc(WITH_DATA_AND_CLOSE)).map((f) => [f.startLine, f.endLine, f.kind]);
    assert.deepStrictEqual(folds, [
      [lines.indexOf('client -> server SYN seq=x'), lines.indexOf('client -> server ACK seq=x+1 ack=y+1'), 'region'],
      [lines.indexOf('client -> server PSH,ACK seq=x+1 ack=y+1 len=100'), lines.indexOf('server -> client ACK seq=y+1 ack=x+101'), 'region'],
      [lines.indexOf('client -> server FIN,ACK seq=x+101 ack=y+1'), lines.indexOf('server -> client ACK seq=y+1 ack=x+102'), 'region'],
      [0, 1, 'comment'],
    ]);
  });

  it('colours endpoints, symbols, flags, states, keywords and numbers', () => {
    const doc = runDoc(HANDSHAKE);
    const data = semanticTokens(doc).data;
    const lines = HANDSHAKE.split('\n');
    const decoded: { line: number; text: string; type: string }[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      const [dl, dc, len, type] = data.slice(i, i + 4) as [number, number, number, number];
      line += dl;
      char = dl === 0 ? char + dc : dc;
      decoded.push({ line, text: (lines[line] ?? '').slice(char, char + len), type: SEMANTIC_TOKENS_LEGEND.tokenTypes[type] as string });
    }
    const on = (text: string): string[] => decoded.filter((d) => d.line === lines.indexOf(text)).map((d) => `${d.text}:${d.type}`);
    assert.deepStrictEqual(on('server -> client SYN,ACK seq=y ack=x+1'), ['server:class', 'client:class', 'SYN:enumMember', 'ACK:enumMember', 'seq:property', 'y:variable', 'ack:property', 'x:variable', '1:number']);
    assert.deepStrictEqual(on('expect server ESTABLISHED'), ['expect:keyword', 'server:class', 'ESTABLISHED:type']);
    assert.deepStrictEqual(on('client connect server'), ['client:class', 'connect:function', 'server:class']);
  });
});
