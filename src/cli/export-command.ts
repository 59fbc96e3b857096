// `tcpflow export FILE --pcap OUT.pcapng [--keylog OUT.keys]`: runs the script and writes the
// capture. The keylog is written once the TLS engine exists (no TLS secrets yet: an empty file).
import { writeFileSync } from 'node:fs';
import type { RunResult } from '../runner/trace';
import type { RunOptions } from '../runner/index';
import { toPcapng } from '../export/pcapng';

export function exportCommand(
  args: string[],
  read: (file: string) => string,
  run: (source: string, options: RunOptions) => RunResult,
): number {
  const pcapAt = args.indexOf('--pcap');
  const keylogAt = args.indexOf('--keylog');
  const out = pcapAt >= 0 ? args[pcapAt + 1] : undefined;
  const keylog = keylogAt >= 0 ? args[keylogAt + 1] : undefined;
  const positional = args.filter((a, i) => !a.startsWith('-') && i !== pcapAt + 1 && (keylogAt < 0 || i !== keylogAt + 1));
  const unknown = args.find((a) => a.startsWith('-') && a !== '--pcap' && a !== '--keylog');
  if (unknown) {
    process.stderr.write(`tcpflow: unknown option '${unknown}'\n`);
    return 2;
  }
  const [file] = positional;
  if (!file || !out) {
    process.stderr.write('tcpflow: export needs FILE and --pcap OUT.pcapng\n');
    return 2;
  }
  const result = run(read(file), { fileName: file });
  writeFileSync(out, toPcapng(result));
  if (keylog) writeFileSync(keylog, '');
  process.stdout.write(`wrote ${result.packets.length} packets to ${out}\n`);
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
