// The ladder as a file that renders outside VS Code: an SVG copy with the theme's computed
// colours and fonts written onto every element as presentation attributes (the page's CSS and
// VS Code's variables do not travel), on a background of the editor's colour; and a PNG drawn
// from that SVG on a canvas.
import { svg } from './svg';

/** The computed properties that decide how an SVG element looks. */
const PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'paint-order', 'visibility',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** `source` must be in the document (its styles computed). Returns standalone SVG text. */
export function standaloneSvg(source: SVGSVGElement): string {
  const copy = source.cloneNode(true) as SVGSVGElement;
  const from = [source, ...Array.from(source.querySelectorAll('*'))];
  const to = [copy, ...Array.from(copy.querySelectorAll('*'))];
  const computed = new Map<Element, CSSStyleDeclaration>();
  from.forEach((el, i) => {
    const target = to[i];
    if (!target) return;
    for (const attr of ['tabindex', 'role', 'aria-label']) target.removeAttribute(attr);
    if (el.tagName === 'title') return;
    const style = getComputedStyle(el);
    computed.set(el, style);
    const parent = el.parentElement ? computed.get(el.parentElement) : undefined;
    for (const name of PROPERTIES) {
      const value = style.getPropertyValue(name);
      if (value === '') continue;
      // Inherited properties are written where they change; opacity (not inherited) where it is not 1.
      if (name === 'opacity' ? value === '1' : parent !== undefined && parent.getPropertyValue(name) === value) continue;
      target.setAttribute(name, value);
    }
    if (style.display === 'none') target.setAttribute('display', 'none');
  });
  const viewBox = source.viewBox.baseVal;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(viewBox.width));
  copy.setAttribute('height', String(viewBox.height));
  const background = getComputedStyle(document.body).backgroundColor;
  const bg = svg('rect', { class: 'export-background', x: 0, y: 0, width: viewBox.width, height: viewBox.height, fill: background });
  copy.insertBefore(bg, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** The PNG of standalone SVG text, as a data: URL, at up to 2× and at most 16,000 px a side. */
export async function pngFromSvg(svgText: string, width: number, height: number): Promise<string> {
  const scale = Math.max(0.1, Math.min(2, 16000 / Math.max(width, height)));
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.addEventListener('load', () => resolve(), { once: true });
    image.addEventListener('error', () => reject(new Error('the SVG did not load as an image')), { once: true });
  });
  image.src = `data:image/svg+xml;base64,${base64(new TextEncoder().encode(svgText))}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  g.scale(scale, scale);
  g.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
