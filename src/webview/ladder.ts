// The ladder diagram of one run, as a fresh <svg id="ladder">. Layers, bottom to top: gap bands,
// lifelines, gap breaks, timers, state boxes, the time gutter, packets.
import type { RunResult } from '../runner/trace';
import { sortDiagnostics, type SortedDiagnostics } from './diagnostics';
import type { Lang, Strings } from './i18n';
import { layout as computeLayout, type Layout } from './layout';
import { drawLifelines, drawStates, drawTimers } from './ladder-lifelines';
import { drawPackets } from './ladder-packets';
import { drawBreaks, drawGaps, drawGutter } from './ladder-time';
import { svg } from './svg';

export interface Ladder {
  readonly svg: SVGSVGElement;
  readonly layout: Layout;
  readonly diagnostics: SortedDiagnostics;
}

export function drawLadder(result: RunResult, strings: Strings, lang: Lang): Ladder {
  const layout = computeLayout(result, lang);
  const diagnostics = sortDiagnostics(result);
  const root = svg('svg', {
    id: 'ladder',
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: layout.width,
    height: layout.height,
    role: 'group',
    'aria-label': strings.ladder,
  });
  drawGaps(layout, strings, root);
  const lifelines = svg('g', { class: 'lifelines' }, root);
  drawLifelines(result, layout, lifelines);
  drawBreaks(layout, root);
  drawTimers(result, layout, strings, root);
  drawStates(result, layout, strings, root);
  drawGutter(layout, root);
  drawPackets(result, { layout, strings, lang, diagnostics: diagnostics.onPackets }, root);
  return { svg: root, layout, diagnostics };
}
