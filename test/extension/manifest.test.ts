// The extension's manifest and translations, as VS Code reads them: every command title and
// every string the code localizes exists in English and Simplified Chinese.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

interface Manifest {
  readonly main: string;
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly languages: readonly { readonly id: string; readonly extensions: readonly string[]; readonly aliases: readonly string[] }[];
    readonly grammars: readonly { readonly scopeName: string; readonly path: string }[];
    readonly commands: readonly { readonly command: string; readonly title: string }[];
    readonly configuration: { readonly properties: Record<string, { readonly default: unknown }> };
  };
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
const manifest = readJson('package.json') as Manifest;
const nls = readJson('package.nls.json') as Record<string, string>;
const nlsZh = readJson('package.nls.zh-cn.json') as Record<string, string>;

describe('extension: manifest and translations', () => {
  it('registers .tcpflow as the "TCP Flow" language with the source.tcpflow grammar', () => {
    const lang = manifest.contributes.languages.find((l) => l.id === 'tcpflow');
    assert.ok(lang);
    assert.deepStrictEqual(lang.extensions, ['.tcpflow']);
    assert.strictEqual(lang.aliases[0], 'TCP Flow');
    assert.strictEqual(manifest.contributes.grammars[0]?.scopeName, 'source.tcpflow');
    assert.deepStrictEqual(manifest.activationEvents, ['onLanguage:tcpflow']);
    assert.strictEqual(manifest.main, './dist/extension.js');
  });

  it('titles the commands in both languages: "TCP Flow: Run" / "TCP Flow：运行"', () => {
    const run = manifest.contributes.commands.find((c) => c.command === 'tcpflow.run');
    assert.strictEqual(run?.title, '%command.run%');
    assert.strictEqual(nls['command.run'], 'TCP Flow: Run');
    assert.strictEqual(nlsZh['command.run'], 'TCP Flow：运行');
    for (const c of manifest.contributes.commands) {
      const key = c.title.replace(/^%|%$/g, '');
      assert.ok(nls[key], `English title for ${c.command}`);
      assert.ok(nlsZh[key], `Chinese title for ${c.command}`);
    }
    assert.deepStrictEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
  });

  it('has the diagnostics delay setting, 150 ms by default', () => {
    assert.strictEqual(manifest.contributes.configuration.properties['tcpflow.diagnostics.delay']?.default, 150);
  });

  it('translates every string the extension code passes to vscode.l10n.t', () => {
    const dir = path.join(repoRoot, 'src', 'extension');
    const used = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1] ?? '');
    }
    assert.ok(used.has('▶ Run flow'));
    const zh = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    for (const s of used) assert.ok(zh[s], `no Chinese for ${JSON.stringify(s)}`);
    assert.strictEqual(zh['▶ Run flow'], '▶ 运行流程');
  });
});
