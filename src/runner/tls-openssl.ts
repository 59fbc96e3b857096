// `tls connect … peer openssl` / `tls accept … peer openssl`: OpenSSL (node:tls, in a worker)
// plays a stack endpoint's TLS side over the simulated TCP stream instead of the engine. Only a
// stack side: a scripted side's records are the script's own. OpenSSL draws its own randoms and
// keys, so the run says it is not deterministic (OPENSSL-PEER).
import type { TlsArg, TlsCallStmt } from '../language/ast';
import { CIPHER_SUITES, suiteByName, type CipherSuiteName } from '../engine/tls/messages/cipher-suites';
import type { RunContext } from './context';
import { workerConfig, type OpenSslArgs } from './openssl/config';
import { OpenSslSession } from './openssl/session';
import { argValues, certificateArg, groupsArg, VIRTUAL_EPOCH_MS } from './tls-args';
import type { WorldEndpoint } from './world';

export function openSslSession(ctx: RunContext, stmt: TlsCallStmt, peer: TlsArg, role: 'client' | 'server', endpoint: WorldEndpoint): OpenSslSession | null {
  const value = peer.values.map((v) => v.text).join(' ');
  if (value.toLowerCase() !== 'openssl') {
    ctx.report('SETTING-RANGE', peer.range, { key: 'peer', value, valid: 'openssl' });
    return null;
  }
  if (endpoint.spec.kind === 'scripted') {
    ctx.report('UNSUPPORTED', peer.range, { what: 'peer openssl on a scripted endpoint (its TLS lines are the script\'s; OpenSSL can only play a stack endpoint)' });
    return null;
  }
  const args = openSslArgs(ctx, stmt, role);
  if (!args) return null;
  ctx.report('OPENSSL-PEER', peer.range, { endpoint: endpoint.spec.name, version: process.versions.openssl ?? '' });
  return new OpenSslSession(workerConfig(args));
}

function openSslArgs(ctx: RunContext, stmt: TlsCallStmt, role: 'client' | 'server'): OpenSslArgs | null {
  const version = argValues(stmt, 'version')[0];
  if (version !== undefined && version !== '1.2' && version !== '1.3') {
    const arg = stmt.args.find((a) => a.key === 'version');
    ctx.report('SETTING-RANGE', arg?.range ?? stmt.range, { key: 'version', value: version, valid: '1.2, 1.3' });
    return null;
  }
  const suites = argValues(stmt, 'suites').flatMap((s) => s.split(',')).filter((s) => s.length > 0);
  const unknown = suites.find((s) => !suiteByName(s));
  if (unknown !== undefined) {
    ctx.report('SETTING-RANGE', stmt.range, { key: 'suites', value: unknown, valid: CIPHER_SUITES.map((c) => c.name).join(', ') });
    return null;
  }
  const groups = groupsArg(ctx, stmt);
  if (groups === null) return null;
  return {
    role,
    version,
    suites: suites as CipherSuiteName[],
    groups,
    serverName: role === 'client' ? argValues(stmt, 'sni')[0] : undefined,
    ...(role === 'server' ? { certificate: { ...certificateArg(stmt), nowMs: VIRTUAL_EPOCH_MS } } : {}),
  };
}
