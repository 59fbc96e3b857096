// What every editor feature reads: one version of a document's text, its parsed Script, the
// latest run of that text (if there is one) and the client's message language.
import { parse } from '../../language/parser';
import type { Script } from '../../language/ast';
import type { RunResult } from '../../runner/trace';
import type { MessageLanguage } from '../locale';
import { parseAgain, parseAll, type ParsedLines } from './incremental-parse';

export interface FlowDocument {
  readonly uri: string;
  readonly source: string;
  readonly script: Script;
  /** The run of exactly this text, or undefined (features that need it then offer nothing). */
  readonly run: RunResult | undefined;
  readonly language: MessageLanguage;
}

/**
 * Parses a document once per version (features ask many times per keystroke), and after an edit
 * only the lines that changed (incremental-parse.ts). A document over the script-size limit is
 * not parsed (that would hold up the server for seconds): features see an empty script, as the
 * run sees none (its LIMIT diagnostic says why).
 */
export class ScriptCache {
  private readonly scripts = new Map<string, { readonly version: number; readonly parsed: ParsedLines }>();

  constructor(private readonly maxBytes: () => number = () => Infinity) {}

  get(uri: string, version: number, source: string): Script {
    const cached = this.scripts.get(uri);
    if (cached !== undefined && cached.version === version) return cached.parsed.script;
    const text = source.length > this.maxBytes() ? '' : source;
    const parsed = cached !== undefined ? parseAgain(cached.parsed, text) : parseAll(text);
    this.scripts.set(uri, { version, parsed });
    return parsed.script;
  }

  forget(uri: string): void {
    this.scripts.delete(uri);
  }
}

/** A FlowDocument straight from text (tests, and the CLI if it ever wants hovers). */
export function flowDocument(uri: string, source: string, run: RunResult | undefined, language: MessageLanguage = 'en'): FlowDocument {
  return { uri, source, script: parse(source), run, language };
}

export function pick(language: MessageLanguage, en: string, zh: string): string {
  return language === 'zh' ? zh : en;
}
