// The panel's persisted view state (webview getState/setState): survives hiding, reopening and window
// reloads. Restored through a guard, since it comes back from storage as unknown.

import type { ViewTransform } from './panZoom';

export interface PanelState {
  readonly transform?: ViewTransform;
  /** The user zoomed or panned: keep their view instead of refitting on resize. */
  readonly moved: boolean;
  /** The user pressed Fit: automatic refits show the whole picture, not the readable part (homeView). */
  readonly fitAll: boolean;
  readonly selected: string | null;
  /** Filters: one VPC, one function. */
  readonly vpc: string | null;
  readonly fn: string | null;
  readonly search: string;
  /** Collapsed containers; null until the first diagram decides the default. */
  readonly collapsed: readonly string[] | null;
}

export const initialState: PanelState = { moved: false, fitAll: false, selected: null, vpc: null, fn: null, search: '', collapsed: null };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function restoreState(saved: unknown): PanelState {
  if (!isRecord(saved)) return initialState;
  const t = saved.transform;
  const transform = isRecord(t) && typeof t.x === 'number' && typeof t.y === 'number' && typeof t.k === 'number' && Number.isFinite(t.x + t.y + t.k) ? { x: t.x, y: t.y, k: t.k } : undefined;
  const collapsed = Array.isArray(saved.collapsed) ? saved.collapsed.filter((c): c is string => typeof c === 'string') : null;
  return {
    ...(transform ? { transform } : {}),
    moved: saved.moved === true,
    fitAll: saved.fitAll === true,
    selected: stringOrNull(saved.selected),
    vpc: stringOrNull(saved.vpc),
    fn: stringOrNull(saved.fn),
    search: typeof saved.search === 'string' ? saved.search : '',
    collapsed,
  };
}
