// The panel's HTML page: a pure function of the URIs VS Code hands us, so it can be tested
// without VS Code. The page holds no data and no inline code: the nonce'd script builds the
// whole UI, and the Content-Security-Policy forbids everything else (no inline styles, no
// handlers, no network, images only from the extension or data: URIs).

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin the webview may load the extension's files from. */
  readonly cspSource: string;
  /** `media/panel.js` as a webview URI. */
  readonly scriptUri: string;
  /** `media/panel.css` as a webview URI. */
  readonly styleUri: string;
  /** A fresh random string per page load, allowing exactly one script. */
  readonly nonce: string;
  /** The page title (the flow's or file's name): escaped here. */
  readonly title: string;
}

export function panelHtml(opts: PanelHtmlOptions): string {
  const csp = [
    `default-src 'none'`,
    `img-src ${opts.cspSource} data:`,
    `style-src ${opts.cspSource}`,
    `font-src ${opts.cspSource}`,
    `script-src 'nonce-${opts.nonce}'`,
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">`,
    `<title>${escapeHtml(opts.title)}</title>`,
    '</head>',
    '<body>',
    '<main id="root"></main>',
    `<script nonce="${escapeHtml(opts.nonce)}" src="${escapeHtml(opts.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
