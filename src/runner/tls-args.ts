// The arguments of `tls connect` / `tls accept` that both the engine and OpenSSL take.
import type { TlsCallStmt } from '../language/ast';
import { NAMED_GROUP_CODES, type NamedGroup } from '../engine/tls/crypto/key-exchange';
import type { RunContext } from './context';

/** Virtual time 0 as wall-clock milliseconds, for certificate validity (the pcapng export's epoch). */
export const VIRTUAL_EPOCH_MS = 1_700_000_000_000;
const DAY_MS = 86_400_000;

export function argValues(stmt: TlsCallStmt, key: string): string[] {
  return stmt.args.filter((a) => a.key === key).flatMap((a) => a.values.map((v) => v.text));
}

/** `cert self-signed "NAME" [expired | not-yet-valid]`: validity around virtual time 0. */
const CERT_WORDS = ['self-signed', 'expired', 'not-yet-valid'];

/** `groups x25519,secp256r1`: in order of preference (a client sends its key_share for the first). */
export function groupsArg(ctx: RunContext, stmt: TlsCallStmt): NamedGroup[] | undefined | null {
  const arg = stmt.args.find((a) => a.key === 'groups');
  if (!arg) return undefined;
  const names = arg.values.flatMap((v) => v.text.split(',')).filter((g) => g.length > 0);
  const unknown = names.find((g) => !(g in NAMED_GROUP_CODES));
  if (unknown !== undefined || names.length === 0) {
    ctx.report('SETTING-RANGE', arg.range, { key: 'groups', value: unknown ?? '', valid: Object.keys(NAMED_GROUP_CODES).join(', ') });
    return null;
  }
  return names as NamedGroup[];
}

/** `ticket N`: NewSessionTickets a TLS 1.3 server sends after the handshake. */
export function ticketsArg(ctx: RunContext, stmt: TlsCallStmt): number {
  const arg = stmt.args.find((a) => a.key === 'ticket');
  if (!arg) return 0;
  const n = Number(arg.values[0]?.text);
  if (Number.isInteger(n) && n >= 0 && n <= 8) return n;
  ctx.report('SETTING-RANGE', arg.range, { key: 'ticket', value: arg.values[0]?.text ?? '', valid: '0..8' });
  return 0;
}

/** The server certificate's name and validity around virtual time 0. */
export function certificateArg(stmt: TlsCallStmt): { name: string; notBeforeMs: number; notAfterMs: number } {
  const certArg = argValues(stmt, 'cert');
  const name = certArg.filter((v) => !CERT_WORDS.includes(v)).pop() ?? 'localhost';
  const validity = certArg.includes('expired')
    ? { notBeforeMs: VIRTUAL_EPOCH_MS - 366 * DAY_MS, notAfterMs: VIRTUAL_EPOCH_MS - DAY_MS }
    : certArg.includes('not-yet-valid')
      ? { notBeforeMs: VIRTUAL_EPOCH_MS + DAY_MS, notAfterMs: VIRTUAL_EPOCH_MS + 366 * DAY_MS }
      : { notBeforeMs: VIRTUAL_EPOCH_MS - DAY_MS, notAfterMs: VIRTUAL_EPOCH_MS + 365 * DAY_MS };
  return { name, ...validity };
}
