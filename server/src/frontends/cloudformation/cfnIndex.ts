// CfnIndex: what the editor asks of templates. A syntactic walk (done once per read) records every
// reference — `!Ref X`, `!GetAtt X.Attr`, `${X}` / `${X.Attr}` inside Fn::Sub, Fn::FindInMap, condition
// names, Fn::ImportValue, DependsOn — with its exact span, reports references to nothing
// ('cfn-invalid-reference'), and answers hovers lazily through the stack's evaluator (memoised there).

import type { DataEntry, DataMap, DataNode } from '../../syntax/data/ast';
import type { Span } from '../../syntax/text';
import { attributesOf, isUnknownAttribute } from './attributes';
import { subVarSpan, parseSub, unsupportedIntrinsicMessage, type CfnEvaluator } from './evaluate';
import type { CfnWorkspace } from './stacks';
import { asMap, child, intrinsicOf, keyName, scalarString, type CfnTemplate, type Intrinsic } from './template';
import { isCfnRef, isCfnUnknown, renderValue, type CfnValue } from './value';

export type CfnSymbolKind = 'parameter' | 'mapping' | 'condition' | 'resource' | 'output';
export type CfnReferenceKind = 'Ref' | 'GetAtt' | 'Sub' | 'FindInMap' | 'Condition' | 'ImportValue' | 'DependsOn';

export interface CfnDefinition {
  readonly file: string;
  /** The name's span: logical id key, parameter key, mapping key, condition key, or the exporting output key. */
  readonly span: Span;
  readonly kind: CfnSymbolKind | 'pseudo';
  readonly name: string;
}

export interface CfnOccurrence {
  readonly file: string;
  /** The name as written (`SubnetA` in `!Ref SubnetA`, `Vpc.CidrBlock` in `${Vpc.CidrBlock}`). */
  readonly span: Span;
  readonly kind: CfnReferenceKind;
  readonly name: string;
  readonly attribute?: string;
}

export interface CfnHover {
  readonly occurrence: CfnOccurrence;
  readonly value: CfnValue;
  /** The value rendered for a hover, or the unknown's reason. */
  readonly text: string;
  readonly unknownReason?: string;
  readonly definition?: CfnDefinition;
  readonly resourceType?: string;
  readonly allowedValues?: readonly (string | number | boolean | null)[];
  /**
   * For a template nested several times (stacks.ts), when another copy gives another value: the nesting path of
   * the copy `value` is from (`A`, `X/C`), then the other copies' values (up to MAX_COPY_HOVERS of them).
   */
  readonly copies?: { readonly first: string; readonly others: readonly CfnCopyValue[] };
}

/** The value of a reference in one further copy of a template nested several times. */
export interface CfnCopyValue {
  /** The copy's nesting path, as in its addresses without the trailing `/`: `B`, `root.yaml/A`. */
  readonly stack: string;
  readonly value: CfnValue;
}

/** Further copies a hover evaluates: enough to show that they differ, bounded for a template nested many times. */
const MAX_COPY_HOVERS = 4;

export interface CfnSymbol {
  readonly name: string;
  readonly kind: CfnSymbolKind;
  /** The resource type or parameter type. */
  readonly detail?: string;
  readonly span: Span;
  readonly nameSpan: Span;
}

/** Editor queries over the templates read by readCloudFormation. Offsets are UTF-16 offsets into the file's text. */
export interface CfnIndex {
  readonly templates: readonly string[];
  /** The innermost reference at `offset`, with its resolved value or the unknown's reason. */
  at(file: string, offset: number): CfnHover | undefined;
  /** Where `name` (logical id, parameter, mapping, condition) is defined in `file`. */
  definition(file: string, name: string): CfnDefinition | undefined;
  /** Every reference to `name` in `file`. */
  references(file: string, name: string): readonly CfnOccurrence[];
  /** Parameters, mappings, conditions, resources and outputs of `file`, in source order. */
  symbols(file: string): readonly CfnSymbol[];
}

interface Recorded extends CfnOccurrence {
  /** For FindInMap and ImportValue hovers: the whole call, evaluated on demand. */
  readonly node?: DataNode;
  /** The whole intrinsic (`!Ref Name` including the tag), so a cursor on the function name also finds it. */
  readonly extent?: Span;
}

const PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::StackName', 'AWS::StackId', 'AWS::URLSuffix', 'AWS::NoValue', 'AWS::NotificationARNs']);

class TemplateWalker {
  readonly occurrences: Recorded[] = [];
  private readonly loopIds = new Set<string>();
  /** Walking the Rules section, where the rule-only functions (Fn::ValueOf, Fn::EachMemberEquals…) are valid. */
  private inRules = false;

