// `tcpflow import CAPTURE.pcap[ng]|SCRIPT.pkt [-o OUT.tcpflow] [--connection N]`: a capture or a
// packetdrill script → a `.tcpflow` script, printed or written to OUT. A capture with several
// TCP connections converts the first (or the Nth) and lists them all on stderr. A bad capture is
// one line naming the byte offset (`import: truncated packet record at offset 1234`), exit 2.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CaptureError, checkPacketdrill, importCapture } from '../import/index';
import { diagnosticLine } from './json';

/** Bigger captures are refused before reading: cut them first (editcap). */
const MAX_CAPTURE_BYTES = 512 * 1024 * 1024;

export function importCommand(args: string[], zh: boolean): number {
  let out: string | undefined;
  let connection: number | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') out = args[++i];
    else if (a === '--connection') connection = Number(args[++i]);
    else if (a.startsWith('-')) return fail(`unknown option '${a}'`, `未知选项 “${a}”`, zh);
    else positional.push(a);
  }
  const [file, extra] = positional;
  if (!file) return fail('import needs a CAPTURE.pcap[ng] or SCRIPT.pkt file', 'import 需要一个 CAPTURE.pcap[ng] 或 SCRIPT.pkt 文件', zh);
  if (extra) return fail(`import takes one file, got '${extra}' too`, `import 只接受一个文件，多了 “${extra}”`, zh);
  if (connection !== undefined && !(Number.isInteger(connection) && connection >= 1)) {
    return fail('--connection needs a number from 1', '--connection 需要从 1 开始的数字', zh);
  }
  let bytes: Uint8Array;
  try {
    if (statSync(file).size > MAX_CAPTURE_BYTES) {
      return fail(`${file} is larger than 512 MB; cut it first (editcap -r IN OUT 1-10000)`, `${file} 超过 512 MB；请先裁剪（editcap -r IN OUT 1-10000）`, zh);
    }
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return fail(`cannot read '${file}': ${code}`, `无法读取 “${file}”：${code}`, zh);
  }
  let script: string;
  if (file.toLowerCase().endsWith('.pkt')) {
    const result = checkPacketdrill(Buffer.from(bytes).toString('utf8'), path.basename(file, path.extname(file)));
    script = result.script;
    for (const d of result.diagnostics) {
      process.stderr.write(`${diagnosticLine(file, d, zh)}\n`);
    }
  } else {
    try {
      const result = importCapture(bytes, file, connection);
      script = result.script;
      if (result.connections.length > 1 && connection === undefined) {
        process.stderr.write(
          (zh ? `抓包中有 ${result.connections.length} 个 TCP 连接；已导入第 ${result.chosen} 个（用 --connection N 选择）：\n` : `the capture holds ${result.connections.length} TCP connections; imported ${result.chosen} (choose with --connection N):\n`) +
            result.connections.map((c) => `  ${c}\n`).join(''),
        );
      }
    } catch (e) {
      if (e instanceof CaptureError) return fail(e.message, e.messageZh, zh);
      throw e;
    }
  }
  if (out) {
    writeFileSync(out, script);
    process.stdout.write(`wrote ${out}\n`);
  } else process.stdout.write(script);
  return 0;
}

function fail(message: string, messageZh: string, zh: boolean): number {
  process.stderr.write(`tcpflow import: ${zh ? messageZh : message}\n`);
  return 2;
}
