// What the user does with the ladder: click an arrow or a state box to reveal its script line,
// move between arrows with the arrow keys, and see the editor's cursor line selected. And with
// the state diagrams: click or Enter on an edge or state the run took reveals the line of the
// step that took it; the arrow keys move between them in run order.

/** Things that know their script line: arrows, TCP state boxes and TLS state boxes. */
const REVEALABLE = 'g.packet, g.state-box, g.tls-state';

export interface LadderHooks {
  /** Opens the detail pane of packet `id` (click or Enter on its arrow). */
  readonly open?: (id: number) => void;
  /** A virtual ladder draws packet `id` on demand when ↑/↓ leaves the drawn window. */
  readonly reach?: (id: number) => SVGGElement | undefined;
}

export function wireLadder(root: SVGSVGElement, reveal: (line: number) => void, hooks: LadderHooks = {}): void {
  root.addEventListener('click', (event) => {
    const target = closest(event.target, REVEALABLE);
    if (!target) return;
    if (target.matches('g.packet')) {
      focusPacket(root, target);
      hooks.open?.(idOf(target));
    }
    const line = lineOf(target);
    if (line > 0) reveal(line);
  });
  root.addEventListener('keydown', (event) => {
    const target = closest(event.target, 'g.packet');
    if (!target) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const dir = event.key === 'ArrowDown' ? 1 : -1;
      const sibling = step(target, dir) ?? hooks.reach?.(idOf(target) + dir);
      if (sibling) focusPacket(root, sibling);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      hooks.open?.(idOf(target));
      const line = lineOf(target);
      if (line > 0) reveal(line);
    }
  });
}

function idOf(el: Element): number {
  return Number(el.getAttribute('data-id'));
}

/** Selects the arrows (and state boxes) of a script line and, if asked, scrolls the first into view. */
export function selectLine(root: SVGSVGElement, line: number, scroll = true): void {
  for (const el of Array.from(root.querySelectorAll('.selected'))) el.classList.remove('selected');
  if (line <= 0) return;
  const hits = Array.from(root.querySelectorAll<SVGGElement>(`g.packet[data-line="${line}"], g.state-box[data-line="${line}"], g.tls-state[data-line="${line}"]`));
  for (const el of hits) el.classList.add('selected');
  const first = hits.find((el) => el.matches('g.packet')) ?? hits[0];
  if (first && scroll) first.scrollIntoView({ block: 'center', inline: 'nearest' });
  if (first && first.matches('g.packet')) makeTabStop(root, first);
}

/** Roving tabindex: one arrow is the tab stop; the arrow keys move it. */
function focusPacket(root: SVGSVGElement, packet: SVGGElement): void {
  makeTabStop(root, packet);
  packet.focus({ preventScroll: false });
}

function makeTabStop(root: SVGSVGElement, packet: SVGGElement): void {
  for (const el of Array.from(root.querySelectorAll('g.packet[tabindex="0"]'))) el.setAttribute('tabindex', '-1');
  packet.setAttribute('tabindex', '0');
}

function step(packet: SVGGElement, dir: 1 | -1): SVGGElement | null {
  let el = dir > 0 ? packet.nextElementSibling : packet.previousElementSibling;
  while (el && !el.matches('g.packet')) el = dir > 0 ? el.nextElementSibling : el.previousElementSibling;
  return el instanceof SVGGElement ? el : null;
}

function closest(target: EventTarget | null, selector: string): SVGGElement | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest(selector);
  return el instanceof SVGGElement ? el : null;
}

function lineOf(el: Element): number {
  const n = Number(el.getAttribute('data-line'));
  return Number.isInteger(n) ? n : 0;
}

/** Taken edges and states (`data-line` from state-paths.ts), and each endpoint's taken path. */
const STATE_REVEALABLE = 'path.sd-taken[data-line], g.sd-edge.revealable, g.sd-state.revealable';
/** What the keyboard reaches in a diagram: one tab stop, the arrow keys move it in run order. */
const STATE_STOPS = 'g.sd-edge.revealable, g.sd-state.revealable';

export function wireStateDiagrams(roots: readonly SVGSVGElement[], reveal: (line: number) => void): void {
  for (const root of roots) {
    root.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest(STATE_REVEALABLE) : null;
      const line = target ? lineOf(target) : 0;
      if (line > 0) reveal(line);
    });
    root.addEventListener('keydown', (event) => {
      const target = closest(event.target, STATE_STOPS);
      if (!target) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        const line = lineOf(target);
        if (line > 0) reveal(line);
      } else if (['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'].includes(event.key)) {
        event.preventDefault();
        const stops = Array.from(root.querySelectorAll<SVGGElement>(STATE_STOPS))
          .sort((a, b) => Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order')));
        const next = stops[stops.indexOf(target) + (event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : -1)];
        if (!next) return;
        for (const el of stops) el.setAttribute('tabindex', '-1');
        next.setAttribute('tabindex', '0');
        next.focus();
      }
    });
  }
}
