// What an endpoint reports after each call: every record and message it sent or received,
// state changes, alerts, application data and NSS key-log lines (for Wireshark).
import type { Alert } from './messages/alert';
import type { PreparedRecord } from './endpoint';
import type { ContentTypeName } from './record-layer';

export type Direction = 'sent' | 'received';

export interface RecordInfo {
  readonly contentType: ContentTypeName | 'unknown';
  /** Protected under a traffic key (the trace still names what is inside). */
  readonly encrypted: boolean;
  /** Bytes on the wire, header included. */
  readonly length: number;
  /** 'ServerHello', 'ChangeCipherSpec', 'Alert(fatal, decrypt_error)', 'ApplicationData', … */
  readonly messages: readonly string[];
}

export type TlsEvent =
  | { readonly type: 'record'; readonly direction: Direction; readonly record: RecordInfo }
  /** One per call and direction: the message names of the flight in order, CCS included. */
  | { readonly type: 'handshake'; readonly direction: Direction; readonly messages: readonly string[] }
  | { readonly type: 'state'; readonly machine: string; readonly from: string; readonly to: string }
  | { readonly type: 'alert'; readonly direction: Direction; readonly alert: Alert; readonly reason?: string }
  | { readonly type: 'applicationData'; readonly direction: Direction; readonly data: Buffer }
  | { readonly type: 'keylog'; readonly line: string }
  | { readonly type: 'established'; readonly version: '1.2' | '1.3'; readonly cipherSuite: string };

export interface TlsOutput {
  /** Bytes to put on the stream, in order. */
  readonly send: Buffer;
  readonly events: readonly TlsEvent[];
  /** A `holdRecords` endpoint: the records it prepared instead of sending (`send` is empty). */
  readonly prepared?: readonly PreparedRecord[];
}
