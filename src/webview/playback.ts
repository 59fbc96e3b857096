// Playback over a run: the run's events (packets sent, TCP and TLS state changes) in their shared
// `order`, a scrubber over them, step back / play-pause / step forward. Step k means the first
// k events have happened; the last step (everything) is where a fresh trace starts.
import type { RunResult } from '../runner/trace';
import { relabel, slider, toolbar, toolbarButton } from './controls';
import { formatAt } from './format';
import type { Strings } from './i18n';
import { html } from './svg';

const PLAY_MS = 450;

export interface PlaybackEvent {
  readonly order: number;
  readonly time: number;
}

/** Every event in `order`. */
export function timeline(result: RunResult): PlaybackEvent[] {
  const events: PlaybackEvent[] = [
    ...result.packets.map((p) => ({ order: p.order, time: p.time })),
    ...result.states.map((s) => ({ order: s.order, time: s.time })),
    ...(result.tlsStates ?? []).map((s) => ({ order: s.order, time: s.time })),
  ];
  return events.sort((a, b) => a.order - b.order);
}

/** What the diagrams show at step `step` of `events`: everything before `cutoff`, at `time`. */
export interface PlaybackPoint {
  readonly step: number;
  /** Events with `order` ≥ cutoff have not happened; undefined at the last step. */
  readonly cutoff: number | undefined;
  readonly time: number;
}

export function pointAt(events: readonly PlaybackEvent[], step: number): PlaybackPoint {
  const k = Math.max(0, Math.min(events.length, step));
  if (k === events.length) return { step: k, cutoff: undefined, time: events[k - 1]?.time ?? 0 };
  return { step: k, cutoff: events[k]?.order ?? 0, time: k === 0 ? 0 : (events[k - 1]?.time ?? 0) };
}

export interface Playback {
  readonly bar: HTMLElement;
  load(result: RunResult): void;
  relabel(s: Strings): void;
  step(): number;
  go(step: number): void;
  /** Goes to the step just after the event with this `order` (it and everything before it happened). */
  goToOrder(order: number): void;
}

export function buildPlayback(parent: Element, onStep: (point: PlaybackPoint, playing: boolean) => void): Playback {
  const bar = html('div', { id: 'playback', class: 'playback' }, parent);
  const buttons = toolbar(bar);
  let events: PlaybackEvent[] = [];
  let current = 0;
  let timer = 0;
  let s: Strings | undefined;

  const back = toolbarButton(buttons, 'step-back', '‹', '', () => go(current - 1));
  const play = toolbarButton(buttons, 'play', '▶', '', () => (timer ? stop() : start()));
  const forward = toolbarButton(buttons, 'step-forward', '›', '', () => go(current + 1));
  const scrubber = slider(bar, 'timeline', (value) => {
    stop();
    go(value);
  });
  const label = html('span', { id: 'timeline-label', class: 'timeline-label', 'aria-live': 'polite' }, bar);

  function go(step: number, playing = false): void {
    current = Math.max(0, Math.min(events.length, step));
    scrubber.value = String(current);
    const point = pointAt(events, current);
    label.textContent = s
      ? current === events.length
        ? `${s.allEvents} (${events.length}) · ${formatAt(point.time)}`
        : `${s.stepOf} ${current}/${events.length} · ${formatAt(point.time)}`
      : '';
    scrubber.setAttribute('aria-valuetext', label.textContent);
    onStep(point, playing);
  }

  function start(): void {
    if (events.length === 0) return;
    if (current >= events.length) go(0, true);
    timer = window.setInterval(() => {
      if (current >= events.length) stop();
      else go(current + 1, true);
    }, PLAY_MS);
    updatePlay();
  }

  function stop(): void {
    if (timer) window.clearInterval(timer);
    timer = 0;
    updatePlay();
  }

  function updatePlay(): void {
    if (!s) return;
    relabel(play, timer ? '❚❚' : '▶', timer ? s.pause : s.play);
    play.setAttribute('aria-pressed', timer ? 'true' : 'false');
  }

  return {
    bar,
    load(result) {
      stop();
      const keepEnd = current >= events.length;
      events = timeline(result);
      scrubber.max = String(events.length);
      go(keepEnd ? events.length : Math.min(current, events.length));
    },
    relabel(strings) {
      s = strings;
      relabel(back, '‹', strings.stepBack);
      relabel(forward, '›', strings.stepForward);
      scrubber.setAttribute('aria-label', strings.timeline);
      scrubber.title = strings.timeline;
      updatePlay();
    },
    step: () => current,
    go: (step) => {
      stop();
      go(step);
    },
    goToOrder(order) {
      const i = events.findIndex((e) => e.order === order);
      if (i < 0) return;
      stop();
      go(i + 1);
    },
  };
}
