// Alerts (RFC 8446 §6, RFC 5246 §7.2): two bytes, level and description.
import { DecodeError } from '../bytes';

export const ALERT_DESCRIPTIONS = {
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  record_overflow: 22,
  handshake_failure: 40,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  user_canceled: 90,
  missing_extension: 109,
  unsupported_extension: 110,
  unrecognized_name: 112,
  no_application_protocol: 120,
} as const;

export type AlertDescription = keyof typeof ALERT_DESCRIPTIONS;
export type AlertLevel = 'warning' | 'fatal';

export interface Alert {
  readonly level: AlertLevel;
  readonly description: AlertDescription;
}

export function encodeAlert(alert: Alert): Buffer {
  return Buffer.from([alert.level === 'warning' ? 1 : 2, ALERT_DESCRIPTIONS[alert.description]]);
}

export function decodeAlert(bytes: Uint8Array): Alert {
  if (bytes.length !== 2) throw new DecodeError('an alert is two bytes');
  const description = (Object.keys(ALERT_DESCRIPTIONS) as AlertDescription[]).find((d) => ALERT_DESCRIPTIONS[d] === bytes[1]);
  if (description === undefined) throw new DecodeError(`unknown alert ${bytes[1]}`);
  return { level: bytes[0] === 1 ? 'warning' : 'fatal', description };
}

/** Thrown inside an endpoint when the peer broke the protocol; the endpoint sends the alert. */
export class TlsAlertError extends Error {
  constructor(
    readonly description: AlertDescription,
    readonly reason: string,
  ) {
    super(`${description}: ${reason}`);
  }
}
