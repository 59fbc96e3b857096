// The panel's entry point: builds the page, listens for the host's messages, draws each trace as
// a ladder diagram and a state diagram (two tabs), drives playback over both, opens packet
// details, exports, and keeps zoom and scroll across redraws and reloads.
import './panel.css';
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { ExportFormat, HostToPanel, StateGraph } from '../shared/protocol';
import type { RunResult } from '../runner/trace';
import { toMermaid } from '../export/mermaid';
import { relabel, tabs, toolbar, toolbarButton, type Tabs } from './controls';
import { fillDetail } from './detail';
import { pngFromSvg, standaloneSvg } from './export-image';
import { fillHeader, fillProblems } from './header';
import { loadViewState, post, saveViewState, type ViewState } from './host';
import { langOf, stringsFor, type Lang, type Strings } from './i18n';
import { selectLine, wireLadder, wireStateDiagrams } from './interaction';
import { drawLadder, type Ladder } from './ladder';
import { buildPlayback, type PlaybackPoint } from './playback';
import { drawStateView, stackedDiagrams, type StateView } from './state-view';
import { html } from './svg';

const ZOOM_MIN = 0.25;
const ZOOM_MAX = 4;
const ZOOM_STEP = 1.25;

type View = 'ladder' | 'states';

let lang: Lang = langOf(navigator.language);
let view: ViewState = loadViewState();
/** A panel opened fresh (no zoom the user chose) fits a too-wide first diagram to its width. */
let fitFirstTrace = view.zoom === 1 && view.scrollTop === 0 && view.scrollLeft === 0;
let ladder: Ladder | undefined;
let states: StateView | undefined;
let result: RunResult | undefined;
let stateGraph: StateGraph | undefined;
let tlsGraphs: Readonly<Record<string, StateGraph>> = {};
let shown: View = 'ladder';
let selectedLine = 0;
let detailId: number | undefined;
let point: PlaybackPoint = { step: 0, cutoff: undefined, time: 0 };

const page = buildPage(document.getElementById('root') ?? document.body);

relabelPage(stringsFor(lang));
page.empty.textContent = stringsFor(lang).waiting;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = asHostMessage(event.data);
  if (!message) return;
  if (message.type === 'trace') showTrace(message.result, message.locale, message.stateGraph, message.tlsGraphs);
  else {
    selectedLine = message.line;
    if (ladder) selectEditorLine(ladder, selectedLine);
    scrubToLine(selectedLine);
  }
});
page.scroller.addEventListener('scroll', () => {
  updateWindow();
  rememberScroll();
}, { passive: true });
window.addEventListener('resize', () => updateWindow());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !page.detail.hidden) closeDetail();
});
post({ type: 'ready' });

