// The real tools the interop tests check against: Debian's tshark and tcpdump. Tests skip (with
// the reason) only when a tool is missing; the test driver installs both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/**
 * Skips the test or suite, saying what to install, when a tool is missing: `tools` maps each
 * command to its Debian package (`{ editcap: 'wireshark-common' }`).
 */
export function skipWithout(ctx: Mocha.Context, tools: Readonly<Record<string, string>>): void {
  const missing = Object.keys(tools).filter((t) => !hasTool(t));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((t) => tools[t]!))];
  console.log(`    skipped: ${missing.join(' and ')} not installed (apt-get install ${packages.join(' ')})`);
  ctx.skip();
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `tcpflow-${prefix}-`));
}

export type Row = Readonly<Record<string, string>>;

/** `tshark -r FILE -T fields` with checksum validation on; one object per packet. */
export function tshark(file: string, fields: readonly string[], extra: readonly string[] = []): Row[] {
  const args = ['-r', file, '-n', '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.relative_sequence_numbers:FALSE'];
  args.push(...extra, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=f');
  for (const f of fields) args.push('-e', f);
  const r = spawnSync('tshark', args, { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`tshark failed (${r.status}): ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const cells = l.split('\t');
      return Object.fromEntries(fields.map((f, i) => [f, cells[i] ?? '']));
    });
}

/** Runs tshark with -V and returns the text (for comments and expert info). */
export function tsharkVerbose(file: string): string {
  const r = spawnSync('tshark', ['-r', file, '-n', '-V'], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`tshark failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export const TCP_FLAG_BITS: Readonly<Record<string, number>> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 };

export function flagBits(flags: readonly string[]): number {
  return flags.reduce((b, f) => b | (TCP_FLAG_BITS[f] ?? 0), 0);
}
