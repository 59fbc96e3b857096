// Script pieces the rule cases share: endpoints, a finished handshake, and the trigger/clean twin.

/** Two stack endpoints 10 ms apart and a raw attacker that can spoof either. */
export function stacks(seed: number): string {
  return `seed ${seed}
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
endpoint attacker 198.51.100.7:6000 raw
link client server delay 10ms
`;
}

/** A stack handshake, accepted: client and server ESTABLISHED, x and y bound. */
export const ESTABLISHED = `server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK seq=x+1 ack=y+1
server accept
`;

/** The same script up to `shared`, then the wrong expectation (trigger) or the right one (clean). */
export function twin(shared: string, wrong: string, right: string): { readonly trigger: string; readonly clean: string } {
  return { trigger: `${shared}${wrong}\n`, clean: `${shared}${right}\n` };
}
