// Lifelines with their heads, the state boxes beside them, and timer brackets further out.
import type { RunResult, TcpStateName, TraceEndpoint } from '../runner/trace';
import { formatAt, formatSpan, timerDetails } from './format';
import type { Strings } from './i18n';
import { HEAD_HEIGHT, HEAD_TOP, STATE_COL, TIMER_LANE, type Layout, type Lifeline } from './layout';
import { svg, svgText, svgTitle } from './svg';

const HEAD_MIN_W = 120;
const BOX_W = STATE_COL - 22;
const BOX_H = 18;

export function drawLifelines(result: RunResult, layout: Layout, parent: SVGElement): void {
  const byName = new Map<string, TraceEndpoint>(result.endpoints.map((e) => [e.name, e]));
  for (const line of layout.lifelines.values()) {
    const ep = byName.get(line.name);
    const g = svg('g', { class: 'lifeline', 'data-endpoint': line.name }, parent);
    svg('line', { class: 'lifeline-axis', x1: line.x, y1: HEAD_TOP + HEAD_HEIGHT, x2: line.x, y2: layout.height - 6 }, g);
    const sub = ep ? (ep.kind === 'stack' ? ep.address : `${ep.address} · ${ep.kind}`) : '';
    const w = Math.max(HEAD_MIN_W, Math.min(line.name.length * 8.4, 300) + 24, Math.min(sub.length * 6.4, 300) + 20);
    svg('rect', { class: 'lifeline-head', x: line.x - w / 2, y: HEAD_TOP, width: w, height: HEAD_HEIGHT, rx: 4 }, g);
    svgText(line.name, { class: 'lifeline-name', x: line.x, y: HEAD_TOP + 20 }, g);
    if (sub !== '') svgText(sub, { class: 'lifeline-address', x: line.x, y: HEAD_TOP + 37 }, g);
    if (ep && ep.kind !== 'stack') g.classList.add(`kind-${ep.kind}`);
  }
}

/** The state an endpoint starts in: the first change's `from`, or its final state if it never changed. */
export function initialStates(result: RunResult): Map<string, TcpStateName> {
  const initial = new Map<string, TcpStateName>();
  for (const s of result.states) if (!initial.has(s.endpoint)) initial.set(s.endpoint, s.from);
  for (const e of result.endpoints) if (!initial.has(e.name)) initial.set(e.name, e.state);
  return initial;
}

export function drawStates(result: RunResult, layout: Layout, s: Strings, parent: SVGElement): void {
  const g = svg('g', { class: 'states' }, parent);
  initialStateBoxes(result, layout, s, g);
  result.states.forEach((_, i) => drawStateChange(result, i, layout, s, g));
  (result.tlsStates ?? []).forEach((_, i) => drawTlsStateChange(result, i, layout, s, g));
}

/** The dashed box of each endpoint's state before anything happened, under its head. */
export function initialStateBoxes(result: RunResult, layout: Layout, s: Strings, g: SVGElement): void {
  for (const [endpoint, state] of initialStates(result)) {
    const line = layout.lifelines.get(endpoint);
    if (line) stateBox(line, layout.initialStateY, state, 0, `${s.initialState}: ${state}`, g).classList.add('initial');
  }
}

/** The box of `result.states[i]` on its lifeline. */
export function drawStateChange(result: RunResult, i: number, layout: Layout, s: Strings, parent: Element | DocumentFragment): SVGGElement | undefined {
  const change = result.states[i];
  const line = change ? layout.lifelines.get(change.endpoint) : undefined;
  if (!change || !line) return undefined;
  const tip = `${change.endpoint}: ${change.from} → ${change.to} ${formatAt(change.time)}` + (change.line > 0 ? ` (${s.line} ${change.line})` : '');
  const box = stateBox(line, layout.states[i] ?? 0, change.to, change.line, tip, parent);
  box.setAttribute('data-order', String(change.order));
  return box;
}

/** Above this many characters a TLS state name is squeezed into its box (the tooltip has it whole). */
const TLS_FIT_CHARS = 14;

