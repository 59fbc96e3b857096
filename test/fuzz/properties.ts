// The invariants a user would notice, one function per fuzz target. Each takes one input and
// throws an `InvariantBroken` (or whatever the code under test threw) when the invariant does
// not hold. The mocha suites (short, fixed seed) and `npm run fuzz` (scripts/fuzz.mjs, millions
// of inputs) run exactly these functions.
import type { Range, Script } from '../../src/language/ast';
import { parse } from '../../src/language/parser';
import { runScript } from '../../src/runner/index';
import type { RunLimits } from '../../src/runner/context';
import type { RunResult } from '../../src/runner/trace';
import { toPcapng } from '../../src/export/pcapng';

export class InvariantBroken extends Error {
  override readonly name = 'InvariantBroken';
}

function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new InvariantBroken(message());
}

/** The document's lines, split as LSP (and the parser) count them. */
export function documentLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

/** A range lies inside the document: on existing lines, within each line's length, start ≤ end. */
export function rangeInside(range: Range, lines: readonly string[]): boolean {
  const { start, end } = range;
  const ok = (p: Range['start']): boolean =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= (lines[p.line] ?? '').length;
  return ok(start) && ok(end) && (start.line < end.line || (start.line === end.line && start.character <= end.character));
}

const show = (r: Range): string => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

// ---------------------------------------------------------------------------------------------
// Known bugs, not yet fixed: the fuzzer skips inputs that would only find them again (and, for
// the huge send, take 40 s and 4 GB each). Each has a pending test in regressions/; delete the
// entry here when that test passes.

export const KNOWN_BUGS: readonly { readonly name: string; readonly test: (source: string) => boolean }[] = [];

/** The known bug this input would hit, if any. */
export function knownBug(source: string): string | undefined {
  return KNOWN_BUGS.find((b) => b.test(source))?.name;
}

// ---------------------------------------------------------------------------------------------
// Parser

/** What one line parsed to, with its line number taken out (so line 7 in a file equals line 0 alone). */
function lineShape(script: Script, line: number): string {
  const onLine = <T extends { range: Range }>(xs: readonly T[]): T[] => xs.filter((x) => x.range.start.line === line);
  const shape = { statements: onLine(script.statements), errors: onLine(script.errors), comments: onLine(script.comments) };
  return JSON.stringify(shape, (key, value: unknown) => {
    if (key === 'line' && typeof value === 'number') return value - line;
    if (value instanceof Uint8Array) return Array.from(value);
    return value;
  });
}