  constructor(
    private readonly t: CfnTemplate,
    private readonly ev: CfnEvaluator,
    private readonly ws: CfnWorkspace,
    private readonly text: string | undefined,
  ) {}

  private invalid(message: string, span: Span): void {
    this.ws.report({ code: 'cfn-invalid-reference', severity: 'error', message, file: this.t.path, span });
  }

  private isResource(name: string): boolean {
    return this.ev.resources.has(name);
  }

  private isRefName(name: string, locals: ReadonlySet<string>): boolean {
    return PSEUDO.has(name) || this.t.parameters.has(name) || this.isResource(name) || locals.has(name) || this.loopIds.has(name) || this.ev.implicitApi(name) !== undefined;
  }

  walkTemplate(): void {
    for (const e of this.t.forEachResources) this.collectLoopIds(e);
    for (const e of this.t.root.entries) {
      const section = keyName(e);
      if (section === 'Resources' || section === 'Outputs') {
        for (const r of asMap(e.value)?.entries ?? []) {
          if (keyName(r) === 'Fn::Transform') this.transform(r.value, r.key.span);
          const m = asMap(r.value);
          const cond = child(m, 'Condition');
          if (cond !== undefined) this.conditionName(cond);
          const deps = child(m, 'DependsOn');
          if (deps !== undefined) for (const d of deps.kind === 'seq' ? deps.items : [deps]) this.dependsOn(d);
          this.walk(r.value, new Set());
        }
      } else if (section === 'Rules') {
        this.inRules = true;
        this.walk(e.value, new Set());
        this.inRules = false;
      } else if (section === 'Conditions' || section === 'Globals') this.walk(e.value, new Set());
    }
  }

  private collectLoopIds(e: DataEntry): void {
    if (e.value.kind !== 'seq') return;
    const id = e.value.items[0] !== undefined ? scalarString(e.value.items[0]) : undefined;
    if (id !== undefined) this.loopIds.add(id);
    for (const inner of asMap(e.value.items[2])?.entries ?? []) if (keyName(inner).startsWith('Fn::ForEach::')) this.collectLoopIds(inner);
  }

  private dependsOn(d: DataNode): void {
    const name = scalarString(d);
    if (name === undefined) return;
    this.occurrences.push({ file: this.t.path, span: d.span, kind: 'DependsOn', name });
    if (!this.isResource(name) && !name.includes('${') && (name.includes('.') || this.ev.implicitApi(name) === undefined)) this.invalid(`DependsOn '${name}', which is not a resource of this template`, d.span);
  }

  private conditionName(node: DataNode): void {
    const name = scalarString(node);
    if (name === undefined) return;
    this.occurrences.push({ file: this.t.path, span: node.span, kind: 'Condition', name });
    if (!this.t.conditions.has(name)) this.invalid(`Condition '${name}' is not defined`, node.span);
  }

  private walk(node: DataNode, locals: ReadonlySet<string>): void {
    const fn = intrinsicOf(node);
    if (fn !== undefined) {
      this.intrinsic(fn, node, locals);
      return;
    }
    if (node.kind === 'map') {
      for (const e of node.entries) {
        // `Fn::Transform` beside other keys (an include among resources or properties).
        if (e.key.value === 'Fn::Transform') this.transform(e.value, e.key.span);
        this.walk(e.value, locals);
      }
    }
    else if (node.kind === 'seq') for (const i of node.items) this.walk(i, locals);
  }

  /** `AWS::Include` inserts a snippet from S3 at deploy time: what it adds is not read. */
  private transform(arg: DataNode, span: Span): void {
    const name = scalarString(child(asMap(arg), 'Name'));
    if (name !== 'AWS::Include') return;
    const location = scalarString(child(asMap(child(asMap(arg), 'Parameters')), 'Location'));
    this.ws.report({
      code: 'cfn-include-not-read',
      severity: 'warning',
      message: `AWS::Include inserts ${location !== undefined ? `'${location}'` : 'a snippet'} at deploy time; Hyperplane Lens does not read it, so what it adds is not analysed`,
      file: this.t.path,
      span,
    });
  }

  /** E1010: a GetAtt of an attribute the resource type does not have (checked for the types we model). */
  private checkAttribute(id: string, attr: string, span: Span): void {
    const r = this.ev.resources.get(id);
    if (r === undefined || !isUnknownAttribute(r.type, attr, (p) => child(r.properties, p) !== undefined)) return;
    this.ws.report({
      code: 'cfn-unknown-attribute',
      severity: 'warning',
      message: `${r.type} has no attribute '${attr}' (it has ${(attributesOf(r.type) ?? []).join(', ')}); CloudFormation rejects this Fn::GetAtt`,
      file: this.t.path,
      span,
    });
  }

