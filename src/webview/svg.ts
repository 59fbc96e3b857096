// Building SVG and HTML with DOM calls only. Text goes in through textContent and attributes
// through setAttribute, so nothing from a script is ever parsed as markup. Event-handler
// attributes (`on…`) are refused: handlers are attached with addEventListener.

const SVG_NS = 'http://www.w3.org/2000/svg';

export type Attrs = Readonly<Record<string, string | number>>;

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/i.test(name)) throw new Error(`refusing event-handler attribute ${name}`);
    el.setAttribute(name, String(value));
  }
}

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  parent?: Element | DocumentFragment,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  if (parent) parent.appendChild(el);
  return el;
}

export function svgText(text: string, attrs: Attrs, parent: Element | DocumentFragment): SVGTextElement {
  const el = svg('text', attrs, parent);
  el.textContent = text;
  return el;
}

/** A `<title>` child: the hover tooltip of an SVG shape. */
export function svgTitle(text: string, parent: Element): void {
  svg('title', {}, parent).textContent = text;
}

export function html<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  parent?: Element | DocumentFragment,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  if (text !== undefined) el.textContent = text;
  if (parent) parent.appendChild(el);
  return el;
}
