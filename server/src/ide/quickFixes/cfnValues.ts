// The values a CloudFormation quick fix writes (references, lists, maps), rendered in the template's own
// syntax: YAML short-form tags in block style, or JSON with Fn:: long forms, in the file's indentation.

export type CfnFixValue =
  | string
  | number
  | boolean
  | { readonly $ref: string }
  | { readonly $getAtt: readonly [string, string] }
  | { readonly $sub: string }
  | readonly CfnFixValue[]
  | { readonly [key: string]: CfnFixValue };

type Tagged = { readonly $ref: string } | { readonly $getAtt: readonly [string, string] } | { readonly $sub: string };

function tagged(v: CfnFixValue): v is Tagged {
  return typeof v === 'object' && !Array.isArray(v) && ('$ref' in v || '$getAtt' in v || '$sub' in v);
}

/** A scalar or intrinsic written on one line, or undefined for lists and maps. */
function inlineYaml(v: CfnFixValue): string | undefined {
  if (typeof v === 'string') return /^[\w./:-]+$/.test(v) && !/^(true|false|yes|no|null|~|\d|-)/i.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (tagged(v)) {
    if ('$ref' in v) return `!Ref ${v.$ref}`;
    if ('$getAtt' in v) return `!GetAtt ${v.$getAtt[0]}.${v.$getAtt[1]}`;
    return `!Sub ${v.$sub}`;
  }
  return undefined;
}

/**
 * A value in YAML flow style (`{IpProtocol: tcp, FromPort: 443}`, `[!Ref A, !Ref B]`), for templates written
 * that way. Inside flow collections `{`, `}`, `[`, `]` and `,` end a plain scalar, so a `!Sub` is quoted.
 */
export function flowYaml(v: CfnFixValue): string {
  if (tagged(v) && '$sub' in v) return `!Sub ${JSON.stringify(v.$sub)}`;
  const inline = inlineYaml(v);
  if (inline !== undefined) return inline;
  if (Array.isArray(v)) return `[${(v as readonly CfnFixValue[]).map(flowYaml).join(', ')}]`;
  return `{${Object.entries(v as Record<string, CfnFixValue>).map(([k, val]) => `${k}: ${flowYaml(val)}`).join(', ')}}`;
}

/** JSON on one line with a space after `:` and `,` (the way people write a short value inline). */
export function inlineJson(v: CfnFixValue): string {
  const render = (x: unknown): string => {
    if (Array.isArray(x)) return `[${x.map(render).join(', ')}]`;
    if (x !== null && typeof x === 'object') return `{${Object.entries(x).map(([k, val]) => `${JSON.stringify(k)}: ${render(val)}`).join(', ')}}`;
    return JSON.stringify(x);
  };
  return render(toJson(v));
}

/** YAML lines (without the leading indentation) for a value that follows `key:` or `- `. */
export function yamlLines(v: CfnFixValue): string[] {
  const inline = inlineYaml(v);
  if (inline !== undefined) return [inline];
  if (Array.isArray(v)) return (v as readonly CfnFixValue[]).flatMap((item) => prefixed('- ', yamlItem(item)));
  return Object.entries(v as Record<string, CfnFixValue>).flatMap(([k, val]) => {
    const one = inlineYaml(val);
    return one !== undefined ? [`${k}: ${one}`] : [`${k}:`, ...yamlLines(val).map((l) => '  ' + l)];
  });
}

function yamlItem(v: CfnFixValue): string[] {
  const inline = inlineYaml(v);
  return inline !== undefined ? [inline] : yamlLines(v);
}

function prefixed(first: string, lines: string[]): string[] {
  return lines.map((l, i) => (i === 0 ? first : ' '.repeat(first.length)) + l);
}

function toJson(v: CfnFixValue): unknown {
  if (tagged(v)) {
    if ('$ref' in v) return { Ref: v.$ref };
    if ('$getAtt' in v) return { 'Fn::GetAtt': [...v.$getAtt] };
    return { 'Fn::Sub': v.$sub };
  }
  if (Array.isArray(v)) return (v as readonly CfnFixValue[]).map(toJson);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, CfnFixValue>).map(([k, val]) => [k, toJson(val)]));
  return v;
}

/** JSON text for a value, its continuation lines indented by `indent` (the indentation of the line it starts on). */
export function jsonText(v: CfnFixValue, indent: string, unit: string): string {
  return JSON.stringify(toJson(v), null, unit).split('\n').join('\n' + indent);
}
