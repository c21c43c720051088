// The topology panel's browser code (bundled to dist/webview.js; runs in the VS Code webview and in the
// CLI's HTML export): receives DiagramModels, lays them out with elk in a Web Worker, draws them, and handles
// selection, hover, zoom/pan, filters, search, collapse, export and persisted state.

import { layoutWith, type DiagramLayout } from '../../server/src/ide/diagram/elkLayout';
import { buildScene } from '../../server/src/ide/diagram/diagramScene';
import { diagramCss, themeColour } from '../../server/src/ide/diagram/diagramStyle';
import { applyView, defaultCollapsed, isCollapsibleKind, isContainerKind, layoutBudget, viewCost } from '../../server/src/ide/diagram/diagramView';
import { allStacks, type DiagramModel, type DiagramNode, type PathStatus } from '../../server/src/protocol/diagram';
import { unpackDiagram } from '../../server/src/ide/diagram/diagramPack';
import { isDiagramModel, isHostToWebviewMessage, type ExportFormat, type HostToWebviewMessage } from '../../server/src/protocol/webviewMessages';
import { renderScene } from './domRenderer';
import { exportPng, exportSvg } from './exporter';
import { connectHost, type Host } from './host';
import { panelCss } from './panelStyle';
import { focusRect } from './homeView';
import { layoutProgressText, needsConsent, nextPaint, overBudgetText } from './layoutProgress';
import { LayoutSuperseded, WorkerElk } from './layoutWorker';
import { PanZoom, type ViewTransform } from './panZoom';
import { applyHighlight, destinationLabel, destinationRows, type DestinationRow } from './selection';
import { wrappableNodes } from './wrapText';
import { restoreState, type PanelState } from './panelState';
import { pickerOptions, type PickerOption } from './pickerLabels';

const svgNs = 'http://www.w3.org/2000/svg';
const statusIcon: Record<PathStatus, string> = { yes: '✓', no: '✕', partial: '◐', unknown: '?' };
const statusWord: Record<PathStatus, string> = { yes: 'reachable', no: 'blocked', partial: 'partly reachable', unknown: 'unknown' };

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; title?: string } = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title !== undefined) el.title = props.title;
  for (const c of children) el.appendChild(c);
  return el;
}

class TopologyApp {
  private model: DiagramModel | undefined;
  private layout: DiagramLayout | undefined;
  /** The view (filters, collapsed boxes) `layout` was drawn for: an update of the same view keeps its picture. */
  private layoutView: string | undefined;
  private scene: SVGSVGElement | undefined;
  private state: PanelState;
  private renderCount = 0;
  /** ELK off the page's thread; a new layout stops the one still running (see relayout's ticket). */
  private readonly elk = new WorkerElk();
  private readonly surface: SVGSVGElement;
  private readonly viewport: SVGGElement;
  private readonly panZoom: PanZoom;
  private readonly details = h('aside', { className: 'details' });
  private readonly hovercard = h('div', { className: 'hovercard' });
  private readonly message = h('div', { className: 'message', text: 'Loading the topology…' });
  private readonly search = h('input');
  private readonly vpcSelect = h('select');
  private readonly functionSelect = h('select');
  /** The unit drawn, when the document belongs to several (a shared module): the host asks for another. */
  private readonly stackSelect = h('select');
  /** The view the user asked to draw whatever it costs (needsConsent). */
  private consentedView: string | undefined;
  private readonly collapseButton = h('button', { text: 'Collapse AZs', title: 'Draw every Availability Zone as one box (double-click a VPC, AZ or subnet to toggle it)' });
  private matchIndex = -1;

  constructor(private readonly host: Host) {
    this.state = restoreState(host.getState());
    this.surface = document.createElementNS(svgNs, 'svg');
    this.surface.classList.add('surface');
    this.surface.setAttribute('tabindex', '0');
    this.surface.setAttribute('aria-label', 'Topology diagram: arrow keys pan, plus and minus zoom, 0 fits');
    this.viewport = document.createElementNS(svgNs, 'g');
    this.surface.appendChild(this.viewport);
    this.panZoom = new PanZoom(this.surface, this.viewport, (t, byUser) => this.saveTransform(t, byUser));
    this.details.hidden = true;
    this.hovercard.hidden = true;
    this.hovercard.setAttribute('role', 'tooltip');
    document.body.append(this.toolbar(), h('div', { className: 'main' }, [this.message, this.surface, this.details]), this.hovercard);
    this.surface.style.display = 'none';
    this.wireEvents();
    this.elk.start();
  }

