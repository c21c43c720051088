// The panel chrome's stylesheet (toolbar, details pane, hover card), from VS Code theme variables.

export const panelCss = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { background: var(--vscode-editor-background, #fff); color: var(--vscode-foreground, #3b3b3b); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); display: flex; flex-direction: column; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #e5e5e5); }
.toolbar input, .toolbar select { background: var(--vscode-input-background, #fff); color: var(--vscode-input-foreground, #3b3b3b); border: 1px solid var(--vscode-input-border, var(--vscode-panel-border, #cecece)); padding: 3px 6px; font: inherit; border-radius: 2px; }
.toolbar input { width: 14em; }
.toolbar select { max-width: 16em; }
.toolbar button { background: var(--vscode-button-secondaryBackground, #e5e5e5); color: var(--vscode-button-secondaryForeground, #3b3b3b); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 9px; font: inherit; border-radius: 2px; cursor: pointer; }
.toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, #ccc); }
.toolbar button[aria-pressed="true"] { background: var(--vscode-button-background, #005fb8); color: var(--vscode-button-foreground, #fff); }
.toolbar :focus-visible, .details :focus-visible { outline: 1px solid var(--vscode-focusBorder, #005fb8); outline-offset: 1px; }
.toolbar .spacer { flex: 1; }
.main { flex: 1; display: flex; min-height: 0; }
.surface { flex: 1; min-width: 0; height: 100%; display: block; cursor: grab; touch-action: none; }
.surface.dragging { cursor: grabbing; }
.surface:focus { outline: none; }
.details { width: 250px; flex: none; overflow-x: hidden; overflow-y: auto; overflow-wrap: anywhere; border-left: 1px solid var(--vscode-panel-border, #e5e5e5); padding: 8px 10px; font-size: 12px; }
.details[hidden] { display: none; }
/* A panel beside the editor is narrow: the pane beside the diagram left it a 350 px strip and a thumbnail of
   a picture that flows left to right. There the pane goes below, at most 40 % of the height, scrolling. */
@media (max-width: 899px) {
  .main { flex-direction: column; }
  .surface { height: auto; min-height: 0; flex: 1 1 0; }
  .details { width: auto; max-height: 40%; border-left: none; border-top: 1px solid var(--vscode-panel-border, #e5e5e5); }
}
.details h2 { font-size: 13px; margin: 2px 0 6px; }
.details h3 { font-size: 12px; margin: 10px 0 2px; color: var(--vscode-descriptionForeground, #717171); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
.details ul { list-style: none; margin: 0; padding: 0; }
.details li { margin: 6px 0; }
.details .dest { font-weight: 600; }
.details .needed { font-size: 11px; padding: 0 4px; border-radius: 3px; background: var(--vscode-badge-background, #616161); color: var(--vscode-badge-foreground, #fff); }
.details .because { margin-left: 18px; color: var(--vscode-descriptionForeground, #717171); font-style: italic; }
.details .fix-head { margin: 2px 0 0 18px; }
.details ul.fixes { list-style: disc; margin: 0 0 0 32px; padding: 0; }
.details ul.fixes li { margin: 1px 0; }
.details .az { margin-left: 18px; color: var(--vscode-descriptionForeground, #717171); }
.details .note { margin-left: 32px; white-space: pre-wrap; color: var(--vscode-descriptionForeground, #717171); }
.status-yes { color: var(--vscode-testing-iconPassed, #388a34); }
.status-no { color: var(--vscode-errorForeground, #e51400); }
.status-partial, .status-unknown { color: var(--vscode-editorWarning-foreground, #bf8803); }
.details button.clear { background: none; border: none; color: var(--vscode-textLink-foreground, #005fb8); cursor: pointer; padding: 0; font: inherit; }
.hovercard { position: fixed; z-index: 10; max-width: 420px; pointer-events: none; background: var(--vscode-editorHoverWidget-background, #f8f8f8); color: var(--vscode-editorHoverWidget-foreground, #3b3b3b); border: 1px solid var(--vscode-editorHoverWidget-border, #c8c8c8); padding: 6px 8px; font-size: 12px; white-space: pre-wrap; word-break: break-word; box-shadow: 0 2px 8px var(--vscode-widget-shadow, rgba(0,0,0,.16)); }
.hovercard[hidden] { display: none; }
.hovercard .head { font-weight: 600; }
.message { padding: 24px; color: var(--vscode-descriptionForeground, #717171); }
.message[hidden] { display: none; }
.message p { margin: 0 0 12px; max-width: 40em; }
.message button { background: var(--vscode-button-background, #005fb8); color: var(--vscode-button-foreground, #fff); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; font: inherit; border-radius: 2px; cursor: pointer; }
.message button:hover { background: var(--vscode-button-hoverBackground, #0258a8); }
.legend { font-size: 11px; color: var(--vscode-descriptionForeground, #717171); }
.edge-hit { fill: none; stroke: transparent; stroke-width: 10; pointer-events: stroke; }
`;
