// Each diagnostic links to its entry in the extension's docs/diagnostics.md. The server bundle
// is dist/server.js (or dist/cli.js for `tcpflow lsp`), so the docs are one folder up.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** `file:///…/docs/diagnostics.md`, from the folder holding the running bundle. */
export function diagnosticsDocFromBundle(bundleDir: string): string {
  return pathToFileURL(path.resolve(bundleDir, '..', 'docs', 'diagnostics.md')).href;
}

/** The link to one diagnostic's entry: the anchor is the id in lower case. */
export function diagnosticHref(docUri: string, id: string): string {
  return `${docUri}#${id.toLowerCase()}`;
}