  // ------------------------------------------------------------------ incoming

  receive(message: HostToWebviewMessage): void {
    switch (message.type) {
      case 'diagram':
        void this.showDiagram('packed' in message.model ? unpackDiagram(message.model) : message.model, message.focus);
        break;
      case 'select':
        // The cursor moved in the editor: an automatic view moves to the function; a user's own view is centred on it.
        if (message.functionId === null || this.model?.functions.some((f) => f.id === message.functionId)) this.select(message.functionId, { center: message.functionId !== null && this.state.moved });
        break;
      case 'error':
        this.showMessage(message.message);
        break;
    }
  }

  async showDiagram(model: DiagramModel, focus?: string): Promise<void> {
    const first = this.model === undefined;
    this.model = model;
    const known = (id: string | null): boolean => id !== null && model.nodes.some((n) => n.id === id);
    // A function named by a code lens is shown readable, whatever Fit showed before (see select).
    if (focus !== undefined && known(focus)) this.state = { ...this.state, selected: focus, fn: this.state.fn !== null && this.state.fn !== focus ? focus : this.state.fn, fitAll: this.state.fitAll && focus === this.state.selected };
    if (!known(this.state.selected)) this.state = { ...this.state, selected: null };
    if (!known(this.state.vpc)) this.state = { ...this.state, vpc: null };
    if (!known(this.state.fn)) this.state = { ...this.state, fn: null };
    this.fillSelects();
    await this.relayout({ fit: first && this.state.transform === undefined, center: focus !== undefined && known(focus) ? focus : undefined });
  }

  // ------------------------------------------------------------------ drawing

