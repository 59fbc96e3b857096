// The shape of one hover text: what a word of the language means, in English and Simplified
// Chinese, and where that claim comes from (an RFC section with its link, a kernel document,
// or tcpflow's own language reference).

export interface HoverEntry {
  /** 1–3 short sentences for learners. */
  readonly en: string;
  readonly zh: string;
  /** Where the claim was checked: `RFC 9293 §3.4`, `Linux ip-sysctl.rst`, `docs/language.md`. */
  readonly source: string;
  /** A link to the source (`https://www.rfc-editor.org/rfc/rfc9293#section-3.4`), when it is on the web. */
  readonly url?: string;
  /** A belief that popular material gets wrong, and the truth (settings, states). */
  readonly misconception?: { readonly en: string; readonly zh: string };
}

/** What kind of word a hover explains. */
export type HoverTopic = 'keyword' | 'flag' | 'state' | 'setting' | 'call' | 'field' | 'option' | 'profile' | 'endpointKind' | 'icmp';

export function rfc9293(section: string): { readonly source: string; readonly url: string } {
  return { source: `RFC 9293 §${section}`, url: `https://www.rfc-editor.org/rfc/rfc9293#section-${section}` };
}

export function rfc(number: number, section: string): { readonly source: string; readonly url: string } {
  return { source: `RFC ${number} §${section}`, url: `https://www.rfc-editor.org/rfc/rfc${number}#section-${section}` };
}

export const IP_SYSCTL = { source: 'Linux ip-sysctl.rst (tcp-rules.md §5)', url: 'https://docs.kernel.org/networking/ip-sysctl.html' } as const;

export const LANGUAGE_DOC = { source: 'tcpflow docs/language.md' } as const;
