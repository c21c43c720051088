// The diagram's stylesheet, shared by the panel and the exports. Colours are named roles mapped to VS Code
// theme variables (so light, dark and high-contrast themes all work); exports resolve them to fixed colours.

export type ColourRole =
  | 'fg'
  | 'muted'
  | 'bg'
  | 'surface'
  | 'focus'
  | 'ok'
  | 'blocked'
  | 'unknown'
  | 'vpc'
  | 'az'
  | 'public'
  | 'private'
  | 'lambda'
  | 'eni'
  | 'gateway'
  | 'service';

/** Theme variable and its Light+/Dark+ values (the light one is the fallback outside VS Code). */
export const colourRoles: Readonly<Record<ColourRole, { readonly variable: string; readonly light: string; readonly dark: string }>> = {
  fg: { variable: '--vscode-foreground', light: '#3b3b3b', dark: '#cccccc' },
  muted: { variable: '--vscode-descriptionForeground', light: '#717171', dark: '#9d9d9d' },
  bg: { variable: '--vscode-editor-background', light: '#ffffff', dark: '#1f1f1f' },
  surface: { variable: '--vscode-editorWidget-background', light: '#f8f8f8', dark: '#252526' },
  focus: { variable: '--vscode-focusBorder', light: '#005fb8', dark: '#0078d4' },
  ok: { variable: '--vscode-testing-iconPassed', light: '#388a34', dark: '#73c991' },
  blocked: { variable: '--vscode-errorForeground', light: '#e51400', dark: '#f85149' },
  unknown: { variable: '--vscode-editorWarning-foreground', light: '#bf8803', dark: '#cca700' },
  vpc: { variable: '--vscode-charts-purple', light: '#652d90', dark: '#b180d7' },
  az: { variable: '--vscode-charts-blue', light: '#1a85ff', dark: '#3794ff' },
  public: { variable: '--vscode-charts-green', light: '#388a34', dark: '#89d185' },
  private: { variable: '--vscode-charts-blue', light: '#1a85ff', dark: '#3794ff' },
  lambda: { variable: '--vscode-charts-orange', light: '#d18616', dark: '#d18616' },
  eni: { variable: '--vscode-charts-purple', light: '#652d90', dark: '#b180d7' },
  gateway: { variable: '--vscode-charts-green', light: '#388a34', dark: '#89d185' },
  service: { variable: '--vscode-charts-yellow', light: '#bf8803', dark: '#cca700' },
};

/** In the panel: the theme variable with the Light+ value as fallback. */
export function themeColour(role: ColourRole): string {
  const c = colourRoles[role];
  return `var(${c.variable}, ${c.light})`;
}

/** For exports: a fixed palette. */
export function fixedColour(theme: 'light' | 'dark'): (role: ColourRole) => string {
  return (role) => colourRoles[role][theme];
}