/** parse never throws; every range lies inside the document; each line parses as it would alone. */
export function parserProperty(source: string): void {
  const script = parse(source);
  const lines = documentLines(source);
  check(script.lineCount === lines.length, () => `lineCount ${script.lineCount}, document has ${lines.length} lines`);
  for (const e of script.errors) check(rangeInside(e.range, lines), () => `syntax error range ${show(e.range)} outside the document: ${e.message}`);
  for (const s of script.statements) check(rangeInside(s.range, lines), () => `${s.type} statement range ${show(s.range)} outside the document`);
  for (const c of script.comments) check(rangeInside(c.range, lines), () => `comment range ${show(c.range)} outside the document`);
  const errorLines = new Set<number>();
  for (const e of script.errors) {
    check(!errorLines.has(e.range.start.line), () => `two syntax errors on line ${e.range.start.line}`);
    errorLines.add(e.range.start.line);
  }
  lines.forEach((text, i) => {
    const inFile = lineShape(script, i);
    const alone = lineShape(parse(text), 0);
    check(inFile === alone, () => `line ${i} parses differently in the file than alone:\n  in file: ${inFile}\n  alone:   ${alone}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Runner

/** Small limits, so that every fuzzed run is short; a run that reaches one must say so (LIMIT). */
export const FUZZ_LIMITS: RunLimits = { maxEvents: 20_000, maxVirtualSeconds: 3_600, maxPackets: 2_000, maxRepeat: 500, maxPayloadBytes: 1_000_000, maxDiagnostics: 10_000, maxScriptBytes: 16 * 1024 * 1024 };

function checkResult(result: RunResult, lines: readonly string[], source: string): void {
  // A message may quote what the user wrote (`NaN is not a valid value`), so NaN only counts when the script has none.
  const bad = /NaN/.test(source) ? /undefined|\[object / : /undefined|NaN|\[object /;
  for (const d of result.diagnostics) {
    check(rangeInside(d.range, lines), () => `${d.id} diagnostic range ${show(d.range)} outside the document: ${d.message}`);
    check(typeof d.message === 'string' && d.message.length > 0, () => `${d.id} diagnostic without a message`);
    check(typeof d.messageZh === 'string' && d.messageZh.length > 0, () => `${d.id} diagnostic without a Chinese message`);
    // What the message quotes is the user's own text, so placeholders and NaN only count outside quotes.
    const own = (m: string): string => m.replace(/'[^']*'|"[^"]*"|“[^”]*”|‘[^’]*’/g, '');
    check(!/\{[a-zA-Z]+\}/.test(own(d.message)) && !/\{[a-zA-Z]+\}/.test(own(d.messageZh)), () => `${d.id} message has an unfilled placeholder: ${d.message} / ${d.messageZh}`);
    check(!bad.test(own(d.message)) && !bad.test(own(d.messageZh)), () => `${d.id} message shows undefined/NaN: ${d.message} / ${d.messageZh}`);
  }
  for (const p of result.packets) {
    check(Number.isFinite(p.time) && Number.isFinite(p.arrival) && p.arrival >= p.time, () => `packet ${p.id} has time ${p.time} → ${p.arrival}`);
    for (const [k, v] of [['seq', p.seq], ['ack', p.ack], ['win', p.win], ['len', p.len]] as const)
      check(Number.isInteger(v) && v >= 0 && v <= 0xffffffff, () => `packet ${p.id} has ${k}=${v}`);
    check(p.line >= 0 && p.line <= lines.length, () => `packet ${p.id} names line ${p.line} of ${lines.length}`);
  }
  for (const s of result.states) check(Number.isFinite(s.time) && s.line >= 0 && s.line <= lines.length, () => `state change at ${s.time} names line ${s.line}`);
  check(Number.isFinite(result.durationVirtual) && result.durationVirtual <= FUZZ_LIMITS.maxVirtualSeconds + 1e-6 || result.diagnostics.some((d) => d.id === 'LIMIT'),
    () => `run lasted ${result.durationVirtual}s of virtual time without a LIMIT diagnostic`);
}

/** runScript never throws, its ranges lie inside the document, and the same input gives the same result. */
export function runnerProperty(source: string, limits: RunLimits = FUZZ_LIMITS): RunResult | undefined {
  if (knownBug(source)) return undefined;
  const lines = documentLines(source);
  const first = runScript(source, { limits });
  checkResult(first, lines, source);
  const again = runScript(source, { limits });
  const a = JSON.stringify(first);
  const b = JSON.stringify(again);
  check(a === b, () => `two runs of the same script differ:\n  ${firstDifference(a, b)}`);
  return first;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

// ---------------------------------------------------------------------------------------------
// Export

/** Walks a pcapng file's blocks: every block's two length fields agree, are multiples of 4 and tile the file. */
export function checkPcapng(bytes: Uint8Array, packets: number): void {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  check(bytes.length >= 12 && v.getUint32(0, true) === 0x0a0d0d0a, () => 'pcapng does not start with a Section Header Block');
  check(v.getUint32(8, true) === 0x1a2b3c4d, () => 'Section Header Block without the little-endian byte-order magic');
  let at = 0;
  const types: number[] = [];
  while (at < bytes.length) {
    check(at + 12 <= bytes.length, () => `truncated block header at ${at}`);
    const type = v.getUint32(at, true);
    const total = v.getUint32(at + 4, true);
    check(total >= 12 && total % 4 === 0, () => `block at ${at} has length ${total}`);
    check(at + total <= bytes.length, () => `block at ${at} (length ${total}) runs past the end (${bytes.length})`);
    check(v.getUint32(at + total - 4, true) === total, () => `block at ${at}: trailing length ${v.getUint32(at + total - 4, true)} ≠ ${total}`);
    if (type === 6) checkEnhancedPacket(v, at, total);
    types.push(type);
    at += total;
  }
  check(types[1] === 1, () => 'no Interface Description Block after the section header');
  check(types.filter((t) => t === 6).length === packets, () => `${types.filter((t) => t === 6).length} packet blocks for ${packets} packets`);
}

function checkEnhancedPacket(v: DataView, at: number, total: number): void {
  const captured = v.getUint32(at + 20, true);
  const original = v.getUint32(at + 24, true);
  const dataEnd = at + 28 + ((captured + 3) & ~3);
  check(captured <= original && dataEnd <= at + total - 4, () => `packet block at ${at}: captured ${captured}, original ${original}, block ${total}`);
  // Options: code, length, value padded to 4, until opt_endofopt or the block's end.
  let o = dataEnd;
  while (o < at + total - 4) {
    check(o + 4 <= at + total - 4, () => `packet block at ${at}: truncated option at ${o}`);
    const code = v.getUint16(o, true);
    const length = v.getUint16(o + 2, true);
    if (code === 0) break;
    o += 4 + ((length + 3) & ~3);
    check(o <= at + total - 4, () => `packet block at ${at}: option ${code} (length ${length}) runs past the block`);
  }
  // The packet itself: an IPv4 or IPv6 header whose length field matches what was captured.
  const version = v.getUint8(at + 28) >> 4;
  check(version === 4 || version === 6, () => `packet block at ${at}: IP version ${version}`);
  const ipLength = version === 4 ? v.getUint16(at + 28 + 2) : 40 + v.getUint16(at + 28 + 4);
  check(ipLength === captured, () => `packet block at ${at}: IP length field ${ipLength}, captured ${captured} bytes`);
}

/** Known export bugs (pending in regressions/export-oversize.test.ts); delete when that test passes. */
export const KNOWN_EXPORT_BUGS: readonly { readonly name: string; readonly test: (source: string) => boolean }[] = [];

/** toPcapng(runScript(x)) never throws and writes well-formed blocks. */
export function exportProperty(source: string): void {
  if (knownBug(source) || KNOWN_EXPORT_BUGS.some((b) => b.test(source))) return;
  const result = runScript(source, { limits: FUZZ_LIMITS });
  checkPcapng(toPcapng(result), result.packets.length);
}