/** The box of `result.tlsStates[i]`: a lock and the handshake machine's new state, on its lifeline. */
export function drawTlsStateChange(result: RunResult, i: number, layout: Layout, s: Strings, parent: Element | DocumentFragment): SVGGElement | undefined {
  const change = result.tlsStates?.[i];
  const line = change ? layout.lifelines.get(change.endpoint) : undefined;
  if (!change || !line) return undefined;
  const y = layout.tlsStates[i] ?? 0;
  const g = svg('g', {
    class: 'tls-state',
    'data-endpoint': line.name,
    'data-machine': change.machine,
    'data-state': change.to,
    'data-line': change.line,
    'data-order': change.order,
  }, parent);
  if (change.line > 0) g.classList.add('revealable');
  const tip = `${change.endpoint}: ${s.tlsHandshake} (${change.machine}) ${change.from} → ${change.to} ${formatAt(change.time)}` +
    (change.line > 0 ? ` (${s.line} ${change.line})` : '');
  svgTitle(tip, g);
  const dir = line.side === 'left' ? -1 : 1;
  const near = line.x + dir * 8;
  const far = line.x + dir * (8 + BOX_W);
  svg('line', { class: 'state-tick', x1: line.x, y1: y, x2: near, y2: y }, g);
  svg('rect', { class: 'tls-dot', x: line.x - 3, y: y - 3, width: 6, height: 6 }, g);
  svg('rect', { x: Math.min(near, far), y: y - BOX_H / 2, width: BOX_W, height: BOX_H, rx: 3 }, g);
  const left = Math.min(near, far);
  // A padlock drawn, not a glyph: no emoji font needed, and it exports as it looks.
  const lock = svg('g', { class: 'tls-lock' }, g);
  const cx = left + 9;
  svg('path', { class: 'tls-shackle', d: `M${cx - 2.2} ${y - 0.5} V${y - 2.6} a2.2 2.2 0 0 1 4.4 0 V${y - 0.5}` }, lock);
  svg('rect', { class: 'tls-lock-body', x: cx - 3.6, y: y - 0.8, width: 7.2, height: 5.4, rx: 0.8 }, lock);
  const name = svgText(change.to, { class: 'tls-name', x: left + 16 + (BOX_W - 18) / 2, y: y + 4 }, g);
  if (change.to.length > TLS_FIT_CHARS) {
    name.setAttribute('textLength', String(BOX_W - 20));
    name.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
  return g;
}

function stateBox(line: Lifeline, y: number, state: string, scriptLine: number, tip: string, parent: Element | DocumentFragment): SVGGElement {
  const g = svg('g', { class: 'state-box', 'data-endpoint': line.name, 'data-state': state, 'data-line': scriptLine }, parent);
  if (scriptLine > 0) g.classList.add('revealable');
  svgTitle(tip, g);
  const dir = line.side === 'left' ? -1 : 1;
  const near = line.x + dir * 8;
  const far = line.x + dir * (8 + BOX_W);
  svg('line', { class: 'state-tick', x1: line.x, y1: y, x2: near, y2: y }, g);
  svg('circle', { class: 'state-dot', cx: line.x, cy: y, r: 3 }, g);
  svg('rect', { x: Math.min(near, far), y: y - BOX_H / 2, width: BOX_W, height: BOX_H, rx: 3 }, g);
  svgText(state, { x: (near + far) / 2, y: y + 4 }, g);
  return g;
}

export function drawTimers(result: RunResult, layout: Layout, s: Strings, parent: SVGElement): void {
  const g = svg('g', { class: 'timers' }, parent);
  result.timers.forEach((t, i) => {
    const line = layout.lifelines.get(t.endpoint);
    const place = layout.timers[i];
    if (!line || !place) return;
    const dir = line.side === 'left' ? -1 : 1;
    const x = line.x + dir * (STATE_COL + 6 + place.lane * TIMER_LANE);
    const tick = -dir * 5;
    const { y1, y2 } = place;
    const timer = svg('g', { class: `timer ${t.fired ? 'fired' : 'cancelled'}`, 'data-kind': t.kind, 'data-endpoint': t.endpoint, 'data-start': t.start }, g);
    svgTitle(timerDetails(t, s), timer);
    svg('path', { class: 'timer-bracket', d: `M${x + tick} ${y1} H${x} V${y2} H${x + tick}` }, timer);
    const my = (y1 + y2) / 2;
    const label = `${t.kind} ${formatSpan(t.end - t.start)}`;
    svgText(label, { class: 'timer-label', x: x + dir * 9, y: my, transform: `rotate(-90 ${x + dir * 9} ${my})` }, timer);
  });
}
