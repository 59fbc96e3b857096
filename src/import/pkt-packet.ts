// One packetdrill packet (`< S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,nop,nop>`) → its
// parts, or the reason it is outside the subset tcpflow converts.

export interface PktPacket {
  readonly inbound: boolean;
  readonly flags: readonly string[];
  readonly start: number;
  readonly len: number;
  readonly ack: number | null;
  readonly win: number | null;
  /** null: `<...>` (don't check) or no option list. */
  readonly options: readonly PktOption[] | null;
}

export type PktOption =
  | { readonly kind: 'nop' | 'eol' | 'sackOK' }
  | { readonly kind: 'mss' | 'wscale'; readonly value: number }
  | { readonly kind: 'ts'; readonly val: number; readonly ecr: number }
  | { readonly kind: 'sack'; readonly blocks: readonly (readonly [number, number])[] };

const FLAG_NAMES: Readonly<Record<string, string>> = { S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', U: 'URG', E: 'ECE', W: 'CWR', '.': 'ACK' };
const FLAG_ORDER = ['SYN', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'ACK'];

export function parsePacket(text: string): PktPacket | string {
  const m = /^([<>])\s+(\S+)\s+(\d+):(\d+)\((\d+)\)\s*(.*)$/.exec(text);
  if (!m) return 'this packet form (only `< FLAGS start:end(len) …` and `> …` TCP packets)';
  const [, dir, flagText, s, e, l, rest] = m as unknown as [string, string, string, string, string, string, string];
  const flags: string[] = [];
  for (const c of flagText) {
    const name = FLAG_NAMES[c];
    if (!name) return `TCP flag '${c}'`;
    flags.push(name);
  }
  flags.sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b));
  if (Number(e) - Number(s) !== Number(l)) return 'inconsistent start:end(len)';
  let ack: number | null = null;
  let win: number | null = null;
  let options: PktOption[] | null = null;
  let tail = rest.trim();
  while (tail) {
    const field = /^(ack|win)\s+(\d+)\s*/.exec(tail);
    if (field) {
      if (field[1] === 'ack') ack = Number(field[2]);
      else win = Number(field[2]);
      tail = tail.slice(field[0].length);
      continue;
    }
    const opts = /^<([^>]*)>\s*$/.exec(tail);
    if (!opts) return `'${tail.split(/\s+/)[0] ?? tail}' in a packet`;
    if (opts[1]!.trim() === '...') break;
    const parsed = parseOptions(opts[1]!);
    if (typeof parsed === 'string') return parsed;
    options = parsed;
    break;
  }
  return { inbound: dir === '<', flags, start: Number(s), len: Number(l), ack, win, options };
}

function parseOptions(text: string): PktOption[] | string {
  const out: PktOption[] = [];
  for (const raw of text.split(',')) {
    const o = raw.trim();
    let m: RegExpExecArray | null;
    if (o === 'nop' || o === 'eol' || o === 'sackOK') out.push({ kind: o });
    else if ((m = /^(mss|wscale)\s+(\d+)$/.exec(o))) out.push({ kind: m[1] as 'mss' | 'wscale', value: Number(m[2]) });
    else if ((m = /^TS\s+val\s+(\d+)\s+ecr\s+(\d+)$/i.exec(o))) out.push({ kind: 'ts', val: Number(m[1]), ecr: Number(m[2]) });
    else if ((m = /^sack((?:\s+\d+:\d+)+)$/.exec(o))) {
      out.push({ kind: 'sack', blocks: m[1]!.trim().split(/\s+/).map((b) => b.split(':').map(Number) as unknown as [number, number]) });
    } else return `TCP option '${o.split(/\s+/)[0] ?? o}'`;
  }
  return out;
}
