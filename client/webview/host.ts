// Where the topology webview runs: inside VS Code (acquireVsCodeApi: postMessage, persisted state) or in the
// standalone HTML export (no extension: state in memory, the diagram read from an embedded JSON element).

import type { WebviewToHostMessage } from '../../server/src/protocol/webviewMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface Host {
  /** True in the exported HTML page (no editor to reveal in, exports download instead). */
  readonly standalone: boolean;
  post(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export function connectHost(): Host {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return { standalone: false, post: (m) => api.postMessage(m), getState: () => api.getState(), setState: (s) => api.setState(s) };
  }
  let state: unknown;
  return { standalone: true, post: () => undefined, getState: () => state, setState: (s) => (state = s) };
}