/** The stylesheet; `c` maps each role to a CSS colour (a var() in the panel, a value in exports). */
export function diagramCss(c: (role: ColourRole) => string, fontFamily = "var(--vscode-font-family, 'Segoe UI', system-ui, -apple-system, sans-serif)"): string {
  return `
.hl-diagram { font-family: ${fontFamily}; font-size: 12px; color: ${c('fg')}; }
.hl-diagram text { fill: ${c('fg')}; dominant-baseline: middle; }
.hl-diagram text.detail, .hl-diagram text.subtitle { fill: ${c('muted')}; font-size: 11px; }
.hl-diagram text.title { font-weight: 600; }
.hl-diagram .box { stroke-width: 1.2; fill: ${c('bg')}; stroke: ${c('muted')}; }
.hl-diagram .container > .box { fill: none; }
.hl-diagram .kind-cloud > .box { stroke: ${c('fg')}; stroke-width: 1.6; }
.hl-diagram .kind-region > .box { stroke: ${c('muted')}; stroke-dasharray: 7 4; }
.hl-diagram .kind-lambda-service-vpc > .box { stroke: ${c('lambda')}; stroke-width: 1.6; fill: ${c('lambda')}; fill-opacity: 0.05; }
.hl-diagram .kind-vpc > .box { stroke: ${c('vpc')}; stroke-width: 1.6; fill: ${c('vpc')}; fill-opacity: 0.04; }
.hl-diagram .kind-az > .box { stroke: ${c('az')}; stroke-dasharray: 5 3; }
.hl-diagram .kind-subnet > .box { stroke: ${c('private')}; fill: ${c('private')}; fill-opacity: 0.07; }
.hl-diagram .kind-subnet.subnet-public > .box { stroke: ${c('public')}; fill: ${c('public')}; fill-opacity: 0.08; }
.hl-diagram .kind-lambda-service-vpc > text.title { fill: ${c('lambda')}; }
.hl-diagram .kind-vpc > text.title { fill: ${c('vpc')}; }
.hl-diagram .kind-az > text.title { fill: ${c('az')}; }
.hl-diagram .kind-subnet > text.title { fill: ${c('private')}; }
.hl-diagram .kind-subnet.subnet-public > text.title { fill: ${c('public')}; }
.hl-diagram .leaf > .box { fill: ${c('surface')}; stroke: ${c('muted')}; }
.hl-diagram .leaf > .badge { fill: ${c('muted')}; }
.hl-diagram .leaf > text.badge-text { fill: ${c('bg')}; font-size: 10px; font-weight: 700; text-anchor: middle; }
.hl-diagram .kind-function > .badge, .hl-diagram .kind-capacity-provider > .badge { fill: ${c('lambda')}; }
.hl-diagram .kind-function > .box { stroke: ${c('lambda')}; }
.hl-diagram .kind-hyperplane-eni > .badge, .hl-diagram .kind-interface-endpoint > .badge { fill: ${c('eni')}; }
.hl-diagram .kind-hyperplane-eni > .box { stroke: ${c('eni')}; }
.hl-diagram .kind-nat-gateway > .badge, .hl-diagram .kind-internet-gateway > .badge, .hl-diagram .kind-egress-only-internet-gateway > .badge, .hl-diagram .kind-gateway-endpoint > .badge, .hl-diagram .kind-vpc-peering > .badge { fill: ${c('gateway')}; }
.hl-diagram .kind-aws-service > .badge { fill: ${c('service')}; }
.hl-diagram .kind-internet > .badge { fill: ${c('az')}; }
.hl-diagram .node.collapsed > .box { stroke-dasharray: none; stroke-width: 2; fill: ${c('surface')}; fill-opacity: 1; }
.hl-diagram .edge { fill: none; stroke-width: 1.3; stroke-linejoin: round; }
.hl-diagram .edge-eni-link { stroke: ${c('lambda')}; stroke-opacity: 0.75; }
.hl-diagram .edge-path { stroke: ${c('muted')}; stroke-opacity: 0.6; }
.hl-diagram .edge-peering { stroke: ${c('vpc')}; stroke-width: 2; stroke-opacity: 0.7; }
.hl-diagram .edge-path.blocked { stroke: ${c('blocked')}; stroke-dasharray: 5 4; stroke-opacity: 0.22; }
.hl-diagram .marker-neutral { fill: ${c('muted')}; }
.hl-diagram .marker-ok { fill: ${c('ok')}; }
.hl-diagram .marker-blocked { stroke: ${c('blocked')}; stroke-width: 2; fill: none; }
.hl-diagram .marker-unknown { fill: ${c('unknown')}; }
.hl-diagram .marker-lambda { fill: ${c('lambda')}; }
.hl-diagram.has-selection .node.leaf:not(.on-path) { opacity: 0.35; }
.hl-diagram.has-selection .edge:not(.on-path) { stroke-opacity: 0.12; }
.hl-diagram .edge.on-path { stroke-width: 2.6; stroke-opacity: 1; stroke-dasharray: none; }
.hl-diagram .edge.on-path.status-yes { stroke: ${c('ok')}; marker-end: url(#hl-arrow-ok); }
.hl-diagram .edge.on-path.status-no { stroke: ${c('blocked')}; stroke-dasharray: 7 4; }
.hl-diagram .edge.on-path.status-unknown { stroke: ${c('unknown')}; stroke-dasharray: 2 3; marker-end: url(#hl-arrow-unknown); }
.hl-diagram .edge.on-path.status-no { marker-end: url(#hl-cross); }
.hl-diagram .node.blocking > .box { stroke: ${c('blocked')}; stroke-width: 2.4; }
.hl-diagram .node.selected > .box { stroke: ${c('focus')}; stroke-width: 2.6; }
.hl-diagram .node.match > .box { stroke: ${c('focus')}; stroke-width: 2.2; stroke-dasharray: 3 2; }
.hl-diagram .node.leaf { cursor: pointer; }
.hl-diagram .node:focus { outline: none; }
.hl-diagram .node:focus-visible > .box { stroke: ${c('focus')}; stroke-width: 3; }
`;
}