  private intrinsic(fn: Intrinsic, whole: DataNode, locals: ReadonlySet<string>): void {
    const file = this.t.path;
    const { name, arg } = fn;
    switch (name) {
      case 'Ref': {
        const n = scalarString(arg);
        if (n === undefined) return this.walk(arg, locals);
        const dot = n.indexOf('.');
        if (!this.isRefName(n, locals) && dot > 0 && this.ev.samReference(n) !== undefined) {
          // `!Ref Fn.Version`: a reference to the function (SAM's generated version or alias).
          this.occurrences.push({ file, span: arg.span, kind: 'Ref', name: n.slice(0, dot), attribute: n.slice(dot + 1), extent: whole.span });
          return;
        }
        this.occurrences.push({ file, span: arg.span, kind: 'Ref', name: n, extent: whole.span });
        if (!this.isRefName(n, locals)) this.invalid(`Ref to '${n}', which is neither a parameter nor a resource of this template`, arg.span);
        return;
      }
      case 'Fn::GetAtt': {
        const s = scalarString(arg);
        let id: string | undefined;
        let attr: string | undefined;
        let span = arg.span;
        let attrSpan = arg.span;
        if (s !== undefined) {
          const dot = s.indexOf('.');
          id = dot > 0 ? s.slice(0, dot) : s;
          attr = dot > 0 ? s.slice(dot + 1) : undefined;
        } else if (arg.kind === 'seq' && arg.items[0] !== undefined) {
          id = scalarString(arg.items[0]);
          span = arg.items[0].span;
          const a = arg.items[1];
          attr = a !== undefined ? scalarString(a) : undefined;
          if (a !== undefined) attrSpan = a.span;
          if (a !== undefined && attr === undefined) this.walk(a, locals);
        }
        if (id === undefined) return;
        this.occurrences.push({ file, span, kind: 'GetAtt', name: id, extent: whole.span, ...(attr !== undefined ? { attribute: attr } : {}) });
        if (!this.isResource(id) && !id.includes('${') && !locals.has(id) && this.ev.implicitApi(id) === undefined) this.invalid(`Fn::GetAtt of '${id}', which is not a resource of this template`, span);
        else if (attr !== undefined) this.checkAttribute(id, attr, attrSpan);
        return;
      }
      case 'Fn::Sub': {
        let textNode: DataNode | undefined = arg;
        let inner = locals;
        if (arg.kind === 'seq') {
          textNode = arg.items[0];
          const vars = asMap(arg.items[1]);
          if (vars !== undefined) {
            inner = new Set([...locals, ...vars.entries.map(keyName)]);
            for (const e of vars.entries) this.walk(e.value, locals);
          }
        }
        const text = textNode !== undefined ? scalarString(textNode) : undefined;
        if (text === undefined || textNode === undefined) return;
        for (const part of parseSub(text)) {
          if (typeof part === 'string') continue;
          const span = subVarSpan(this.text, textNode.span, part.offset, part.name);
          const dot = part.name.indexOf('.');
          const base = dot > 0 ? part.name.slice(0, dot) : part.name;
          this.occurrences.push({ file, span, kind: 'Sub', name: inner.has(part.name) ? part.name : base, ...(dot > 0 && !inner.has(part.name) ? { attribute: part.name.slice(dot + 1) } : {}) });
          const ok = this.isRefName(part.name, inner) || (dot > 0 && (this.isResource(base) || inner.has(base) || this.ev.implicitApi(base) !== undefined));
          if (!ok) this.invalid(`\${${part.name}} names no parameter, resource or attribute of this template`, span);
          else if (dot > 0 && !inner.has(part.name) && !inner.has(base) && !this.isRefName(part.name, inner)) this.checkAttribute(base, part.name.slice(dot + 1), span);
        }
        return;
      }
      case 'Fn::FindInMap': {
        const m = arg.kind === 'seq' ? arg.items[0] : undefined;
        const mapName = m !== undefined ? scalarString(m) : undefined;
        if (m !== undefined && mapName !== undefined) {
          this.occurrences.push({ file, span: m.span, kind: 'FindInMap', name: mapName, node: whole });
          if (!this.t.mappings.has(mapName)) this.invalid(`Mapping '${mapName}' is not defined`, m.span);
        }
        if (arg.kind === 'seq') for (const i of arg.items.slice(1)) this.walk(i, locals);
        return;
      }
      case 'Fn::If': {
        const c = arg.kind === 'seq' ? arg.items[0] : undefined;
        if (c !== undefined) this.conditionName(c);
        if (arg.kind === 'seq') for (const i of arg.items.slice(1)) this.walk(i, locals);
        return;
      }
      case 'Condition':
        if (scalarString(arg) !== undefined) this.conditionName(arg);
        return;
      case 'Fn::Transform':
        this.transform(arg, fn.nameSpan);
        this.walk(arg, locals);
        return;
      case 'Fn::ImportValue':
        this.occurrences.push({ file, span: arg.span, kind: 'ImportValue', name: scalarString(arg) ?? '', node: whole });
        this.walk(arg, locals);
        return;
      default:
        if (!KNOWN_FUNCTIONS.has(name) && !(this.inRules && RULE_FUNCTIONS.has(name))) {
          this.ws.report({ code: 'cfn-unsupported-intrinsic', severity: 'warning', message: unsupportedIntrinsicMessage(fn.writtenName), file, span: fn.nameSpan });
        }
        this.walk(arg, locals);
    }
  }
}

