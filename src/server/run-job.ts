// One run of one document's text, as plain data: what the run worker receives and what it does
// with it. A .tcpflow script runs on the engine with the client's settings; a .pkt document is
// checked by converting it (its diagnostics point at its own lines, nothing is drawn). The
// requests (`tcpflow/checkScript`, `tcpflow/exportPcap`) always run the text as a script.
import { checkPacketdrill } from '../import/index';
import type { RunLimits } from '../runner/context';
import { emptyRun, runScript, type RunOptions } from '../runner/index';
import type { RunResult } from '../runner/trace';
import type { RunSettings } from '../shared/protocol';

export interface RunJob {
  readonly source: string;
  /** Shown in messages (`handshake.tcpflow`); never opened. */
  readonly fileName: string;
  readonly settings: RunSettings | undefined;
  /** Run the text as a .tcpflow script whatever its file name (the requests do). */
  readonly asScript?: boolean;
}

export function runJob(job: RunJob): RunResult {
  if (job.asScript !== true && job.fileName.endsWith('.pkt')) return emptyRun(checkPacketdrill(job.source).diagnostics);
  return runScript(job.source, runOptions(job.fileName, job.settings));
}

const LIMIT_KEYS = ['maxEvents', 'maxVirtualSeconds', 'maxPackets', 'maxRepeat', 'maxPayloadBytes', 'maxDiagnostics', 'maxScriptBytes'] as const satisfies readonly (keyof RunLimits)[];

/** RunOptions from the settings a client sent: unknown profiles and non-positive limits are dropped. */
export function runOptions(fileName: string, settings: RunSettings | undefined): RunOptions {
  const profile = settings?.defaultProfile;
  const limits: Partial<Record<keyof RunLimits, number>> = {};
  for (const key of LIMIT_KEYS) {
    const value: unknown = settings?.limits?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return {
    fileName,
    limits,
    ...(profile === 'linux' || profile === 'rfc9293' ? { defaultProfile: profile } : {}),
  };
}
