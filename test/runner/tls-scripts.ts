// The prelude of the TLS runner tests: two endpoints (a 10 ms link if `delayed`), a finished TCP
// handshake, then the TLS set-up lines given (the client may be `scripted`).
export function stackTls(seed: number, accept: string, connect: string, options: { readonly clientKind?: string; readonly delayed?: boolean } = {}): string {
  return `seed ${seed}
endpoint client 10.0.0.1:49152${options.clientKind ?? ''}
endpoint server 10.0.0.2:443
${options.delayed ? 'link client server delay 10ms\n' : ''}ignore * -> * ACK len=0
server listen
client connect server
client -> server SYN
server -> client SYN,ACK
client -> server ACK
server accept
server tls accept ${accept}
client tls connect ${connect}
`;
}
