// Top self-time functions from a V8 .cpuprofile (what `node --cpu-prof` writes), each located
// in its source file through the `// src/…` module comments esbuild puts in an unminified bundle.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Hotspot {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  readonly percent: number;
}

export function hotspots(profilePath: string, bundlePath: string, top: number): Hotspot[] {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile;
  const lines = readFileSync(bundlePath, 'utf8').split('\n');
  const moduleAt: string[] = [];
  let current = '(bench)';
  for (const line of lines) {
    const m = /^\/\/ ((?:src|bench|node_modules)\/\S+)$/.exec(line);
    if (m?.[1]) current = m[1].replace(/^node_modules\/(\S+?)\/.*$/, '$1 (dependency)');
    moduleAt.push(current);
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const inBundle = f.url.endsWith(bundlePath.replace(/^.*\//, ''));
    const where = inBundle ? `${moduleAt[f.lineNumber] ?? '?'}` : f.url ? f.url.replace(/^.*\/node_modules\//, '') : '(V8/native)';
    const name = f.functionName || '(anonymous)';
    const key = `${name}\u0000${where}\u0000${inBundle ? f.lineNumber : ''}`;
    const e = self.get(key) ?? { name, where, us: 0 };
    e.us += dt;
    self.set(key, e);
  });
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, percent: (100 * e.us) / Math.max(1, total) }));
}
