// The panel's entry point: builds the page, listens for the host's messages, draws each trace
// as a ladder diagram, and keeps zoom and scroll across redraws and reloads.
import './panel.css';
import type { HostToPanel } from '../shared/protocol';
import type { RunResult } from '../runner/trace';
import { relabel, toolbar, toolbarButton } from './controls';
import { fillHeader, fillProblems } from './header';
import { loadViewState, post, saveViewState, type ViewState } from './host';
import { langOf, stringsFor, type Lang, type Strings } from './i18n';
import { selectLine, wireLadder } from './interaction';
import { drawLadder, type Ladder } from './ladder';
import { html } from './svg';

const ZOOM_MIN = 0.25;
const ZOOM_MAX = 4;
const ZOOM_STEP = 1.25;

const page = buildPage(document.getElementById('root') ?? document.body);
let lang: Lang = langOf(navigator.language);
let view: ViewState = loadViewState();
/** A panel opened fresh (no zoom the user chose) fits a too-wide first diagram to its width. */
let fitFirstTrace = view.zoom === 1 && view.scrollTop === 0 && view.scrollLeft === 0;
let ladder: Ladder | undefined;
let selectedLine = 0;

relabelPage(stringsFor(lang));
page.empty.textContent = stringsFor(lang).waiting;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = asHostMessage(event.data);
  if (!message) return;
  if (message.type === 'trace') showTrace(message.result, message.locale);
  else {
    selectedLine = message.line;
    if (ladder) selectLine(ladder.svg, selectedLine);
  }
});
page.scroller.addEventListener('scroll', () => rememberScroll(), { passive: true });
post({ type: 'ready' });

function showTrace(result: RunResult, locale: string): void {
  const started = performance.now();
  lang = langOf(locale);
  const s = stringsFor(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  relabelPage(s);
  const { scrollTop, scrollLeft } = ladder ? page.scroller : view;

  ladder = drawLadder(result, s, lang);
  wireLadder(ladder.svg, reveal);
  applyZoom();
  page.scroller.replaceChildren(ladder.svg);
  page.scroller.scrollTop = scrollTop;
  page.scroller.scrollLeft = scrollLeft;
  if (fitFirstTrace) {
    fitFirstTrace = false;
    if (ladder.layout.width > page.scroller.clientWidth) fitWidth();
  }
  // Keep the editor's selection, but not by scrolling away from where the user was looking.
  if (selectedLine > 0) selectLine(ladder.svg, selectedLine, false);

  fillHeader(page.title, page.meta, result, s);
  fillProblems(page.problems, ladder.diagnostics.elsewhere, s, lang, reveal);
  page.empty.textContent = result.packets.length === 0 ? s.noPackets : '';
  page.empty.hidden = result.packets.length > 0;
  ladder.svg.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
}

function reveal(line: number): void {
  post({ type: 'revealLine', line });
}

// ---- zoom and scroll ----

function zoomBy(factor: number): void {
  fitFirstTrace = false;
  setZoom(view.zoom * factor);
}

function fitWidth(): void {
  if (!ladder) return;
  setZoom((page.scroller.clientWidth - 4) / ladder.layout.width);
}

function setZoom(zoom: number): void {
  view = { ...view, zoom: Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, zoom)) };
  applyZoom();
  saveViewState(view);
}

function applyZoom(): void {
  if (!ladder) return;
  ladder.svg.setAttribute('width', (ladder.layout.width * view.zoom).toFixed(1));
  ladder.svg.setAttribute('height', (ladder.layout.height * view.zoom).toFixed(1));
  document.body.setAttribute('data-zoom', view.zoom.toFixed(3));
}

let scrollSave = 0;
function rememberScroll(): void {
  if (scrollSave !== 0) return;
  scrollSave = requestAnimationFrame(() => {
    scrollSave = 0;
    view = { ...view, scrollTop: page.scroller.scrollTop, scrollLeft: page.scroller.scrollLeft };
    saveViewState(view);
  });
}

// ---- the page ----

interface Page {
  readonly title: HTMLElement;
  readonly meta: HTMLElement;
  readonly zoomOut: HTMLElement;
  readonly zoomIn: HTMLElement;
  readonly fit: HTMLElement;
  readonly empty: HTMLElement;
  readonly scroller: HTMLElement;
  readonly problems: HTMLElement;
}

function buildPage(root: HTMLElement): Page {
  const header = html('header', { class: 'panel-header' }, root);
  const top = html('div', { class: 'title-row' }, header);
  const title = html('h1', { id: 'flow-title' }, top);
  const bar = toolbar(top);
  const zoomOut = toolbarButton(bar, 'zoom-out', '−', '', () => zoomBy(1 / ZOOM_STEP));
  const zoomIn = toolbarButton(bar, 'zoom-in', '+', '', () => zoomBy(ZOOM_STEP));
  const fit = toolbarButton(bar, 'zoom-fit', '', '', fitWidth);
  const meta = html('div', { id: 'flow-meta' }, header);
  const empty = html('p', { id: 'empty', class: 'empty' }, root);
  const scroller = html('div', { id: 'scroller', tabindex: -1 }, root);
  const problems = html('section', { id: 'problems' }, root);
  problems.hidden = true;
  return { title, meta, zoomOut, zoomIn, fit, empty, scroller, problems };
}

function relabelPage(s: Strings): void {
  relabel(page.zoomOut, '−', s.zoomOut);
  relabel(page.zoomIn, '+', s.zoomIn);
  relabel(page.fit, s.fitText, s.fit);
  page.problems.setAttribute('aria-label', s.problemsHeading);
}

function asHostMessage(data: unknown): HostToPanel | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as { type?: unknown; line?: unknown; result?: unknown; locale?: unknown };
  if (m.type === 'cursor' && typeof m.line === 'number') return data as HostToPanel;
  if (m.type === 'trace' && typeof m.result === 'object' && m.result !== null) {
    return typeof m.locale === 'string' ? (data as HostToPanel) : ({ ...(data as object), locale: 'en' } as HostToPanel);
  }
  return undefined;
}
