// Above the diagram: the flow's title and facts (profile, seed, virtual duration, counts).
// Below it: the problems strip for diagnostics that belong to no arrow.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { RunResult } from '../runner/trace';
import { lineOf, severityClass } from './diagnostics';
import { diagnosticMessage, formatSpan } from './format';
import type { Lang, Strings } from './i18n';
import { html } from './svg';

export function fillHeader(title: HTMLElement, meta: HTMLElement, result: RunResult, s: Strings): void {
  title.textContent = result.title.trim() !== '' ? result.title : s.untitled;
  const dropped = result.packets.filter((p) => p.dropped).length;
  const retrans = result.packets.filter((p) => p.retransmission).length;
  const facts: [string, string][] = [
    ['profile', `${s.profile} ${result.profile}`],
    ['seed', `${s.seed} ${result.seed}`],
    ['duration', `${s.duration} ${formatSpan(result.durationVirtual)}`],
    ['packets', `${result.packets.length} ${s.packets}`],
    ['dropped', `${dropped} ${s.dropped}`],
    ['retransmissions', `${retrans} ${s.retransmissions}`],
    ['problems', `${result.diagnostics.length} ${s.problems}`],
  ];
  meta.replaceChildren();
  for (const [key, text] of facts) html('span', { class: `fact fact-${key}` }, meta, text);
}

export function fillProblems(strip: HTMLElement, problems: readonly Diagnostic[], s: Strings, lang: Lang, reveal: (line: number) => void): void {
  strip.replaceChildren();
  strip.hidden = problems.length === 0;
  if (problems.length === 0) return;
  html('h2', {}, strip, s.problemsHeading);
  const list = html('ul', {}, strip);
  for (const d of problems) {
    const item = html('li', { class: `problem ${severityClass(d.severity)}`, 'data-line': lineOf(d) }, list);
    const button = html('button', { type: 'button', class: 'problem-line', title: s.revealHint }, item, `${s.line} ${lineOf(d)}`);
    button.addEventListener('click', () => reveal(lineOf(d)));
    html('span', { class: 'problem-severity' }, item, s[d.severity]);
    html('span', { class: 'problem-id' }, item, d.id);
    html('span', { class: 'problem-message' }, item, diagnosticMessage(d, lang));
    if (d.rfc) html('span', { class: 'problem-rfc' }, item, d.rfc);
  }
}
