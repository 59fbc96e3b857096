// Scripts the worker tests share: one whose run takes seconds, one quick one with a mistake.
import type { LspClient } from './lsp-client';

/** A short script whose run takes seconds: 8,000,000 sends and receives (a LIMIT ends it). */
export const LONG = [
  'flow "long"',
  'seed 1',
  'endpoint client 10.0.0.1:49152',
  'endpoint server 10.0.0.2:80',
  'link client server delay 1ms',
  'server listen',
  'client connect server',
  'wait 1s',
  'server accept',
  'ignore * -> * *',
  ...Array.from({ length: 40 }, () => ['repeat 100000 client send 10', 'repeat 100000 server recv']).flat(),
  '',
].join('\n');

/** A quick script with one mistake: TCP-SYN-CONSUMES-SEQ on line 10. */
export const QUICK = [
  'flow "quick"',
  'seed 1',
  'endpoint client 10.0.0.1:49152',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client connect server',
  'client -> server SYN seq=x',
  'server -> client SYN,ACK seq=y ack=x+2',
  '',
].join('\n');

export const hoverText = (h: Awaited<ReturnType<LspClient['hover']>>): string =>
  h !== null && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
