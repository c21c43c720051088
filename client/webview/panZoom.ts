// Zoom and pan of the diagram: a transform on one <g>, driven by wheel, drag, keyboard and buttons.

import { fitAllView, homeView, type Rect } from './homeView';

export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** How much of the diagram (CSS pixels) panning always leaves in view, so a wheel never scrolls it all away. */
const keptInViewPx = 80;

/**
 * A panned view with part of the diagram still on screen: at least `keptInViewPx` of it (all of it when it is
 * smaller) stays inside the viewport on each axis. Ten wheel notches moved the view 1,200 px past the diagram.
 */
export function clampPan(t: ViewTransform, content: { readonly width: number; readonly height: number }, viewport: { readonly width: number; readonly height: number }): ViewTransform {
  const axis = (offset: number, size: number, view: number): number => {
    const keep = Math.min(keptInViewPx, size, view);
    return Math.min(view - keep, Math.max(keep - size, offset));
  };
  return { k: t.k, x: axis(t.x, content.width * t.k, viewport.width), y: axis(t.y, content.height * t.k, viewport.height) };
}

const minZoom = 0.1;
const maxZoom = 4;

/** How far (in CSS pixels) a press must move before it pans: less is a click. */
const dragThresholdPx = 3;

export class PanZoom {
  private t: ViewTransform = { x: 0, y: 0, k: 1 };
  /** A press on the background or a container; `moving` once it has travelled far enough to be a drag. */
  private drag: { x: number; y: number; pointer: number; moving: boolean } | undefined;
  private content = { width: 1, height: 1 };

  constructor(
    private readonly surface: SVGSVGElement,
    private readonly layer: SVGGElement,
    /** `byUser`: false when the view was fitted automatically. */
    private readonly onChange: (t: ViewTransform, byUser: boolean) => void,
  ) {
    surface.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    surface.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    surface.addEventListener('pointermove', (e) => this.onPointerMove(e));
    surface.addEventListener('pointerup', (e) => this.endDrag(e));
    surface.addEventListener('pointercancel', (e) => this.endDrag(e));
  }

  get transform(): ViewTransform {
    return this.t;
  }

  setContentSize(width: number, height: number): void {
    this.content = { width, height };
  }

  set(t: ViewTransform, byUser = true): void {
    this.t = { x: t.x, y: t.y, k: Math.min(maxZoom, Math.max(minZoom, t.k)) };
    this.layer.setAttribute('transform', `translate(${this.t.x} ${this.t.y}) scale(${this.t.k})`);
    this.onChange(this.t, byUser);
  }

  /** Scales the whole diagram into the visible area (never above 100 %), however small that makes it. */
  fit(): void {
    this.set(fitAllView(this.content, this.viewport()), false);
  }

  /** The readable first view (see homeView): the whole diagram if it fits legibly, else `focus` at a readable zoom. */
  home(focus?: Rect): void {
    this.set(homeView(this.content, this.viewport(), focus), false);
  }

  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const { width, height } = this.viewport();
    const p = at ?? { x: width / 2, y: height / 2 };
    const k = Math.min(maxZoom, Math.max(minZoom, this.t.k * factor));
    const ratio = k / this.t.k;
    this.set({ k, x: p.x - (p.x - this.t.x) * ratio, y: p.y - (p.y - this.t.y) * ratio });
  }

  panBy(dx: number, dy: number): void {
    this.set(clampPan({ ...this.t, x: this.t.x + dx, y: this.t.y + dy }, this.content, this.viewport()));
  }

  /** Moves the view so that the diagram box is in the middle (used for search and focus). */
  centerOn(box: { x: number; y: number; width: number; height: number }): void {
    const { width, height } = this.viewport();
    const k = Math.max(this.t.k, 0.6);
    this.set({ k, x: width / 2 - (box.x + box.width / 2) * k, y: height / 2 - (box.y + box.height / 2) * k }, false);
  }

  private viewport(): { width: number; height: number } {
    const r = this.surface.getBoundingClientRect();
    return { width: Math.max(1, r.width), height: Math.max(1, r.height) };
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.surface.getBoundingClientRect();
    // Pinch gestures and Ctrl+wheel zoom; a plain wheel or two-finger scroll pans, as in VS Code's editors.
    if (e.ctrlKey || e.metaKey) this.zoomBy(Math.exp(-e.deltaY * 0.002), { x: e.clientX - r.left, y: e.clientY - r.top });
    else this.panBy(-e.deltaX, -e.deltaY);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const target = e.target instanceof Element ? e.target : null;
    // Dragging starts on the background and on containers; leaves are for clicking.
    if (target?.closest('.node.leaf')) return;
    // The pointer is captured only once the press moves: capturing at once would retarget the clicks of a
    // double-click on a container (fold/unfold) to the surface, so they would never reach the node.
    this.drag = { x: e.clientX, y: e.clientY, pointer: e.pointerId, moving: false };
  }

  private onPointerMove(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.pointer) return;
    if (!this.drag.moving) {
      if (Math.abs(e.clientX - this.drag.x) + Math.abs(e.clientY - this.drag.y) < dragThresholdPx) return;
      this.surface.setPointerCapture(e.pointerId);
      this.surface.classList.add('dragging');
    }
    this.panBy(e.clientX - this.drag.x, e.clientY - this.drag.y);
    this.drag = { x: e.clientX, y: e.clientY, pointer: e.pointerId, moving: true };
  }

  private endDrag(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.pointer) return;
    this.drag = undefined;
    this.surface.classList.remove('dragging');
    if (this.surface.hasPointerCapture(e.pointerId)) this.surface.releasePointerCapture(e.pointerId);
  }
}
