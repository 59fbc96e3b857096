// The runner's public face: source text in, RunResult out. Pure and synchronous; the CLI, the
// language server and the tests all call this.
import type { EndpointStmt, Script } from '../language/ast';
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import { makeDiagnostic } from '../language/diagnostics/make';
import { parse } from '../language/parser';
import type { ProfileName } from '../engine/tcp/profile';
import { addressText } from '../engine/tcp/segment';
import { DEFAULT_LIMITS, RunContext, type RunLimits } from './context';
import { execute } from './runner';
import { buildTrace } from './trace-build';
import type { RunResult } from './trace';
import { World, type EndpointSpec } from './world';

export interface RunOptions {
  /** Shown in messages; never read from disk here. */
  readonly fileName?: string;
  readonly limits?: Partial<RunLimits>;
  /** The profile of a script without a `profile` line (setting tcpflow.defaultProfile); default linux. */
  readonly defaultProfile?: ProfileName;
}

export function runScript(source: string, options: RunOptions = {}): RunResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (source.length > limits.maxScriptBytes) {
    // Too big to run in an editor's keystroke budget: say so on the first line, run nothing.
    const firstLine = Math.min(source.search(/\r|\n|$/), 1000);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: Math.max(firstLine, 0) } };
    return emptyRun([makeDiagnostic('LIMIT', range, { limit: 'maxScriptBytes', value: limits.maxScriptBytes, setting: 'tcpflow.limits.maxScriptBytes' })]);
  }
  const script = parse(source);
  return runParsed(script, source, options);
}

export function runParsed(script: Script, source: string, options: RunOptions = {}): RunResult {
  const diagnostics: Diagnostic[] = script.errors.map((e) =>
    makeDiagnostic('PARSE-ERROR', e.range, { detail: e.message, detailZh: e.messageZh }),
  );
  const header = readHeader(script, diagnostics, options.defaultProfile ?? 'linux');
  const world = new World(header.profile, header.seed, header.endpoints);
  const ctx = new RunContext(world, source.split(/\r\n|\n|\r/), { ...DEFAULT_LIMITS, ...options.limits });
  try {
    execute(ctx, script);
  } finally {
    for (const tls of ctx.tls.values()) tls.session.dispose?.(); // OpenSSL workers (`peer openssl`)
  }
  return buildTrace(ctx, header, capDiagnostics(ctx, sortDiagnostics(diagnostics.concat(ctx.diagnostics))));
}

export interface Header {
  readonly title: string;
  readonly profile: ProfileName;
  readonly seed: number;
  readonly endpoints: readonly EndpointSpec[];
}

function readHeader(script: Script, diagnostics: Diagnostic[], defaultProfile: ProfileName): Header {
  let title = '';
  let profile: ProfileName = defaultProfile;
  let seed = 1;
  const endpoints: EndpointSpec[] = [];
  const byName = new Map<string, EndpointStmt>();
  const byAddress = new Map<string, EndpointStmt>();
  for (const stmt of script.statements) {
    if (stmt.type === 'flow') title = stmt.title.text;
    else if (stmt.type === 'seed') seed = stmt.seed.value >>> 0;
    else if (stmt.type === 'profile') {
      const p = stmt.profile.text.toLowerCase();
      if (p === 'linux' || p === 'rfc9293') profile = p;
      else diagnostics.push(makeDiagnostic('SETTING-RANGE', stmt.profile.range, { key: 'profile', value: stmt.profile.text, valid: 'linux, rfc9293' }));
    } else if (stmt.type === 'endpoint') {
      const address = { ip: stmt.address.ip, port: stmt.address.port };
      const key = addressText(address);
      const clash = byName.get(stmt.name.text) ?? byAddress.get(key);
      if (clash) {
        const line = clash.range.start.line + 1;
        diagnostics.push(
          makeDiagnostic('PARSE-ERROR', stmt.name.range, {
            detail: `endpoint '${stmt.name.text}' (${key}) repeats the name or address declared on line ${line}`,
            detailZh: `端点 “${stmt.name.text}”（${key}）与第 ${line} 行声明的名称或地址重复`,
          }),
        );
        continue;
      }
      byName.set(stmt.name.text, stmt);
      byAddress.set(key, stmt);
      endpoints.push({ name: stmt.name.text, address, kind: stmt.kind, line: stmt.range.start.line + 1 });
    }
  }
  return { title, profile, seed, endpoints };
}

/** At most maxDiagnostics, then one LIMIT saying the rest were left out. */
function capDiagnostics(ctx: RunContext, ds: Diagnostic[]): Diagnostic[] {
  const max = ctx.limits.maxDiagnostics;
  if (ds.length <= max) return ds;
  const kept = ds.slice(0, max);
  const last = kept[kept.length - 1]!;
  kept.push(makeDiagnostic('LIMIT', last.range, { limit: 'maxDiagnostics', value: max, setting: 'tcpflow.limits.maxDiagnostics' }));
  return kept;
}

function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** A run that did nothing but report: a document that is not a script, or a run that failed. */
export function emptyRun(diagnostics: readonly Diagnostic[], title = ''): RunResult {
  return { title, profile: 'linux', seed: 1, diagnostics, packets: [], states: [], tlsStates: [], timers: [], endpoints: [], symbols: {}, keylog: [], durationVirtual: 0 };
}

export type { RunResult } from './trace';
