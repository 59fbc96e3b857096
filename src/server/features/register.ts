// Registers every editor feature on the connection and says which capabilities they add to
// the initialize result. Features read the parsed Script of the document's current version
// (parsed once per version; after an edit only its changed lines) and its run. Runs happen off
// this thread, so no feature blocks on one: code actions wait for the run of exactly this text
// (starting it now if the debounced run is still pending); hover waits for it only briefly
// (during a long run it answers without the run's values); completion and inlay hints take only
// a run that is already there (inlay hints are refreshed when one is published), so typing
// never forces a run. A hover or code action whose text changed while it waited answers nothing.
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RunResult } from '../../runner/trace';
import type { MessageLanguage } from '../locale';
import { FILL_IN_PACKETS_KIND, codeActions } from './code-actions';
import { completion } from './completion';
import { documentSymbols } from './document-symbols';
import { ScriptCache, type FlowDocument } from './document';
import { foldingRanges } from './folding';
import { formatting } from './formatting';
import { hover } from './hover';
import { inlayHints } from './inlay-hints';
import { definition, invalidNewName, prepareRename, rename } from './navigation';
import { occurrences } from './occurrences';
import { contains } from '../../language/locate';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './semantic-tokens';

export const FEATURE_CAPABILITIES: ServerCapabilities = {
  hoverProvider: true,
  completionProvider: { triggerCharacters: ['>', '=', ','] },
  inlayHintProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix', FILL_IN_PACKETS_KIND] },
  semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  documentFormattingProvider: true,
  definitionProvider: true,
  renameProvider: { prepareProvider: true },
};

export interface FeatureSources {
  readonly documents: TextDocuments<TextDocument>;
  /** The run of this version of the document, running it now if needed (undefined if the text moved on). */
  readonly currentRun: (uri: string, version: number) => Promise<RunResult | undefined>;
  /** As currentRun, but undefined if the run does not arrive within a moment (hover). */
  readonly briefRun: (uri: string, version: number) => Promise<RunResult | undefined>;
  /** The run of the document's current text if there already is one. */
  readonly readyRun: (uri: string) => RunResult | undefined;
  readonly language: () => MessageLanguage;
  /** The script-size limit (tcpflow.limits.maxScriptBytes): bigger documents are not parsed. */
  readonly maxScriptBytes: () => number;
}

export function registerFeatures(connection: Connection, sources: FeatureSources): { readonly forget: (uri: string) => void } {
  const scripts = new ScriptCache(sources.maxScriptBytes);
  const flow = (uri: string, run: 'ready' | 'none'): FlowDocument | undefined => {
    const text = sources.documents.get(uri);
    if (text === undefined) return undefined;
    const source = text.getText();
    const result = run === 'ready' ? sources.readyRun(uri) : undefined;
    return { uri, source, script: scripts.get(uri, text.version, source), run: result, language: sources.language() };
  };
  /**
   * The document with its run once that has arrived (see `currentRun`, `briefRun`); undefined if
   * the text changed meanwhile (the request was about text that is gone, and the Script of an
   * older version is not read once a newer one is parsed: incremental-parse.ts).
   */
  const flowAfterRun = async (uri: string, wait: 'current' | 'brief'): Promise<FlowDocument | undefined> => {
    const version = sources.documents.get(uri)?.version;
    if (version === undefined) return undefined;
    const run = await (wait === 'current' ? sources.currentRun : sources.briefRun)(uri, version);
    const doc = sources.documents.get(uri)?.version === version ? flow(uri, 'none') : undefined;
    return doc !== undefined ? { ...doc, run } : undefined;
  };

  connection.onHover(async (p) => {
    const doc = await flowAfterRun(p.textDocument.uri, 'brief');
    return doc !== undefined ? hover(doc, p.position) : null;
  });
  connection.onCompletion((p) => {
    const doc = flow(p.textDocument.uri, 'ready');
    return doc !== undefined ? completion(doc, p.position) : [];
  });
  connection.languages.inlayHint.on((p) => {
    const doc = flow(p.textDocument.uri, 'ready');
    return doc !== undefined ? inlayHints(doc, p.range) : [];
  });
  connection.onCodeAction(async (p) => {
    const doc = await flowAfterRun(p.textDocument.uri, 'current');
    return doc !== undefined ? codeActions(doc, p.context.diagnostics, p.context.only) : [];
  });
  connection.languages.semanticTokens.on((p) => {
    const doc = flow(p.textDocument.uri, 'none');
    return doc !== undefined ? semanticTokens(doc) : { data: [] };
  });
  connection.onDocumentSymbol((p) => {
    const doc = flow(p.textDocument.uri, 'none');
    return doc !== undefined ? documentSymbols(doc) : [];
  });
  connection.onFoldingRanges((p) => {
    const doc = flow(p.textDocument.uri, 'none');
    return doc !== undefined ? foldingRanges(doc) : [];
  });
  connection.onDocumentFormatting((p) => {
    const doc = flow(p.textDocument.uri, 'none');
    return doc !== undefined ? formatting(doc) : [];
  });
  connection.onDefinition((p) => {
    const doc = flow(p.textDocument.uri, 'none');
    return doc !== undefined ? definition(doc, p.position) : null;
  });
  connection.onPrepareRename((p) => {
    const doc = flow(p.textDocument.uri, 'none');
    return doc !== undefined ? prepareRename(doc, p.position) : null;
  });
  connection.onRenameRequest((p) => {
    const doc = flow(p.textDocument.uri, 'none');
    if (doc === undefined) return null;
    const at = occurrences(doc.script).find((o) => contains(o.range, p.position));
    const why = at !== undefined ? invalidNewName(at.kind, p.newName) : undefined;
    if (why !== undefined) throw new ResponseError(ErrorCodes.InvalidParams, why);
    return rename(doc, p.position, p.newName);
  });

  return { forget: (uri) => scripts.forget(uri) };
}