const KNOWN_FUNCTIONS = new Set([
  'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Fn::Base64',
  'Fn::Length', 'Fn::ToJsonString', 'Fn::Transform', 'Fn::GetParam', 'Fn::ForEach',
]);

/** Functions valid only in a rule's RuleCondition and Assertions (Rules section of the template reference). */
const RULE_FUNCTIONS = new Set(['Fn::Contains', 'Fn::EachMemberEquals', 'Fn::EachMemberIn', 'Fn::RefAll', 'Fn::ValueOf', 'Fn::ValueOfAll']);

function symbolsOf(t: CfnTemplate): CfnSymbol[] {
  const out: CfnSymbol[] = [];
  const section = (name: string, kind: CfnSymbolKind, detail: (m: DataMap | undefined) => string | undefined): void => {
    for (const e of asMap(child(t.root, name))?.entries ?? []) {
      const d = detail(asMap(e.value));
      out.push({ name: keyName(e), kind, span: e.span, nameSpan: e.key.span, ...(d !== undefined ? { detail: d } : {}) });
    }
  };
  section('Parameters', 'parameter', (m) => scalarString(child(m, 'Type')));
  section('Mappings', 'mapping', () => undefined);
  section('Conditions', 'condition', () => undefined);
  section('Resources', 'resource', (m) => scalarString(child(m, 'Type')));
  section('Outputs', 'output', () => undefined);
  return out;
}

interface FileIndex {
  readonly ev: CfnEvaluator;
  /** The evaluators of the template's further copies (at most MAX_COPY_HOVERS), for hovers. */
  readonly copies: readonly CfnEvaluator[];
  readonly template: CfnTemplate;
  readonly occurrences: readonly Recorded[];
  symbols: CfnSymbol[] | undefined;
}

