// The extension's manifest and translations, as VS Code reads them: every command title,
// setting, walkthrough step and string the code localizes exists in English and Simplified
// Chinese.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { DEFAULT_LIMITS } from '../../src/runner/context';

interface Manifest {
  readonly main: string;
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly languages: readonly { readonly id: string; readonly extensions: readonly string[]; readonly aliases: readonly string[] }[];
    readonly grammars: readonly { readonly scopeName: string; readonly path: string }[];
    readonly commands: readonly { readonly command: string; readonly title: string }[];
    readonly configuration: {
      readonly properties: Record<string, { readonly default: unknown; readonly markdownDescription?: string; readonly enumDescriptions?: readonly string[] }>;
    };
    readonly snippets: readonly { readonly language: string; readonly path: string }[];
    readonly walkthroughs: readonly {
      readonly id: string;
      readonly title: string;
      readonly description: string;
      readonly steps: readonly {
        readonly id: string;
        readonly title: string;
        readonly description: string;
        readonly media: { readonly markdown: string };
        readonly completionEvents?: readonly string[];
      }[];
    }[];
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
    assert.deepStrictEqual(manifest.activationEvents, ['onLanguage:tcpflow', 'workspaceContains:**/*.tcpflow', 'onLanguage:packetdrill']);
    assert.strictEqual(manifest.main, './dist/extension.js');
  });

  it('registers .pkt as packetdrill with its grammar and comment rules', () => {
    const lang = manifest.contributes.languages.find((l) => l.id === 'packetdrill');
    assert.ok(lang);
    assert.deepStrictEqual(lang.extensions, ['.pkt']);
    assert.ok(manifest.contributes.grammars.some((g) => g.scopeName === 'source.packetdrill'));
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

  it('has "TCP Flow: Export pcapng" / "TCP Flow：导出 pcapng" and the walkthrough\'s "Open Example"', () => {
    const ids = manifest.contributes.commands.map((c) => c.command);
    assert.ok(ids.includes('tcpflow.exportPcap') && ids.includes('tcpflow.openExample'));
    assert.strictEqual(nls['command.exportPcap'], 'TCP Flow: Export pcapng');
    assert.strictEqual(nlsZh['command.exportPcap'], 'TCP Flow：导出 pcapng');
  });

  it('has the settings with their defaults: profile, message language, delay, resource limits', () => {
    const props = manifest.contributes.configuration.properties;
    const defaults = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.default]));
    assert.deepStrictEqual(defaults, {
      'tcpflow.defaultProfile': 'linux',
      'tcpflow.messageLanguage': 'auto',
      'tcpflow.diagnostics.delay': 150,
      // The settings' defaults are the runner's own limits (one fact, one place).
      ...Object.fromEntries(Object.entries(DEFAULT_LIMITS).map(([k, v]) => [`tcpflow.limits.${k}`, v])),
    });
  });

  it('describes every setting and every walkthrough string in English and Chinese', () => {
    const keys: string[] = [];
    for (const p of Object.values(manifest.contributes.configuration.properties)) keys.push(p.markdownDescription ?? '', ...(p.enumDescriptions ?? []));
    for (const w of manifest.contributes.walkthroughs) {
      keys.push(w.title, w.description);
      for (const s of w.steps) keys.push(s.title, s.description, s.media.markdown);
    }
    for (const ref of keys) {
      const m = /^%(.+)%$/.exec(ref);
      assert.ok(m, `not localized: ${JSON.stringify(ref)}`);
      const key = m[1] ?? '';
      assert.ok(nls[key], `English for ${key}`);
      assert.ok(nlsZh[key], `Chinese for ${key}`);
      if (key.endsWith('.description') || key.endsWith('.title')) assert.notStrictEqual(nlsZh[key], nls[key], `${key} is not translated`);
    }
  });

  it('walks a newcomer through opening an example, running it, a diagnostic and the Test Explorer', () => {
    const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'tcpflow.getStarted');
    assert.ok(walkthrough);
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.id), ['openExample', 'runFlow', 'readDiagnostic', 'testExplorer']);
    assert.match(nls['walkthrough.openExample.description'] ?? '', /\(command:tcpflow\.openExample\)/);
    assert.ok(fs.existsSync(path.join(repoRoot, 'examples', '01-three-way-handshake.tcpflow')));
    assert.match(nls['walkthrough.readDiagnostic.description'] ?? '', /02-handshake-by-hand\.tcpflow/);
    assert.ok(fs.existsSync(path.join(repoRoot, 'examples', '02-handshake-by-hand.tcpflow')));
    for (const step of walkthrough.steps) {
      const key = step.media.markdown.replace(/^%|%$/g, '');
      const en = nls[key] ?? '';
      const zh = nlsZh[key] ?? '';
      assert.match(en, /^walkthrough\/[\w-]+\.md$/);
      assert.strictEqual(zh, en.replace(/\.md$/, '.zh-cn.md'));
      assert.ok(fs.existsSync(path.join(repoRoot, en)), `${en} exists`);
      assert.ok(fs.existsSync(path.join(repoRoot, zh)), `${zh} exists`);
      assert.match(fs.readFileSync(path.join(repoRoot, zh), 'utf8'), /[\u4e00-\u9fff]/, `${zh} is in Chinese`);
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} can be completed`);
    }
  });

  it('contributes the snippets for the tcpflow language and ships them and the walkthrough in the .vsix', () => {
    assert.deepStrictEqual(manifest.contributes.snippets, [{ language: 'tcpflow', path: './snippets/tcpflow.json' }]);
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!snippets\/\*\.json$/m);
    assert.match(ignore, /^!walkthrough\/\*\.md$/m);
  });

  it('builds the language server\'s run worker beside the server and ships it in the .vsix', () => {
    const build = fs.readFileSync(path.join(repoRoot, 'scripts', 'build.mjs'), 'utf8');
    assert.match(build, /entryPoints: \['src\/server\/run-worker\.ts'\], outfile: 'dist\/run-worker\.js'/);
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!dist\/server\.js$/m);
    assert.match(ignore, /^!dist\/run-worker\.js$/m);
  });

  it('builds the OpenSSL worker of `peer openssl` beside the bundles and ships it in the .vsix', () => {
    const build = fs.readFileSync(path.join(repoRoot, 'scripts', 'build.mjs'), 'utf8');
    assert.match(build, /entryPoints: \['src\/runner\/openssl\/worker\.ts'\], outfile: 'dist\/openssl-worker\.js'/);
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!dist\/openssl-worker\.js$/m);
  });

  it('translates every string the extension code passes to vscode.l10n.t', () => {
    const dir = path.join(repoRoot, 'src', 'extension');
    const used = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1] ?? '');
    }
    for (const s of ['▶ Run flow', 'Show diagram', 'Export pcap', 'Open folder', '✓ 0 problems · {0} s virtual']) assert.ok(used.has(s), s);
    const zh = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    for (const s of used) assert.ok(zh[s], `no Chinese for ${JSON.stringify(s)}`);
    assert.strictEqual(zh['▶ Run flow'], '▶ 运行流程');
    assert.strictEqual(zh['Export pcap'], '导出 pcap');
  });
});
