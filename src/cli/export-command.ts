// `tcpflow export FILE --pcap OUT.pcapng [--keylog OUT.keys] [--format pcap|pcapng]`: runs the
// script and writes the capture. Classic pcap when asked with --format pcap or when OUT ends in
// `.pcap`; pcapng otherwise. The keylog holds the TLS secrets of the run (empty without TLS).
import { writeFileSync } from 'node:fs';
import type { RunResult } from '../runner/trace';
import type { RunOptions } from '../runner/index';
import { toPcapng } from '../export/pcapng';
import { toPcap } from '../export/pcap';
import { toKeylog } from '../export/keylog';

const VALUE_FLAGS = ['--pcap', '--keylog', '--format'];

export function exportCommand(
  args: string[],
  read: (file: string) => string,
  run: (source: string, options: RunOptions) => RunResult,
): number {
  const values = new Map<string, string | undefined>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_FLAGS.includes(a)) values.set(a, args[++i]);
    else if (a.startsWith('-')) return misuse(`unknown option '${a}'`);
    else positional.push(a);
  }
  const out = values.get('--pcap');
  const keylog = values.get('--keylog');
  const format = values.get('--format') ?? (out?.toLowerCase().endsWith('.pcap') ? 'pcap' : 'pcapng');
  const [file, extra] = positional;
  if (!file || !out) return misuse('export needs FILE and --pcap OUT.pcapng');
  if (extra) return misuse(`export takes one FILE, got '${extra}' too`);
  if (format !== 'pcap' && format !== 'pcapng') return misuse(`--format must be pcap or pcapng, not '${format}'`);
  if (values.has('--keylog') && !keylog) return misuse('--keylog needs a file name');
  const result = run(read(file), { fileName: file });
  writeFileSync(out, format === 'pcap' ? toPcap(result) : toPcapng(result));
  if (keylog) writeFileSync(keylog, toKeylog(result));
  process.stdout.write(`wrote ${result.packets.length} packets to ${out}\n`);
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function misuse(message: string): number {
  process.stderr.write(`tcpflow: ${message}\n`);
  return 2;
}