export function buildIndex(ws: CfnWorkspace): CfnIndex {
  const files = new Map<string, FileIndex>();
  for (const [path, t] of ws.templates) {
    const inst = ws.instances.get(path);
    if (inst === undefined) continue;
    const w = new TemplateWalker(t, inst.ev, ws, ws.view.text(path));
    w.walkTemplate();
    const copies = ws.instancesOf(path).filter((c) => c !== inst).slice(0, MAX_COPY_HOVERS).map((c) => c.ev);
    files.set(path, { ev: inst.ev, copies, template: t, occurrences: w.occurrences, symbols: undefined });
  }

  const definition = (file: string, name: string): CfnDefinition | undefined => {
    const f = files.get(file);
    if (f === undefined) return undefined;
    const t = f.template;
    const r = f.ev.resources.get(name);
    if (r !== undefined) return { file, span: r.keySpan, kind: 'resource', name };
    // An implicit API is defined by the first function event that makes SAM generate it.
    const api = f.ev.implicitApi(name);
    if (api !== undefined) return { file, span: api.eventSpan, kind: 'resource', name };
    const p = t.parameters.get(name);
    if (p !== undefined) return { file, span: p.keySpan, kind: 'parameter', name };
    const m = t.mappings.get(name);
    if (m !== undefined) return { file, span: m.key.span, kind: 'mapping', name };
    const c = t.conditions.get(name);
    if (c !== undefined) return { file, span: c.key.span, kind: 'condition', name };
    return PSEUDO.has(name) ? { file, span: { start: 0, end: 0 }, kind: 'pseudo', name } : undefined;
  };

  const valueIn = (ev: CfnEvaluator, o: Recorded): CfnValue => {
    switch (o.kind) {
      case 'Ref':
      case 'DependsOn':
        return ev.resolveName(o.attribute !== undefined ? `${o.name}.${o.attribute}` : o.name, undefined) ?? null;
      case 'GetAtt':
        return o.attribute !== undefined ? ev.getAtt(o.name, o.attribute, o.span) : null;
      case 'Sub':
        return ev.subVariable(o.attribute !== undefined ? `${o.name}.${o.attribute}` : o.name, undefined, o.span, 2);
      case 'Condition':
        return ev.condition(o.name);
      case 'FindInMap':
      case 'ImportValue':
        return o.node !== undefined ? ev.evaluate(o.node) : null;
    }
  };

  /** The other copies' values, when one differs from the first copy's (compared as rendered: ids differ by copy). */
  const copiesOf = (f: FileIndex, o: Recorded, value: CfnValue): CfnHover['copies'] => {
    if (f.copies.length === 0 || o.kind === 'DependsOn') return undefined;
    const shown = copyText(value);
    const others = f.copies.map((ev) => ({ stack: ev.scope.addressPrefix.slice(0, -1), value: valueIn(ev, o) }));
    if (others.every((c) => copyText(c.value) === shown)) return undefined;
    return { first: f.ev.scope.addressPrefix.slice(0, -1), others };
  };

  const hover = (f: FileIndex, o: Recorded): CfnHover => {
    const value = valueIn(f.ev, o);
    let def: CfnDefinition | undefined;
    switch (o.kind) {
      case 'Ref':
      case 'DependsOn':
      case 'GetAtt':
      case 'Sub':
      case 'Condition':
        def = definition(o.file, o.name);
        break;
      case 'FindInMap':
      case 'ImportValue': {
        if (o.kind === 'FindInMap') def = definition(o.file, o.name);
        else {
          const name = o.node !== undefined ? importName(f.ev, o.node) : undefined;
          const target = name !== undefined ? ws.importTargets.get(name) : undefined;
          const out = target?.instance.template.outputs.get(target.output);
          if (target !== undefined && out !== undefined) def = { file: target.instance.template.path, span: out.keySpan, kind: 'output', name: target.output };
        }
        break;
      }
    }
    const resourceType = f.ev.resources.get(o.name)?.type ?? f.ev.implicitApi(o.name)?.type;
    const p = f.template.parameters.get(o.name);
    const copies = copiesOf(f, o, value);
    return {
      occurrence: { file: o.file, span: o.span, kind: o.kind, name: o.name, ...(o.attribute !== undefined ? { attribute: o.attribute } : {}) },
      value,
      text: isCfnUnknown(value) ? `unknown: ${value.reason}` : renderValue(value) + (o.name === 'AWS::Region' && f.ev.scope.regionSource !== undefined ? ` (from ${f.ev.scope.regionSource})` : ''),
      ...(isCfnUnknown(value) ? { unknownReason: value.reason } : {}),
      ...(def !== undefined ? { definition: def } : {}),
      ...(resourceType !== undefined && (o.kind === 'Ref' || o.kind === 'GetAtt' || o.kind === 'Sub' || o.kind === 'DependsOn') ? { resourceType } : {}),
      ...(p?.allowedValues !== undefined && (o.kind === 'Ref' || o.kind === 'Sub') ? { allowedValues: p.allowedValues } : {}),
      ...(copies !== undefined ? { copies } : {}),
    };
  };

  return {
    templates: [...files.keys()],
    at(file, offset) {
      const f = files.get(file);
      if (f === undefined) return undefined;
      let best: Recorded | undefined;
      let bestSize = Infinity;
      for (const o of f.occurrences) {
        const e = o.extent ?? o.span;
        if (e.start <= offset && offset <= e.end && e.end - e.start < bestSize) {
          best = o;
          bestSize = e.end - e.start;
        }
      }
      return best !== undefined ? hover(f, best) : undefined;
    },
    definition,
    references(file, name) {
      return files.get(file)?.occurrences.filter((o) => o.name === name).map(({ node: _node, extent: _extent, ...o }) => o) ?? [];
    },
    symbols(file) {
      const f = files.get(file);
      if (f === undefined) return [];
      f.symbols ??= symbolsOf(f.template);
      return f.symbols;
    },
  };
}

/** A value as copies are compared: a reference by logical id (each copy's own resource has its own id). */
function copyText(v: CfnValue): string {
  return isCfnRef(v) ? `${v.logicalId}.${v.attribute}` : isCfnUnknown(v) ? `?${v.reason}` : renderValue(v);
}

function importName(ev: CfnEvaluator, node: DataNode): string | undefined {
  const fn = intrinsicOf(node);
  if (fn === undefined) return undefined;
  const v = ev.evaluate(fn.arg);
  return typeof v === 'string' ? v : undefined;
}
