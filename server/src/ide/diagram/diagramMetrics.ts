// Box sizes and text fitting for the diagram, computed without a DOM so the panel (browser) and the CLI
// (Node) lay out and truncate labels identically. Widths are a conservative estimate for a UI sans font.

import type { DiagramNodeKind } from '../../protocol/diagram';

export const labelFontSize = 12;
export const detailFontSize = 11;
export const titleFontSize = 12;

/** Average advance of a character at `fontSize`, slightly generous so estimated text never overflows. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += /[ilj.,:;|'![\]()]/.test(ch) ? 0.32 : /[A-Z_mwMW@#%]/.test(ch) ? 0.74 : 0.58;
  return units * fontSize;
}

/** Bold text (container titles) runs wider than the regular estimate; without this factor it overflowed its box. */
export const boldFactor = 1.12;

/** `text` cut to fit `width` with an ellipsis (the full text is in the node's tooltip). */
export function fitText(text: string, fontSize: number, width: number, bold = false): string {
  const measure = (t: string): number => textWidth(t, fontSize) * (bold ? boldFactor : 1);
  if (measure(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(text.slice(0, mid) + '…') <= width) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}

/**
 * A resource address (`module.x.aws_vpc_endpoint.sts`, `VpcStack/PrivateSubnet0`) cut to fit `width` keeping
 * its end, which tells siblings apart: the longest tail starting at a `.`, `/` or `[` boundary after an
 * ellipsis ("…aws_vpc_endpoint.sts"); when not even the last name fits, as much of its end as fits. Fourteen endpoints of one module all read "module.aft_account_request_…" when cut at the end.
 * Prose ("Lambda service VPC (AWS-managed)", anything with a space) is cut at the end as fitText does.
 */
export function fitAddress(text: string, fontSize: number, width: number, bold = false): string {
  const measure = (t: string): number => textWidth(t, fontSize) * (bold ? boldFactor : 1);
  if (measure(text) <= width) return text;
  if (/\s/.test(text)) return fitText(text, fontSize, width, bold);
  const inModule = moduleKeepingCut(text, measure, width);
  if (inModule !== undefined) return inModule;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i - 1);
    // After a `.` or `/`, or before a `[`: where a name or an index starts.
    if (c !== 0x2e && c !== 0x2f && text.charCodeAt(i) !== 0x5b) continue;
    const tail = `…${text.slice(i)}`;
    if (measure(tail) <= width) return tail;
  }
  // Not even the last name fits: its end, which differs between siblings more than a shared start does.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`…${text.slice(text.length - mid)}`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `…${text.slice(text.length - lo)}`;
}

/** `module.<name>.` (or `module.<name>[key].`) followed by a Terraform resource type and a name, at the end. */
const moduleResource = /^(.*?)((?:^|\.)module\.)([^.]+)\.[a-z][a-z0-9]*_[a-z0-9_]+\.([^.]+)$/;

/**
 * A Terraform address inside a module with its resource type left out ("module.fn_core_0.…this", else
 * "…fn_core_0.…this"): the box's badge says the kind, and a module's instances all end in the same type and
 * name (every function of a 10,000-resource workspace read "…aws_lambda_function.this"). Undefined when the
 * address is not in a module or even the short form does not fit.
 */
function moduleKeepingCut(text: string, measure: (t: string) => number, width: number): string | undefined {
  const m = moduleResource.exec(text);
  if (m === null) return undefined;
  const [, before, keyword, module, name] = m;
  for (const candidate of [`${before}${keyword}${module}.…${name}`, `…${module}.…${name}`]) if (measure(candidate) <= width) return candidate;
  return undefined;
}

/** Left and right inset of a container's title. */
export const containerInset = 10;
/** A container grows to show its whole title up to this width; longer titles are cut (tooltip has them). */
export const maxContainerTitleWidth = 480;

/** The least width of a container: its bold title and its subtitle whole (a box holding nothing else too). */
export function containerMinWidth(label: string, detail: string | undefined): number {
  const text = Math.max(textWidth(label, titleFontSize) * boldFactor, detail === undefined ? 0 : textWidth(detail, detailFontSize));
  return Math.round(Math.min(maxContainerTitleWidth, Math.max(minLeafWidth, text + 2 * containerInset + 2)));
}

/** Room for a badge's text inside its rectangle. */
export const badgeTextRoom = 24;

/**
 * Estimated width of a badge's bold capitals at 10px ("WWW" and "EIGW" are wider than the badge): past
 * `badgeTextRoom`, the scene squeezes the text to fit instead of letting it spill over the label.
 */
export function badgeTextWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += /[WM]/.test(ch) ? 1.05 : /[Iλ]/.test(ch) ? 0.45 : 0.78;
  return units * 10;
}

export const leafHeight = 46;
export const minLeafWidth = 150;
export const maxLeafWidth = 250;
/** Width of the kind badge at the left of a leaf box. */
export const badgeWidth = 34;
export const leafPadding = 8;

export function leafWidth(label: string, detail: string | undefined): number {
  const text = Math.max(textWidth(label, labelFontSize), detail === undefined ? 0 : textWidth(detail, detailFontSize));
  return Math.round(Math.min(maxLeafWidth, Math.max(minLeafWidth, text + badgeWidth + 3 * leafPadding)));
}

/** Top padding of a container: room for its title (and a detail line). */
export function containerTopPadding(hasDetail: boolean): number {
  return hasDetail ? 40 : 28;
}

/** The short text in a leaf's badge. */
export function badgeText(kind: DiagramNodeKind, detail: string | undefined): string {
  switch (kind) {
    case 'function':
      return 'λ';
    case 'hyperplane-eni':
      return 'ENI';
    case 'nat-gateway':
      return 'NAT';
    case 'internet-gateway':
      return 'IGW';
    case 'egress-only-internet-gateway':
      return 'EIGW';
    case 'gateway-endpoint':
      return 'GWE';
    case 'interface-endpoint':
      return 'VPCE';
    case 'target':
      return 'TGT';
    case 'aws-service':
      return serviceBadge(detail);
    case 'internet':
      return 'WWW';
    case 'capacity-provider':
      return 'LMI';
    case 'vpc-peering':
      return 'PCX';
    case 'cloud':
    case 'region':
    case 'lambda-service-vpc':
    case 'vpc':
    case 'az':
    case 'subnet':
      return '';
  }
}

function serviceBadge(label: string | undefined): string {
  if (label === undefined) return 'AWS';
  const known: Record<string, string> = { 'Amazon S3': 'S3', 'Amazon DynamoDB': 'DDB', 'Amazon SQS': 'SQS', 'Amazon SNS': 'SNS' };
  return known[label] ?? 'AWS';
}