function showTrace(next: RunResult, locale: string, graph: StateGraph | undefined, tls: Readonly<Record<string, StateGraph>> | undefined): void {
  const started = performance.now();
  lang = langOf(locale);
  const s = stringsFor(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  relabelPage(s);
  const { scrollTop, scrollLeft } = ladder ? page.scroller : view;
  result = next;
  stateGraph = graph ?? stateGraph;
  tlsGraphs = tls ?? {};

  ladder = drawLadder(next, s, lang);
  wireLadder(ladder.svg, reveal, { open: openDetail, reach: (id) => ladder?.packet(id) });
  applyZoom();
  page.scroller.replaceChildren(ladder.svg);
  page.scroller.scrollTop = scrollTop;
  page.scroller.scrollLeft = scrollLeft;
  if (fitFirstTrace) {
    fitFirstTrace = false;
    if (ladder.layout.width > page.scroller.clientWidth) fitWidth();
  }
  updateWindow();
  // Keep the editor's selection, but not by scrolling away from where the user was looking.
  if (selectedLine > 0) selectLine(ladder.svg, selectedLine, false);

  drawStates(s);
  fillHeader(page.title, page.meta, next, s);
  fillProblems(page.problems, ladder.diagnostics.elsewhere, s, lang, reveal);
  page.empty.textContent = next.packets.length === 0 ? s.noPackets : '';
  page.empty.hidden = next.packets.length > 0;
  page.playback.load(next);
  if (detailId !== undefined) openDetail(detailId);
  ladder.svg.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
}

function drawStates(s: Strings): void {
  page.states.replaceChildren();
  states = undefined;
  if (!result || !stateGraph) {
    html('p', { class: 'empty', id: 'no-state-graph' }, page.states, s.noStateGraph);
    return;
  }
  states = drawStateView(stateGraph, tlsGraphs, result, s);
  page.states.append(...states.nodes);
  wireStateDiagrams(states.svgs, reveal);
  states.setCutoff(point.cutoff);
}

function onStep(next: PlaybackPoint, playing: boolean): void {
  point = next;
  ladder?.setCutoff(next.cutoff, next.time);
  states?.setCutoff(next.cutoff);
  if (playing && ladder && shown === 'ladder' && next.cutoff !== undefined) {
    const y = ladder.yOfOrder(next.cutoff - 1);
    if (y !== undefined) {
      const top = y * view.zoom;
      const { scrollTop, clientHeight } = page.scroller;
      if (top < scrollTop + 40 || top > scrollTop + clientHeight - 40) page.scroller.scrollTop = top - clientHeight / 2;
    }
  }
}

/** The editor's cursor line: a virtual ladder first scrolls to (and so draws) its first arrow. */
function selectEditorLine(l: Ladder, line: number): void {
  if (l.virtual && result && line > 0) {
    const id = result.packets.findIndex((p) => p.line === line);
    const y = id >= 0 ? l.layout.packets[id]?.y1 : undefined;
    if (y !== undefined && !l.svg.querySelector(`g.packet[data-line="${line}"]`)) {
      page.scroller.scrollTop = y * view.zoom - page.scroller.clientHeight / 2;
      updateWindow();
    }
  }
  selectLine(l.svg, line);
}

/** The editor's cursor on a line that caused events: playback goes to just after its last one. */
function scrubToLine(line: number): void {
  if (!result || line <= 0) return;
  let last = -1;
  for (const p of result.packets) if (p.line === line && p.order > last) last = p.order;
  for (const s of result.states) if (s.line === line && s.order > last) last = s.order;
  for (const s of result.tlsStates ?? []) if (s.line === line && s.order > last) last = s.order;
  if (last >= 0) page.playback.goToOrder(last);
}

function reveal(line: number): void {
  post({ type: 'revealLine', line });
}

function show(which: View): void {
  shown = which;
  page.scroller.hidden = which !== 'ladder';
  page.states.hidden = which !== 'states';
  document.body.setAttribute('data-view', which);
  if (which === 'ladder') updateWindow();
}

// ---- packet detail ----

function openDetail(id: number): void {
  const p = result?.packets[id];
  if (!result || !p) {
    closeDetail();
    return;
  }
  detailId = id;
  const diagnostics: Diagnostic[] = p.line > 0 ? [...(ladder?.diagnostics.onPackets.get(p.line) ?? [])] : [];
  fillDetail(page.detail, p, diagnostics, stringsFor(lang), lang, closeDetail, reveal);
}

function closeDetail(): void {
  detailId = undefined;
  page.detail.hidden = true;
  page.detail.replaceChildren();
}

// ---- export ----

async function exportAs(format: ExportFormat): Promise<void> {
  if (!result) return;
  if (format === 'mermaid') {
    post({ type: 'export', format, data: toMermaid(result) });
    return;
  }
  // A fresh, complete drawing of the tab shown — the ladder (not the virtual window), or every
  // state diagram stacked — not dimmed by playback, styled by the page.
  const drawing = shown === 'states' ? stateDrawing() : undefined;
  const full = drawing ?? ladderDrawing(result);
  const holder = html('div', { class: 'export-holder', 'aria-hidden': 'true' }, document.body);
  holder.appendChild(full.svg);
  try {
    const text = standaloneSvg(full.svg);
    const data = format === 'svg' ? text : await pngFromSvg(text, full.width, full.height);
    post({ type: 'export', format, data });
  } finally {
    holder.remove();
  }
}

function ladderDrawing(run: RunResult): { svg: SVGSVGElement; width: number; height: number } {
  const l = drawLadder(run, stringsFor(lang), lang, { virtual: false });
  return { svg: l.svg, width: l.layout.width, height: l.layout.height };
}

function stateDrawing(): { svg: SVGSVGElement; width: number; height: number } | undefined {
  if (!result || !stateGraph) return undefined;
  return stackedDiagrams(drawStateView(stateGraph, tlsGraphs, result, stringsFor(lang)));
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
  updateWindow();
  saveViewState(view);
}

function applyZoom(): void {
  if (!ladder) return;
  ladder.svg.setAttribute('width', (ladder.layout.width * view.zoom).toFixed(1));
  ladder.svg.setAttribute('height', (ladder.layout.height * view.zoom).toFixed(1));
  document.body.setAttribute('data-zoom', view.zoom.toFixed(3));
}

/** A virtual ladder draws the rows in view (in layout units) and a margin around them. */
function updateWindow(): void {
  if (!ladder?.virtual || shown !== 'ladder') return;
  const top = page.scroller.scrollTop / view.zoom;
  ladder.view(top, top + page.scroller.clientHeight / view.zoom);
  // Arrows drawn just now get the editor's selection too (without scrolling to it).
  if (selectedLine > 0) selectLine(ladder.svg, selectedLine, false);
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
  readonly mermaid: HTMLElement;
  readonly saveSvg: HTMLElement;
  readonly savePng: HTMLElement;
  readonly tabs: Tabs;
  readonly playback: ReturnType<typeof buildPlayback>;
  readonly empty: HTMLElement;
  readonly scroller: HTMLElement;
  readonly states: HTMLElement;
  readonly detail: HTMLElement;
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
  const mermaid = toolbarButton(bar, 'export-mermaid', '', '', () => void exportAs('mermaid'));
  const saveSvg = toolbarButton(bar, 'export-svg', '', '', () => void exportAs('svg'));
  const savePng = toolbarButton(bar, 'export-png', '', '', () => void exportAs('png'));
  const meta = html('div', { id: 'flow-meta' }, header);
  const viewRow = html('div', { class: 'view-row' }, header);
  const viewTabs = tabs(viewRow, ['ladder', 'states'], (i) => show(i === 1 ? 'states' : 'ladder'));
  const playback = buildPlayback(viewRow, onStep);
  const empty = html('p', { id: 'empty', class: 'empty' }, root);
  const main = html('div', { class: 'main' }, root);
  const scroller = html('div', { id: 'scroller', tabindex: -1 }, main);
  const states = html('div', { id: 'state-view', class: 'state-view' }, main);
  states.hidden = true;
  const detail = html('aside', { id: 'packet-detail', class: 'packet-detail', role: 'region' }, main);
  detail.hidden = true;
  const problems = html('section', { id: 'problems' }, root);
  problems.hidden = true;
  return { title, meta, zoomOut, zoomIn, fit, mermaid, saveSvg, savePng, tabs: viewTabs, playback, empty, scroller, states, detail, problems };
}

function relabelPage(s: Strings): void {
  relabel(page.zoomOut, '−', s.zoomOut);
  relabel(page.zoomIn, '+', s.zoomIn);
  relabel(page.fit, s.fitText, s.fit);
  relabel(page.mermaid, s.copyMermaidText, s.copyMermaid);
  relabel(page.saveSvg, s.saveSvgText, s.saveSvg);
  relabel(page.savePng, s.savePngText, s.savePng);
  const [ladderTab, statesTab] = page.tabs.headers;
  if (ladderTab) ladderTab.textContent = s.tabLadder;
  if (statesTab) statesTab.textContent = s.tabStates;
  page.playback.relabel(s);
  page.problems.setAttribute('aria-label', s.problemsHeading);
  page.detail.setAttribute('aria-label', s.detail);
}

function asHostMessage(data: unknown): HostToPanel | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as { type?: unknown; line?: unknown; result?: unknown; locale?: unknown; stateGraph?: unknown; tlsGraphs?: unknown };
  if (m.type === 'cursor' && typeof m.line === 'number') return data as HostToPanel;
  if (m.type === 'trace' && typeof m.result === 'object' && m.result !== null) {
    const graph = isStateGraph(m.stateGraph) ? m.stateGraph : undefined;
    const locale = typeof m.locale === 'string' ? m.locale : 'en';
    return { ...(data as HostToPanel & { type: 'trace' }), locale, stateGraph: graph, tlsGraphs: stateGraphs(m.tlsGraphs) };
  }
  return undefined;
}

/** The well-formed graphs of a `tlsGraphs` record; anything else is dropped. */
function stateGraphs(record: unknown): Record<string, StateGraph> {
  const graphs: Record<string, StateGraph> = {};
  if (typeof record !== 'object' || record === null) return graphs;
  for (const [machine, g] of Object.entries(record)) if (isStateGraph(g) && typeof g.initial === 'string') graphs[machine] = g;
  return graphs;
}

function isStateGraph(g: unknown): g is StateGraph {
  if (typeof g !== 'object' || g === null) return false;
  const r = g as { states?: unknown; edges?: unknown };
  return Array.isArray(r.states) && r.states.every((x) => typeof x === 'string') && Array.isArray(r.edges) &&
    r.edges.every((e: unknown) => typeof e === 'object' && e !== null && ['from', 'to', 'event'].every((k) => typeof (e as Record<string, unknown>)[k] === 'string'));
}
