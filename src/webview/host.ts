// The panel's only line to the extension host: typed messages out, typed state persisted across
// reloads (VS Code keeps it while the panel is hidden or the window reloads).
import type { PanelToHost } from '../shared/protocol';

/** What the panel remembers between loads: how the user last looked at the diagram. */
export interface ViewState {
  readonly zoom: number;
  readonly scrollTop: number;
  readonly scrollLeft: number;
}

interface VsCodeApi {
  postMessage(message: PanelToHost): void;
  getState(): unknown;
  setState(state: ViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** May be called only once per page, so the panel holds the one instance here. */
const api: VsCodeApi = acquireVsCodeApi();

export function post(message: PanelToHost): void {
  api.postMessage(message);
}

export const defaultViewState: ViewState = { zoom: 1, scrollTop: 0, scrollLeft: 0 };

export function loadViewState(): ViewState {
  const s = api.getState();
  if (typeof s !== 'object' || s === null) return defaultViewState;
  const r = s as Partial<Record<keyof ViewState, unknown>>;
  return {
    zoom: typeof r.zoom === 'number' && r.zoom > 0 ? r.zoom : 1,
    scrollTop: typeof r.scrollTop === 'number' ? r.scrollTop : 0,
    scrollLeft: typeof r.scrollLeft === 'number' ? r.scrollLeft : 0,
  };
}

export function saveViewState(state: ViewState): void {
  api.setState(state);
}
