// Rows of tcp-rules.md §7 the engine cannot honour yet, each with why and what it would take.
// The coverage test fails if a row is neither tested nor listed here, or listed and tested.
export interface NotYet {
  readonly id: string;
  readonly why: string;
  readonly needs: string;
}

export const NOT_YET: readonly NotYet[] = [
  {
    id: 'T016',
    why: 'security/compartment (RFC 9293 §3.10.7.2 third check) is not modelled',
    needs: 'a security/compartment attribute on endpoints and segments (IP options); no Linux stack uses it',
  },
  {
    id: 'T049',
    why: 'security/compartment (RFC 9293 §3.10.7.4 third check) is not modelled',
    needs: 'the same security attribute as T016',
  },
];
