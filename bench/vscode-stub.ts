// A stand-in for the `vscode` module, just enough for activate(): every property is a
// callable, constructible object that returns another such object (so registrations,
// event subscriptions and `new vscode.X()` all succeed), with the few values activate()
// reads given real shapes: Uri.joinPath → a path, l10n.t → the formatted text, configuration
// → defaults, env.language → 'en', findFiles → no files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Anything = ((...args: unknown[]) => Anything) & { [key: string | symbol]: unknown };

function anything(name: string): Anything {
  const cache = new Map<string | symbol, unknown>();
  const target = function stub(): void {
    /* callable */
  };
  const handler: ProxyHandler<typeof target> = {
    get(_t, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => name;
      if (key === Symbol.iterator) return function* none(): Generator<never> {};
      if (key === 'toString') return () => name;
      if (key === 'length') return 0;
      if (!cache.has(key)) cache.set(key, anything(`${name}.${String(key)}`));
      return cache.get(key);
    },
    set(_t, key, value) {
      cache.set(key, value);
      return true;
    },
    apply() {
      return anything(`${name}()`);
    },
    construct() {
      return anything(`new ${name}`) as object;
    },
  };
  return new Proxy(target, handler) as unknown as Anything;
}

interface StubUri {
  readonly fsPath: string;
  readonly path: string;
  readonly scheme: string;
  toString(): string;
}

function uri(path: string): StubUri {
  return { fsPath: path, path, scheme: 'file', toString: () => `file://${path}` };
}

export function vscodeStub(): Record<string, unknown> {
  const base = anything('vscode');
  const overrides: Record<string, unknown> = {
    Uri: { file: uri, joinPath: (u: StubUri, ...parts: string[]) => uri(join(u.fsPath, ...parts)), parse: (s: string) => uri(s.replace(/^file:\/\//, '')) },
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) },
    env: { language: 'en', appName: 'stub', machineId: 'stub', sessionId: 'stub', uiKind: 1, clipboard: anything('clipboard') },
    version: '1.100.0',
  };
  const workspace = anything('vscode.workspace');
  workspace['getConfiguration'] = () => ({ get: (_k: string, d?: unknown) => d, has: () => false, inspect: () => undefined, update: async () => undefined });
  workspace['findFiles'] = async () => [];
  workspace['textDocuments'] = [];
  workspace['workspaceFolders'] = undefined;
  overrides['workspace'] = workspace;
  const window = anything('vscode.window');
  window['visibleTextEditors'] = [];
  window['activeTextEditor'] = undefined;
  overrides['window'] = window;
  // Plain own properties: bundlers copy a CommonJS module's own keys (esbuild's __toESM), so
  // every name @types/vscode declares is listed, each an `anything` unless overridden.
  const module: Record<string, unknown> = {};
  for (const name of declaredNames()) module[name] = (base as unknown as Record<string, unknown>)[name];
  return Object.assign(module, overrides);
}

function declaredNames(): string[] {
  const d = readFileSync(join(process.cwd(), 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of d.matchAll(/^\t?export (?:class|enum|namespace|const|let|function) (\w+)/gm)) if (m[1]) names.add(m[1]);
  return [...names];
}