  private async relayout(options: { fit?: boolean; center?: string } = {}): Promise<void> {
    const model = this.model;
    if (!model) return;
    const ticket = ++this.renderCount;
    const collapsed = this.collapsedNow();
    const viewed = applyView(model, { vpc: this.state.vpc, function: this.state.fn, collapsed });
    const view = JSON.stringify([this.state.vpc, this.state.fn, collapsed]);
    const previous = this.layoutView === view ? this.layout : undefined;
    // Over the budget even as an overview: ask instead of starting a layout of several seconds (askBeyondCost).
    if (needsConsent(viewed) && this.consentedView !== view) {
      this.askBeforeDrawing(viewed, view, model.version);
      return;
    }
    // The first picture says what the wait is for, painted before the graph for ELK is built and sent.
    if (!this.scene && viewed.nodes.length > 0) {
      this.showMessage(layoutProgressText(viewed));
      await nextPaint();
      if (ticket !== this.renderCount) return;
    }
    let layout: DiagramLayout;
    try {
      // After an update the previous positions are the layout's hints, so a small edit keeps the picture.
      // A new picture is settled once (laid out again on its own hints) when cheap, so that the first
      // update after it does not move boxes either; a big one is not, to stay within the time budget.
      layout = await layoutWith(this.elk, viewed, previous);
      if (previous === undefined && viewCost(viewed) <= layoutBudget / 2 && ticket === this.renderCount) layout = await layoutWith(this.elk, viewed, layout);
    } catch (error) {
      // A newer layout stopped this one's worker; it draws instead.
      if (error instanceof LayoutSuperseded || ticket !== this.renderCount) return;
      this.showMessage(`The diagram could not be laid out: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // A newer diagram arrived while this one was laid out.
    if (ticket !== this.renderCount) return;
    this.layout = layout;
    this.layoutView = view;
    const scene = renderScene(buildScene(layout, { titles: false }), { skipTitles: true });
    if (!(scene instanceof SVGSVGElement)) return;
    for (const path of Array.from(scene.querySelectorAll('path.edge'))) {
      const hit = document.createElementNS(svgNs, 'path');
      hit.setAttribute('class', 'edge-hit');
      hit.setAttribute('d', path.getAttribute('d') ?? '');
      hit.setAttribute('data-line', path.getAttribute('data-line') ?? '');
      path.after(hit);
    }
    this.scene?.remove();
    this.scene = scene;
    this.viewport.appendChild(scene);
    this.message.hidden = true;
    this.surface.style.display = '';
    this.panZoom.setContentSize(layout.width, layout.height);
    applyHighlight(scene, layout, this.state.selected);
    this.applySearch(false);
    // The details pane first: it takes room from the diagram, which the view is computed for.
    this.fillDetails();
    if (options.fit || !this.state.moved) this.autoFit();
    else if (this.state.transform) this.panZoom.set(this.state.transform, false);
    if (options.center && this.state.moved) this.centerOn(options.center);
    const azs = model.nodes.filter((n) => n.kind === 'az');
    const azsCollapsed = azs.length > 0 && azs.every((n) => collapsed.includes(n.id));
    this.collapseButton.setAttribute('aria-pressed', String(azsCollapsed));
    // The label says what a click does.
    this.collapseButton.textContent = azsCollapsed ? 'Expand AZs' : 'Collapse AZs';
    this.collapseButton.title = `${azsCollapsed ? 'Draw every Availability Zone with its subnets' : 'Draw every Availability Zone as one box'} (double-click a VPC, AZ or subnet to toggle it)`;
    this.host.post({ type: 'rendered', version: model.version, nodeIds: layout.nodes.map((n) => n.id), selected: this.state.selected });
  }

  /**
   * The collapsed containers: the user's own choice once they toggled one, else the default for the current
   * filter (a big workspace opens as an overview; filtering to one VPC or function opens that part).
   */
  private collapsedNow(): readonly string[] {
    if (this.state.collapsed !== null) return this.state.collapsed;
    return this.model ? defaultCollapsed(this.model, { vpc: this.state.vpc, function: this.state.fn }) : [];
  }

  /** Says why nothing is drawn yet, with a button that draws it anyway; the old picture (if any) goes. */
  private askBeforeDrawing(viewed: Parameters<typeof overBudgetText>[0], view: string, version: number): void {
    this.scene?.remove();
    this.scene = undefined;
    this.layout = undefined;
    this.layoutView = undefined;
    const draw = h('button', { className: 'draw-anyway', text: `Draw all ${viewed.nodes.length} boxes anyway`, title: 'Lays out the whole picture: this takes several seconds' });
    draw.addEventListener('click', () => {
      this.consentedView = view;
      void this.relayout({ fit: true });
    });
    this.message.replaceChildren(h('p', { text: overBudgetText(viewed, this.model?.scope?.stacks.length ?? 0) }), draw);
    this.message.hidden = false;
    this.surface.style.display = 'none';
    this.details.hidden = true;
    this.host.post({ type: 'rendered', version, nodeIds: [], selected: this.state.selected });
  }

  private showMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = false;
    if (!this.scene) this.surface.style.display = 'none';
  }

  /** Brings a node into the user's own view (an automatic view is recomputed around the selection instead). */
  private centerOn(id: string): void {
    const box = this.layout?.nodes.find((n) => n.id === id);
    if (box) this.panZoom.centerOn(box);
  }

  /**
   * The automatic view: everything after the user pressed Fit; else readable (homeView): the whole picture if
   * it fits legibly, else the selected function and its paths, or the Lambda functions, at a legible zoom.
   */
  private autoFit(): void {
    if (this.state.fitAll) this.panZoom.fit();
    else this.panZoom.home(this.layout ? focusRect(this.layout, this.state.selected) : undefined);
  }

  // ------------------------------------------------------------------ selection and details

  private select(fn: string | null, options: { center?: boolean } = {}): void {
    const changed = fn !== this.state.selected;
    // Fit is a look at the whole picture, not a mode for the next function: a newly selected function is
    // shown with its paths at a readable zoom (in a panel beside the editor, Fit left it at 0.145).
    const fitAll = this.state.fitAll && !(changed && fn !== null);
    this.state = { ...this.state, selected: fn, fitAll };
    this.save();
    if (this.scene && this.layout) applyHighlight(this.scene, this.layout, fn);
    const wasHidden = this.details.hidden;
    this.fillDetails();
    // Unless the user chose their own view, it follows the selection, and refits when the details pane opens
    // or closes (it takes room from the diagram).
    if (this.scene && !this.state.moved && (changed || wasHidden !== this.details.hidden)) this.autoFit();
    else if (fn !== null && options.center && this.state.moved) this.centerOn(fn);
    if (this.model) this.host.post({ type: 'rendered', version: this.model.version, nodeIds: this.layout?.nodes.map((n) => n.id) ?? [], selected: fn });
  }

  private fillDetails(): void {
    const fn = this.state.selected;
    const model = this.model;
    const summary = fn === null ? undefined : model?.functions.find((f) => f.id === fn);
    this.details.replaceChildren();
    if (!model || !summary || fn === null) {
      this.details.hidden = true;
      return;
    }
    this.details.hidden = false;
    const clear = h('button', { className: 'clear', text: 'Clear selection (Esc)' });
    clear.addEventListener('click', () => this.select(null));
    const rows = destinationRows(model, fn);
    const title = h('h2', {}, wrappableNodes(summary.label));
    // Data that says which destinations are needed lists them first, under their own heading.
    if (rows.some((r) => r.needed !== undefined)) {
      const needed = rows.filter((r) => r.needed === true);
      const others = rows.filter((r) => r.needed !== true);
      const parts: Node[] = [title];
      if (needed.length > 0) parts.push(h('h3', { text: 'Needs', title: 'Destinations the function is known to need (env vars, role policies, file systems)' }), this.destinationList(needed));
      if (others.length > 0) parts.push(h('h3', { text: needed.length > 0 ? 'Other destinations (not needed)' : 'Destinations (none known to be needed)' }), this.destinationList(others));
      this.details.append(...parts, clear);
    } else {
      this.details.append(title, this.destinationList(rows), clear);
    }
  }

  /** One item per destination: status, why it is needed, per-AZ status, where it is blocked (each reason once) and the fixes (each once). */
  private destinationList(rows: readonly DestinationRow[]): HTMLUListElement {
    const list = h('ul');
    for (const row of rows) {
      const head = [h('span', { className: `status-${row.status}`, text: `${statusIcon[row.status]} ` }), h('span', { className: 'dest' }, wrappableNodes(row.label)), document.createTextNode(` — ${statusWord[row.status]}`)];
      if (row.needed === true) head.push(document.createTextNode(' '), h('span', { className: 'needed', text: 'needed', title: row.neededBecause.join('\n') }));
      const item = h('li', {}, head);
      if (row.needed === true && row.neededBecause.length > 0) item.appendChild(h('div', { className: 'because' }, wrappableNodes(`because ${row.neededBecause.join('; ')}`)));
      const explained = new Set(row.blocked.flatMap((g) => g.azs));
      const byStatus = new Map<PathStatus, string[]>();
      for (const az of row.perAz) if (!explained.has(az.az)) byStatus.set(az.status, [...(byStatus.get(az.status) ?? []), az.az]);
      for (const [status, azs] of byStatus) item.appendChild(h('div', { className: 'az' }, [h('span', { className: `status-${status}`, text: `${statusIcon[status]} ` }), document.createTextNode(azs.join(', '))]));
      for (const group of row.blocked) {
        item.appendChild(h('div', { className: 'az' }, [h('span', { className: 'status-no', text: `${statusIcon.no} ` }), document.createTextNode(`${group.azs.join(', ')}:`)]));
        item.appendChild(h('div', { className: 'note' }, wrappableNodes(group.where)));
      }
      if (row.fixes.length > 0) {
        const scope = row.fixFor.length > 0 ? ` for ${row.fixFor.join(', ')}` : '';
        item.appendChild(h('div', { className: 'fix-head', text: `${row.fixes.length > 1 ? 'Fix (any one)' : 'Fix'}${scope}:` }));
        item.appendChild(h('ul', { className: 'fixes' }, row.fixes.map((f) => h('li', {}, wrappableNodes(f)))));
      }
      list.appendChild(item);
    }
    return list;
  }

  // ------------------------------------------------------------------ toolbar, filters, search

  private toolbar(): HTMLElement {
    this.search.type = 'search';
    this.search.placeholder = 'Search (Enter: next)';
    this.search.setAttribute('aria-label', 'Search nodes');
    this.search.value = this.state.search;
    this.vpcSelect.setAttribute('aria-label', 'Filter by VPC');
    this.functionSelect.setAttribute('aria-label', 'Filter by function');
    this.stackSelect.setAttribute('aria-label', 'Unit to draw');
    this.stackSelect.title = 'This file belongs to several units (root modules or stacks): the one drawn';
    this.stackSelect.hidden = true;
    const button = (text: string, title: string, run: () => void): HTMLButtonElement => {
      const b = h('button', { text, title });
      b.addEventListener('click', run);
      return b;
    };
    return h('div', { className: 'toolbar' }, [
      this.search,
      this.vpcSelect,
      this.functionSelect,
      this.stackSelect,
      this.collapseButton,
      h('span', { className: 'spacer' }),
      button('−', 'Zoom out (-)', () => this.panZoom.zoomBy(1 / 1.25)),
      button('+', 'Zoom in (+)', () => this.panZoom.zoomBy(1.25)),
      button('Fit', 'Fit to window (0)', () => this.fitAll()),
      button('SVG', 'Export as SVG', () => void this.export('svg')),
      button('PNG', 'Export as PNG', () => void this.export('png')),
    ]);
  }

  private fillSelects(): void {
    const model = this.model;
    if (!model) return;
    const fill = (select: HTMLSelectElement, all: string, options: readonly PickerOption[], value: string | null): void => {
      select.replaceChildren(new Option(all, ''), ...[...options].sort((a, b) => a.label.localeCompare(b.label)).map((o) => new Option(o.label, o.id)));
      select.value = value ?? '';
    };
    const scope = model.scope;
    this.stackSelect.hidden = scope === undefined;
    if (scope !== undefined) {
      const units = [...scope.stacks].sort((a, b) => a.label.localeCompare(b.label)).map((s) => new Option(s.label, s.id));
      this.stackSelect.replaceChildren(...units, new Option(`Whole workspace (${scope.stacks.length} units)`, allStacks));
      this.stackSelect.value = scope.shown ?? allStacks;
    }
    fill(this.vpcSelect, 'All VPCs', pickerOptions(model.nodes.filter((n) => n.kind === 'vpc'), model.nodes), this.state.vpc);
    fill(this.functionSelect, 'All functions', pickerOptions(model.functions, model.nodes), this.state.fn);
  }

  private applySearch(move: boolean): void {
    const scene = this.scene;
    const layout = this.layout;
    if (!scene || !layout) return;
    const query = this.search.value.trim().toLowerCase();
    for (const el of Array.from(scene.querySelectorAll('.node.match'))) el.classList.remove('match');
    if (query === '') return;
    const drawn = new Map(layout.nodes.map((n) => [n.id, n]));
    const byId = new Map(this.model?.nodes.map((n) => [n.id, n]));
    const found = new Set<string>();
    for (const n of this.model?.nodes ?? []) {
      if (isContainerKind(n.kind) || !(n.label.toLowerCase().includes(query) || (n.detail ?? '').toLowerCase().includes(query))) continue;
      // A match folded into a collapsed box marks that box; one filtered out of the view marks nothing.
      for (let a: DiagramNode | undefined = n; a; a = a.parent === null ? undefined : byId.get(a.parent)) {
        if (!drawn.has(a.id)) continue;
        if (a.id === n.id || drawn.get(a.id)?.node.hidden !== undefined) found.add(a.id);
        break;
      }
    }
    const matches = layout.nodes.filter((n) => found.has(n.id));
    for (const m of matches) scene.querySelector(`[data-id="${CSS.escape(m.id)}"]`)?.classList.add('match');
    if (move && matches.length > 0) {
      this.matchIndex = (this.matchIndex + 1) % matches.length;
      const target = matches[this.matchIndex];
      if (target) this.panZoom.centerOn(target);
    }
  }

  private toggleCollapsed(id: string): void {
    const collapsed = new Set(this.collapsedNow());
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    this.state = { ...this.state, collapsed: [...collapsed].sort() };
    this.save();
    void this.relayout();
  }

  // ------------------------------------------------------------------ events

  private wireEvents(): void {
    this.search.addEventListener('input', () => {
      this.state = { ...this.state, search: this.search.value };
      this.matchIndex = -1;
      this.save();
      this.applySearch(false);
    });
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.applySearch(true);
    });
    // A filter opens a new picture: its readable automatic view, whatever view the previous one had.
    this.vpcSelect.addEventListener('change', () => {
      this.state = { ...this.state, vpc: this.vpcSelect.value || null, moved: false, fitAll: false };
      this.save();
      void this.relayout({ fit: true });
    });
    this.functionSelect.addEventListener('change', () => {
      const fn = this.functionSelect.value || null;
      this.state = { ...this.state, fn, selected: fn ?? this.state.selected, moved: false, fitAll: false };
      this.save();
      void this.relayout({ fit: true });
    });
    // Another unit is another diagram: the host asks the server for it.
    this.stackSelect.addEventListener('change', () => {
      this.state = { ...this.state, moved: false, fitAll: false };
      this.save();
      this.host.post({ type: 'scope', stack: this.stackSelect.value });
    });
    this.collapseButton.addEventListener('click', () => {
      const azs = this.model?.nodes.filter((n) => n.kind === 'az').map((n) => n.id) ?? [];
      const now = this.collapsedNow();
      const allCollapsed = azs.every((id) => now.includes(id));
      const others = now.filter((id) => !azs.includes(id));
      this.state = { ...this.state, collapsed: allCollapsed ? others : [...others, ...azs].sort() };
      this.save();
      void this.relayout();
    });
    this.surface.addEventListener('click', (e) => this.onClick(e));
    this.surface.addEventListener('dblclick', (e) => {
      const node = this.nodeAt(e.target);
      if (node && isCollapsibleKind(node.kind)) this.toggleCollapsed(node.id);
    });
    this.surface.addEventListener('pointerover', (e) => this.onHover(e));
    this.surface.addEventListener('pointerleave', () => (this.hovercard.hidden = true));
    this.surface.addEventListener('pointermove', (e) => this.placeHovercard(e.clientX, e.clientY));
    document.addEventListener('keydown', (e) => this.onKey(e));
    // Resizing fires once per frame while the user drags the sash: one refit per frame at most.
    let refit = 0;
    window.addEventListener('resize', () => {
      if (refit !== 0) return;
      refit = requestAnimationFrame(() => {
        refit = 0;
        if (!this.state.moved && this.scene) this.autoFit();
      });
    });
  }

  private nodeAt(target: EventTarget | null): DiagramNode | undefined {
    const el = target instanceof Element ? target.closest('[data-id]') : null;
    const id = el?.getAttribute('data-id');
    return id ? this.model?.nodes.find((n) => n.id === id) : undefined;
  }

  private activate(node: DiagramNode): void {
    if (node.kind === 'function') this.select(node.id);
    if (node.location) this.host.post({ type: 'reveal', location: node.location });
  }

  private onClick(e: MouseEvent): void {
    const node = this.nodeAt(e.target);
    if (node) {
      if (node.kind !== 'function' && isCollapsibleKind(node.kind) && e.detail > 1) return;
      this.activate(node);
    } else if (e.target === this.surface || (e.target instanceof Element && e.target.classList.contains('hl-diagram'))) {
      this.surface.focus();
    }
  }

  private onHover(e: PointerEvent): void {
    const target = e.target instanceof Element ? e.target : null;
    const line = target?.closest('[data-line]')?.getAttribute('data-line');
    const node = this.nodeAt(target);
    this.hovercard.replaceChildren();
    if (line && this.layout) {
      const edge = this.layout.edges.find((l) => l.id === line);
      const selected = this.state.selected;
      const members = edge?.members.filter((m) => selected === null || m.functionId === selected || m.source === selected) ?? [];
      const notes = [...new Set(members.map((m) => m.note).filter((n): n is string => n !== undefined))];
      const destinations = [...new Set(members.flatMap((m) => (m.destination === undefined ? [] : [this.model && m.functionId !== undefined ? destinationLabel(this.model, m.functionId, m.destination) : m.destination])))];
      if (notes.length === 0 && destinations.length === 0) {
        this.hovercard.hidden = true;
        return;
      }
      this.hovercard.append(h('div', { className: 'head', text: notes.length > 0 ? 'Blocked' : `Path to ${destinations.join(', ')}` }));
      for (const n of notes.slice(0, 6)) this.hovercard.append(h('div', { text: n }));
    } else if (node) {
      this.hovercard.append(h('div', { className: 'head', text: node.label }));
      if (node.detail) this.hovercard.append(h('div', { text: node.detail }));
      for (const f of node.facts) this.hovercard.append(h('div', { text: f }));
      if (node.location) this.hovercard.append(h('div', { className: 'legend', text: this.host.standalone ? `${node.location.uri}:${node.location.line + 1}` : 'Click to reveal the declaration' }));
    } else {
      this.hovercard.hidden = true;
      return;
    }
    this.hovercard.hidden = false;
    this.placeHovercard(e.clientX, e.clientY);
  }

  private placeHovercard(x: number, y: number): void {
    if (this.hovercard.hidden) return;
    const r = this.hovercard.getBoundingClientRect();
    this.hovercard.style.left = `${Math.min(x + 14, window.innerWidth - r.width - 8)}px`;
    this.hovercard.style.top = `${y + 16 + r.height > window.innerHeight ? y - r.height - 10 : y + 16}px`;
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('input, select, button')) {
      if (e.key === 'Escape' && target === this.search) {
        this.search.value = '';
        this.search.dispatchEvent(new Event('input'));
      }
      return;
    }
    const step = 60;
    switch (e.key) {
      case 'ArrowLeft':
        this.panZoom.panBy(step, 0);
        break;
      case 'ArrowRight':
        this.panZoom.panBy(-step, 0);
        break;
      case 'ArrowUp':
        this.panZoom.panBy(0, step);
        break;
      case 'ArrowDown':
        this.panZoom.panBy(0, -step);
        break;
      case '+':
      case '=':
        this.panZoom.zoomBy(1.25);
        break;
      case '-':
      case '_':
        this.panZoom.zoomBy(1 / 1.25);
        break;
      case '0':
        this.fitAll();
        break;
      case 'Escape':
        this.select(null);
        break;
      case 'Enter':
      case ' ': {
        const node = this.nodeAt(target);
        if (!node) return;
        if (node.kind !== 'function' && isCollapsibleKind(node.kind)) this.toggleCollapsed(node.id);
        else this.activate(node);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  }

  // ------------------------------------------------------------------ export and state

  private async export(format: ExportFormat): Promise<void> {
    const scene = this.scene;
    if (!scene) return;
    const data = format === 'svg' ? exportSvg(scene) : await exportPng(scene);
    if (!this.host.standalone) {
      this.host.post({ type: 'export', format, data });
      return;
    }
    const url = format === 'svg' ? URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' })) : data;
    const a = h('a');
    a.href = url;
    a.download = `topology.${format}`;
    a.click();
    if (format === 'svg') setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** Fit: the whole picture, however small; automatic refits keep showing all of it until the user zooms or pans. */
  private fitAll(): void {
    this.state = { ...this.state, moved: false, fitAll: true };
    this.panZoom.fit();
  }

  private saveTransform(t: ViewTransform, byUser: boolean): void {
    // Zooming or panning ends the Fit mode: the user's own view is kept from then on.
    this.state = { ...this.state, transform: t, moved: this.state.moved || byUser, fitAll: byUser ? false : this.state.fitAll };
    this.save();
  }

  private save(): void {
    this.host.setState(this.state);
  }
}

function start(): void {
  const style = document.createElement('style');
  // The page's CSP allows styles by nonce only; the nonce is this script's own.
  const nonce = document.currentScript instanceof HTMLScriptElement ? document.currentScript.nonce : '';
  if (nonce) style.nonce = nonce;
  style.textContent = `${panelCss}\n${diagramCss(themeColour)}`;
  document.head.appendChild(style);
  const host = connectHost();
  const boot = (): void => {
    const app = new TopologyApp(host);
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostToWebviewMessage(event.data)) app.receive(event.data);
      else host.post({ type: 'log', message: 'ignored a malformed message' });
    });
    if (host.standalone) {
      // The HTML export embeds the diagram as JSON in a non-executed script element.
      const embedded = document.getElementById('hyperplane-lens-diagram')?.textContent;
      const model: unknown = embedded ? JSON.parse(embedded) : undefined;
      if (isDiagramModel(model)) void app.showDiagram(model);
    }
    host.post({ type: 'ready' });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
}

start();
