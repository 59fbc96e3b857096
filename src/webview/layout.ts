// Where everything in the ladder goes. Pure geometry from a RunResult, no DOM.
//
// Time runs downwards, but not linearly: a 60 s TIME_WAIT would squash a 10 ms handshake into
// a line. Instead every event (a packet leaving, a packet arriving, a state change, a timer
// starting or ending) gets a row in time order; events at the same instant share a row unless
// they would overlap on the same lifeline. A packet goes from its send row to its arrival row,
// so link delay still slants it. A long quiet stretch becomes a gap whose height grows with
// the logarithm of its length, so exponential backoff still looks exponential.
import type { RunResult, TracePacket } from '../runner/trace';
import { diagnosticShort, packetLabel, wrapText } from './format';
import { sortDiagnostics } from './diagnostics';
import type { Lang } from './i18n';

export const GUTTER = 86;
export const HEAD_TOP = 8;
export const HEAD_HEIGHT = 46;
export const ROW = 34;
export const STATE_COL = 118;
export const TIMER_LANE = 20;
const FIRST_ROW = HEAD_TOP + HEAD_HEIGHT + 44;
const GAP_MIN_SECONDS = 0.5;
const BADGE_LINE = 16;
/** Diagnostic text under an arrow: 11px, wrapped to part of the lane, at most four lines. */
export const DIAG_PX = 11;
export const DIAG_LINE = 14;
const DIAG_MAX_LINES = 4;
const CHAR_W = 6.6;
const EPS = 1e-9;
/** Longer TLS message names are cut in the badge (the tooltip has them whole). */
export const BADGE_MAX_CHARS = 60;

export type Side = 'left' | 'right';

export interface Row {
  readonly time: number;
  readonly y: number;
}

export interface Gap {
  readonly yTop: number;
  readonly yBottom: number;
  readonly seconds: number;
}

export interface Lifeline {
  readonly name: string;
  readonly x: number;
  /** Which side of the lifeline its state boxes and timer brackets sit on. */
  readonly side: Side;
}

export interface PacketPlace {
  readonly y1: number;
  /** Arrival row; for a dropped packet, where the stub ends. */
  readonly y2: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly laneWidth: number;
  readonly initialStateY: number;
  readonly rows: readonly Row[];
  readonly gaps: readonly Gap[];
  readonly lifelines: ReadonlyMap<string, Lifeline>;
  readonly packets: readonly PacketPlace[];
  /** y of each `result.states[i]`. */
  readonly states: readonly number[];
  /** y of each `result.tlsStates[i]` (TLS boxes share the state column, each on its own row). */
  readonly tlsStates: readonly number[];
  /** y range and lane of each `result.timers[i]`. */
  readonly timers: readonly { readonly y1: number; readonly y2: number; readonly lane: number }[];
}

type EventKind = 'send' | 'arrive' | 'state' | 'timer';

interface TimedEvent {
  readonly time: number;
  /** Events at one instant keep the run's order (a packet arrives just after it is sent; timers first). */
  readonly order: number;
  readonly kind: EventKind;
  readonly endpoint: string;
  /** An end of a packet that arrives the instant it is sent (no link delay): a flat arrow. */
  readonly flat?: boolean;
  readonly place: (row: number) => void;
}

const round = (t: number): number => Math.round(t * 1e9) / 1e9;

