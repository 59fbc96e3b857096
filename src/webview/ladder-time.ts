// The left gutter (virtual time of each row) and the gap markers for long quiet stretches.
import { formatAt, formatSpan } from './format';
import type { Strings } from './i18n';
import { GUTTER, type Layout } from './layout';
import { svg, svgText, svgTitle } from './svg';

/** Where the gutter's times end (right-aligned). */
export const GUTTER_X = GUTTER - 12;

export function drawGutter(layout: Layout, parent: SVGElement): void {
  const g = svg('g', { class: 'gutter' }, parent);
  let last = '';
  for (const row of layout.rows) {
    const label = formatAt(row.time);
    if (label === last) continue;
    last = label;
    svgText(label, { class: 'gutter-time', x: GUTTER_X, y: row.y + 4 }, g);
  }
}

/** A band across the diagram, a break in every lifeline, and `+60s` in the gutter. */
export function drawGaps(layout: Layout, s: Strings, parent: SVGElement): void {
  if (layout.gaps.length === 0) return;
  const g = svg('g', { class: 'gaps' }, parent);
  for (const gap of layout.gaps) {
    const mid = (gap.yTop + gap.yBottom) / 2;
    const band = svg('g', { class: 'gap' }, g);
    svgTitle(`${s.quiet} ${formatSpan(gap.seconds)}`, band);
    svg('rect', { class: 'gap-band', x: 0, y: gap.yTop, width: layout.width, height: gap.yBottom - gap.yTop }, band);
    svgText(`+${formatSpan(gap.seconds)}`, { class: 'gap-label', x: GUTTER - 12, y: mid + 4 }, band);
  }
}

/** Drawn over the lifelines: each lifeline is cut with a `//` break mark in every gap. */
export function drawBreaks(layout: Layout, parent: SVGElement): void {
  if (layout.gaps.length === 0) return;
  const g = svg('g', { class: 'gap-breaks' }, parent);
  for (const gap of layout.gaps) {
    const mid = (gap.yTop + gap.yBottom) / 2;
    for (const line of layout.lifelines.values()) {
      svg('rect', { class: 'gap-cut', x: line.x - 8, y: mid - 5, width: 16, height: 10 }, g);
      svg('path', { class: 'gap-mark', d: `M${line.x - 8} ${mid - 1} l16 -6 M${line.x - 8} ${mid + 6} l16 -6` }, g);
    }
  }
}
