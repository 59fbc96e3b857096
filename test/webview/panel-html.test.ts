// The webview page is a pure function: check its policy and escaping without a browser.
import assert from 'node:assert/strict';
import { escapeHtml, panelHtml } from '../../src/extension/panel-html';

const opts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  nonce: 'abc123',
  title: 'Flow "<img src=x onerror=alert(1)>" & </title><script>x</script>',
};

describe('panelHtml', () => {
  const html = panelHtml(opts);

  it('declares the strict Content-Security-Policy', () => {
    const csp =
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; " +
      "style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; " +
      "script-src 'nonce-abc123'";
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`), html);
  });

  it('loads exactly the nonce\'d panel script and the stylesheet, nothing inline', () => {
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="abc123" src="${opts.scriptUri}"></script>`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${opts.styleUri}">`));
    const withoutTitle = html.replace(/<title>.*<\/title>/, '');
    assert.doesNotMatch(withoutTitle, /\sstyle=|<style|\son[a-z]+=/i);
  });

  it('escapes the title', () => {
    assert.ok(html.includes('<title>Flow &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>'));
    assert.equal(html.match(/<title>/g)?.length, 1);
  });
});
