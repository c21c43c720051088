// The self-contained interactive HTML export: the webview bundle inlined, the diagram embedded as a JSON
// data element (never as script source), a CSP that allows only the page's own nonce'd script and style
// (and the layout's worker from a blob: URL the page makes).

import type { DiagramModel } from '../../protocol/diagram';
import { colourRoles } from './diagramStyle';

/** JSON that cannot end the surrounding element: every `<` (so `</script>` and `<!--`) is \u003c. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Script text that cannot close its element or open an HTML comment early. */
function inlineScript(js: string): string {
  return js.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n').replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** `nonce`: base64 of random bytes (the caller's node:crypto), used once per export. */
export function diagramHtml(model: DiagramModel, webviewJs: string, nonce: string): string {
  // Outside VS Code there are no theme variables: follow the system's dark mode with the Dark+ values.
  const dark = Object.values(colourRoles)
    .map((c) => `${c.variable}: ${c.dark};`)
    .join(' ');
  // worker-src blob: the layout runs in a Web Worker started from a blob: URL the page makes (no other file).
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data: blob:; worker-src blob:`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hyperplane Lens topology</title>
<style nonce="${nonce}">
@media (prefers-color-scheme: dark) { :root { ${dark} --vscode-editor-background: #1f1f1f; --vscode-foreground: #cccccc; --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc; --vscode-editorHoverWidget-background: #202020; --vscode-editorHoverWidget-foreground: #cccccc; } }
</style>
<script type="application/json" id="hyperplane-lens-diagram">${jsonForHtml(model)}</script>
</head>
<body>
<script nonce="${nonce}">${inlineScript(webviewJs)}</script>
</body>
</html>
`;
}
