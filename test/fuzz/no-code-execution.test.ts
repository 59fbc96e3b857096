// Workspace trust and no code execution: script content (and imported captures) is data. Nothing
// in src/ evaluates code or starts processes, only the CLI and the extension touch the file
// system, and running hostile scripts calls no process, eval or file-writing API at all.
import * as assert from 'node:assert/strict';
import childProcess = require('node:child_process');
import fs = require('node:fs');
import * as path from 'node:path';
import { parse } from '../../src/language/parser';
import { runScript } from '../../src/runner/index';
import { toPcapng } from '../../src/export/pcapng';
import { repoRoot } from '../support/paths';

const srcRoot = path.join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|cts|js|mjs)$/.test(e.name) && !/\.test\.|\.d\.ts$/.test(e.name) ? [p] : [];
  });
}

/** Text without comments and string/template literal contents, so a word in a comment or message does not count. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/[^\n]*/g, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (s) => (/^['"](node:)?(child_process|vm|fs|fs\/promises|worker_threads)['"]$/.test(s) ? s : "''"));
}

const FORBIDDEN: readonly [string, RegExp][] = [
  ['eval(', /(^|[^\w.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\b|(^|[^\w.])Function\s*\(/],
  ['child_process', /['"](node:)?child_process['"]/],
  ['vm', /['"](node:)?vm['"]|(^|[^\w.])vm\.\w+\(/],
  ['worker_threads', /['"](node:)?worker_threads['"]/],
  ['setTimeout/setInterval with a string', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ['a Worker running code from a string (eval: true)', /\beval\s*:/],
];

/** Files allowed to use one forbidden API, with the reason (the CLI is not exempt either). */
const ALLOWED: Readonly<Record<string, { readonly api: string; readonly why: string }>> = {
  [path.join('server', 'run-pool.ts')]: { api: 'worker_threads', why: 'starts the run worker from our own bundle file (dist/run-worker.js), never from a string or a path a document or setting names' },
  [path.join('server', 'run-worker.ts')]: { api: 'worker_threads', why: 'the run worker itself: takes jobs from parentPort' },
  [path.join('runner', 'openssl', 'session.ts')]: { api: 'worker_threads', why: '`peer openssl`: starts the OpenSSL worker (a fixed file beside the bundle) and waits for it with worker_threads' },
  [path.join('runner', 'openssl', 'worker.ts')]: { api: 'worker_threads', why: "`peer openssl`: the worker itself; node:tls only receives the peer's TLS bytes and the call's settings" },
};

/** Only these folders may read or write files: the CLI (paths the user typed) and the extension (through vscode.workspace.fs, to a file the user chose). */
const FILE_SYSTEM_FOLDERS = ['cli', 'extension'];

describe('security: script content is never executed', () => {
  const files = sourceFiles(srcRoot);

  it('finds the sources to scan', () => {
    assert.ok(files.length > 20, `only ${files.length} files under src/`);
  });

  for (const [name, pattern] of FORBIDDEN) {
    it(`no ${name} anywhere in src/ (outside tests)`, () => {
      const hits = files
        .filter((f) => ALLOWED[path.relative(srcRoot, f)]?.api !== name)
        .flatMap((f) => codeOnly(fs.readFileSync(f, 'utf8')).split('\n').flatMap((line, i) => (pattern.test(line) ? [`${path.relative(repoRoot, f)}:${i + 1}: ${line.trim()}`] : [])));
      assert.deepEqual(hits, []);
    });
  }

  it('only src/cli and src/extension touch the file system', () => {
    const hits = files.filter((f) => {
      const top = path.relative(srcRoot, f).split(path.sep)[0] ?? '';
      return !FILE_SYSTEM_FOLDERS.includes(top) && /['"](node:)?fs(\/promises)?['"]/.test(codeOnly(fs.readFileSync(f, 'utf8')));
    });
    assert.deepEqual(hits.map((f) => path.relative(repoRoot, f)), []);
  });

  it('the extension writes files only through vscode.workspace.fs, to a destination the user picked', () => {
    const ext = files.filter((f) => path.relative(srcRoot, f).startsWith(`extension${path.sep}`));
    for (const f of ext) {
      const code = codeOnly(fs.readFileSync(f, 'utf8'));
      if (!/workspace\.fs\.writeFile/.test(code)) continue;
      assert.match(code, /showSaveDialog/, `${path.relative(repoRoot, f)} writes a file without asking where (showSaveDialog)`);
    }
  });

  it('declares workspace trust, and no setting that an untrusted workspace could point at a program', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; restrictedConfigurations?: string[] } };
      contributes?: { configuration?: { properties?: Record<string, { type?: string }> } };
    };
    const trust = pkg.capabilities?.untrustedWorkspaces;
    assert.ok(trust && (trust.supported === true || trust.supported === 'limited'), 'capabilities.untrustedWorkspaces is not declared');
    const restricted = new Set(trust.restrictedConfigurations ?? []);
    const risky = Object.entries(pkg.contributes?.configuration?.properties ?? {})
      .filter(([key, p]) => p.type === 'string' && /path|command|exec|program|binary|shell/i.test(key) && !restricted.has(key))
      .map(([key]) => key);
    assert.deepEqual(risky, [], 'string settings naming a program must be in untrustedWorkspaces.restrictedConfigurations');
  });

  describe('running hostile scripts calls no process, eval or file-writing API', () => {
    const HOSTILE = [
      'flow "${process.exit(1)}"\nendpoint client 10.0.0.1:1\nendpoint server 10.0.0.2:80\nserver listen\nclient connect server\nclient send "`rm -rf /`; $(reboot)"\nexpect server recv "require(\'child_process\').execSync(\'id\')"',
      'flow "</script><script>alert(1)</script>"\nendpoint client 10.0.0.1:1 scripted\nendpoint server 10.0.0.2:80\nclient -> server SYN data "<img src=x onerror=alert(1)>" <mss 1460>\nset client __proto__ 1\nset client constructor "x"',
      'endpoint __proto__ 10.0.0.1:1\nendpoint constructor 10.0.0.2:80\nendpoint toString 10.0.0.3:3 raw\n__proto__ connect constructor\ntoString -> constructor SYN\nexpect __proto__ ESTABLISHED\nset __proto__ tcp_rmem 1 2 3',
      'seed 1\nendpoint c 10.0.0.1:1\nendpoint s 10.0.0.2:2\nc tls connect sni "../../../../etc/passwd" alpn "file:///etc/shadow"\ns tls accept cert self-signed "\\x00\\x1b[31m" peer openssl',
    ];
    type Patched = { target: Record<string, unknown>; key: string; original: unknown };
    const calls: string[] = [];
    const patched: Patched[] = [];
    const trap = (target: Record<string, unknown>, key: string, label: string): void => {
      const original = target[key];
      target[key] = (): never => {
        calls.push(label);
        throw new Error(`${label} called`);
      };
      patched.push({ target, key, original });
    };
    before(() => {
      const cp = childProcess as unknown as Record<string, unknown>;
      for (const k of ['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork']) trap(cp, k, `child_process.${k}`);
      const f = fs as unknown as Record<string, unknown>;
      for (const k of ['writeFileSync', 'appendFileSync', 'unlinkSync', 'rmSync', 'openSync', 'mkdirSync']) {
        trap(f, k, `fs.${k}`);
      }
      trap(globalThis as unknown as Record<string, unknown>, 'eval', 'eval');
    });
    after(() => {
      for (const p of patched.reverse()) p.target[p.key] = p.original;
    });
    it('the traps are in place', () => {
      assert.throws(() => childProcess.execSync('true'), /child_process.execSync called/);
      assert.throws(() => fs.writeFileSync('/nonexistent/x', ''), /fs.writeFileSync called/);
      calls.length = 0;
    });
    HOSTILE.forEach((source, i) => {
      it(`hostile script ${i + 1}`, () => {
        parse(source);
        const result = runScript(source);
        toPcapng(result);
        JSON.stringify(result);
        assert.deepEqual(calls, []);
        assert.ok(!result.diagnostics.some((d) => d.id === 'INTERNAL-ERROR'));
      });
    });
  });
});
