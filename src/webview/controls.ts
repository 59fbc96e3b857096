// The one module that imports @vscode-elements/elements: VS Code-looking toolbar controls.
// Buttons carry text rather than codicons, so the panel needs no icon font or extra stylesheet.
import '@vscode-elements/elements/dist/vscode-toolbar-container/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';

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
