// The one module that imports @vscode-elements/elements: VS Code-looking toolbar controls, the
// view tabs, and the timeline slider (a native range input styled from the theme: this version of
// vscode-elements has no slider). Buttons carry text rather than codicons, so the panel needs no
// icon font or extra stylesheet.
import '@vscode-elements/elements/dist/vscode-toolbar-container/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';

export function toolbar(parent: Element): HTMLElement {
  const bar = document.createElement('vscode-toolbar-container');
  bar.setAttribute('role', 'toolbar');
  parent.appendChild(bar);
  return bar;
}

/** A toolbar button showing `text`, with `tooltip` as its hover text and accessible name. */
export function toolbarButton(parent: Element, id: string, text: string, tooltip: string, onClick: () => void): HTMLElement {
  const button = document.createElement('vscode-toolbar-button');
  button.id = id;
  button.label = tooltip;
  button.title = tooltip;
  button.textContent = text;
  button.addEventListener('click', onClick);
  parent.appendChild(button);
  return button;
}

/** Relabels a button when the language changes. */
export function relabel(button: HTMLElement, text: string, tooltip: string): void {
  button.textContent = text;
  button.title = tooltip;
  button.setAttribute('label', tooltip);
}

export interface Tabs {
  readonly element: HTMLElement;
  readonly headers: readonly HTMLElement[];
  select(index: number): void;
}

/**
 * Tab headers only (no panels): the caller shows and hides its own views on `onSelect`. The
 * component sets the headers' ids itself, so each is known by its `data-tab` key instead.
 */
export function tabs(parent: Element, keys: readonly string[], onSelect: (index: number) => void): Tabs {
  const element = document.createElement('vscode-tabs');
  element.id = 'view-tabs';
  const headers = keys.map((key) => {
    const header = document.createElement('vscode-tab-header');
    header.setAttribute('data-tab', key);
    header.setAttribute('slot', 'header');
    element.appendChild(header);
    return header;
  });
  element.addEventListener('vsc-tabs-select', (event: Event) => {
    const detail = (event as CustomEvent<{ selectedIndex?: unknown }>).detail;
    if (typeof detail.selectedIndex === 'number') onSelect(detail.selectedIndex);
  });
  parent.appendChild(element);
  return {
    element,
    headers,
    select(index) {
      element.selectedIndex = index;
      onSelect(index);
    },
  };
}

/** The playback scrubber: arrow keys, Home and End step it natively when it has focus. */
export function slider(parent: Element, id: string, onInput: (value: number) => void): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'range';
  input.id = id;
  input.min = '0';
  input.step = '1';
  input.addEventListener('input', () => onInput(Number(input.value)));
  parent.appendChild(input);
  return input;
}