export function layout(result: RunResult, lang: Lang): Layout {
  const packetRows = result.packets.map(() => ({ send: 0, arrive: -1 }));
  const stateRows = result.states.map(() => 0);
  const tlsStates = result.tlsStates ?? [];
  const tlsRows = tlsStates.map(() => 0);
  const timerRows = result.timers.map(() => ({ start: 0, end: 0 }));

  const events: TimedEvent[] = [];
  result.packets.forEach((p, i) => {
    const flat = !p.dropped && round(p.arrival) === round(p.time);
    events.push({ time: round(p.time), order: p.order, kind: 'send', endpoint: p.src, flat, place: (r) => (packetRows[i]!.send = r) });
    if (!p.dropped) {
      events.push({ time: round(p.arrival), order: p.order + 0.5, kind: 'arrive', endpoint: p.dst, flat, place: (r) => (packetRows[i]!.arrive = r) });
    }
  });
  result.states.forEach((s, i) => {
    events.push({ time: round(s.time), order: s.order, kind: 'state', endpoint: s.endpoint, place: (r) => (stateRows[i] = r) });
  });
  // A TLS box sits in the same column as the TCP boxes: it takes a row of its own on its lifeline.
  tlsStates.forEach((s, i) => {
    events.push({ time: round(s.time), order: s.order, kind: 'state', endpoint: s.endpoint, place: (r) => (tlsRows[i] = r) });
  });
  result.timers.forEach((t, i) => {
    events.push({ time: round(t.start), order: -1, kind: 'timer', endpoint: t.endpoint, place: (r) => (timerRows[i]!.start = r) });
    events.push({ time: round(t.end), order: -1, kind: 'timer', endpoint: t.endpoint, place: (r) => (timerRows[i]!.end = r) });
  });
  events.sort((a, b) => a.time - b.time || a.order - b.order);

  // Assign rows.
  const rowTimes: number[] = [];
  let occupied = new Set<string>();
  // A flat arrow (no link delay) lies along its row, so it shares the row with no other arrow
  // touching either of its lifelines: otherwise a SYN and its SYN,ACK would draw on top of each other.
  const clashes = (e: TimedEvent): boolean => {
    if (e.kind === 'timer') return false;
    if (occupied.has(`${e.kind}:${e.endpoint}`)) return true;
    if (e.kind !== 'send' && e.kind !== 'arrive') return false;
    if (occupied.has(`flat:${e.endpoint}`)) return true;
    return e.flat === true && e.kind === 'send' && (occupied.has(`send:${e.endpoint}`) || occupied.has(`arrive:${e.endpoint}`));
  };
  for (const e of events) {
    const last = rowTimes[rowTimes.length - 1];
    const sameInstant = last !== undefined && Math.abs(last - e.time) < EPS;
    if (!sameInstant || clashes(e)) {
      rowTimes.push(e.time);
      occupied = new Set();
    }
    if (e.kind !== 'timer') occupied.add(`${e.kind}:${e.endpoint}`);
    if (e.flat) occupied.add(`flat:${e.endpoint}`);
    e.place(rowTimes.length - 1);
  }

  // Lanes: wide enough for the longest label, and for TLS badges to wrap in.
  const longest = result.packets.reduce((m, p) => Math.max(m, packetLabel(p).length), 0);
  const laneWidth = Math.min(720, Math.max(380, Math.ceil(longest * CHAR_W + 90)));

  // Extra room under a row whose packets carry TLS badges.
  const extraAfter = rowTimes.map(() => 0);
  const onPackets = sortDiagnostics(result).onPackets;
  result.packets.forEach((p, i) => {
    const worst = onPackets.get(p.line)?.[0];
    const lines = badgeLines(p, laneWidth) + (worst ? diagnosticLines(diagnosticShort(worst, lang), laneWidth).length : 0);
    const r = packetRows[i]!.send;
    extraAfter[r] = Math.max(extraAfter[r] ?? 0, lines * BADGE_LINE);
  });

  // Row y positions and gaps.
  const rows: Row[] = [];
  const gaps: Gap[] = [];
  rowTimes.forEach((time, r) => {
    if (r === 0) {
      rows.push({ time, y: FIRST_ROW });
      return;
    }
    const prev = rows[r - 1]!;
    const dt = time - prev.time;
    let y = prev.y + ROW + (extraAfter[r - 1] ?? 0);
    if (dt >= GAP_MIN_SECONDS) {
      const gap = 26 + 12 * Math.log2(dt / GAP_MIN_SECONDS);
      gaps.push({ yTop: y - ROW / 2, yBottom: y - ROW / 2 + gap, seconds: dt });
      y += gap;
    }
    rows.push({ time, y });
  });
  const yOf = (r: number): number => rows[r]?.y ?? FIRST_ROW;

  // Timer lanes: brackets on one lifeline that overlap in time sit side by side.
  const laneEnds = new Map<string, number[]>();
  const timers = result.timers.map((t, i) => {
    const ends = laneEnds.get(t.endpoint) ?? [];
    laneEnds.set(t.endpoint, ends);
    const { start, end } = timerRows[i]!;
    let lane = ends.findIndex((e) => e < start);
    if (lane < 0) lane = ends.push(end) - 1;
    else ends[lane] = end;
    return { y1: yOf(start), y2: yOf(end), lane };
  });

  // Lifelines, left to right in the order of result.endpoints.
  const names = endpointNames(result);
  const n = names.length;
  const lifelines = new Map<string, Lifeline>();
  let x = GUTTER;
  names.forEach((name, i) => {
    const side: Side = i === 0 && n > 1 ? 'left' : 'right';
    const outer = STATE_COL + (laneEnds.get(name)?.length ?? 0) * TIMER_LANE;
    if (side === 'left') x += outer;
    lifelines.set(name, { name, x, side });
    x += side === 'right' ? outer : 0;
    if (i < n - 1) x += laneWidth;
  });
  const width = x + 24;

  const packets = result.packets.map((p, i) => {
    const { send, arrive } = packetRows[i]!;
    const y1 = yOf(send);
    return { y1, y2: p.dropped || arrive < 0 ? y1 + ROW * 0.6 : yOf(arrive) };
  });

  const lastY = rows.length > 0 ? rows[rows.length - 1]!.y : FIRST_ROW;
  const lastExtra = extraAfter[extraAfter.length - 1] ?? 0;
  return {
    width,
    height: lastY + ROW + lastExtra + 16,
    laneWidth,
    initialStateY: HEAD_TOP + HEAD_HEIGHT + 18,
    rows,
    gaps,
    lifelines,
    packets,
    states: stateRows.map(yOf),
    tlsStates: tlsRows.map(yOf),
    timers,
  };
}

/** TLS message names become badges; how many lines of them wrap under an arrow. */
export function badgeLines(p: TracePacket, laneWidth: number): number {
  const names = p.tls.flatMap((r) => r.messages);
  if (names.length === 0) return 0;
  const room = laneWidth * 0.8;
  let lines = 1;
  let used = 0;
  for (const name of names) {
    const w = badgeWidth(name);
    if (used > 0 && used + w > room) {
      lines++;
      used = 0;
    }
    used += w + 4;
  }
  return lines;
}

export function diagnosticLines(message: string, laneWidth: number): string[] {
  return wrapText(message, laneWidth * 0.7, DIAG_PX, DIAG_MAX_LINES);
}

export function badgeWidth(name: string): number {
  return Math.min(name.length, BADGE_MAX_CHARS) * 5.8 + 12;
}

/** The endpoints in `result.endpoints` order, then any a packet or state names that is not there. */
export function endpointNames(result: RunResult): string[] {
  const names = result.endpoints.map((e) => e.name);
  const seen = new Set(names);
  const add = (name: string): void => {
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  };
  for (const p of result.packets) {
    add(p.src);
    add(p.dst);
  }
  for (const s of result.states) add(s.endpoint);
  for (const s of result.tlsStates ?? []) add(s.endpoint);
  for (const t of result.timers) add(t.endpoint);
  return names;
}
