// Invariants of the importers: they never throw on arbitrary input except with a CaptureError
// that names a byte offset inside the file, and what they write is a script that parses and runs.
import { CaptureError, checkPacketdrill, importCapture } from '../../src/import/index';
import { parse } from '../../src/language/parser';
import { InvariantBroken, documentLines, rangeInside, runnerProperty } from './properties';

function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new InvariantBroken(message());
}

/** A script an importer wrote parses without a syntax error, and runs (runner invariants). */
function checkGeneratedScript(script: string, what: string): void {
  check(typeof script === 'string', () => `${what} returned no script`);
  const errors = parse(script).errors;
  check(errors.length === 0, () => `${what} wrote a script with syntax errors: ${errors.map((e) => `line ${e.range.start.line + 1}: ${e.message}`).join('; ')}\n${script}`);
  runnerProperty(script);
}

/** Known capture-import bugs (pending in regressions/); delete an entry when its test passes. */
export const KNOWN_CAPTURE_BUGS: readonly { readonly name: string; readonly test: (script: string) => boolean }[] = [];

/** importCapture(bytes) returns a script that parses and runs, or throws a CaptureError naming an offset in the file. */
export function captureImportProperty(bytes: Uint8Array): void {
  let imported;
  try {
    imported = importCapture(bytes, 'fuzz.pcapng');
  } catch (e) {
    check(e instanceof CaptureError, () => `importCapture threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)}`);
    check(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= bytes.length, () => `CaptureError offset ${e.offset} outside the file (${bytes.length} bytes): ${e.message}`);
    check(e.message.length > 0 && e.messageZh.length > 0, () => 'CaptureError without a message');
    return;
  }
  check(imported.chosen >= 1 && imported.chosen <= imported.connections.length, () => `chose connection ${imported.chosen} of ${imported.connections.length}`);
  if (KNOWN_CAPTURE_BUGS.some((b) => b.test(imported.script))) return;
  checkGeneratedScript(imported.script, 'importCapture');
}

/** Known importer bugs, not yet fixed (each has a pending test in regressions/); delete an entry when its test passes. */
export const KNOWN_IMPORT_BUGS: readonly { readonly name: string; readonly test: (text: string, script: string) => boolean }[] = [];

/** checkPacketdrill(text) never throws, its diagnostics lie inside the .pkt text, and its script parses and runs. */
export function packetdrillProperty(text: string): void {
  const result = checkPacketdrill(text, 'fuzz.pkt');
  if (KNOWN_IMPORT_BUGS.some((b) => b.test(text, result.script))) return;
  const lines = documentLines(text);
  for (const d of result.diagnostics) check(rangeInside(d.range, lines), () => `${d.id} range ${JSON.stringify(d.range)} outside the .pkt text: ${d.message}`);
  checkGeneratedScript(result.script, 'checkPacketdrill');
}
