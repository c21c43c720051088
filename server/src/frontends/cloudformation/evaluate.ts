// The intrinsic-function evaluator of one stack instance: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select,
// Fn::Split, Fn::GetAZs, Fn::Cidr, Fn::FindInMap, Fn::If and the condition functions, Fn::ImportValue,
// Fn::Base64, Fn::Length, Fn::ToJsonString and Fn::ForEach (AWS::LanguageExtensions). It never throws:
// what cannot be known statically becomes a CfnUnknown with a reason, and user errors become problems.
// Parameters, conditions and resource attributes are memoised per stack instance.

import type { Problem } from '../../model/origin';
import { implicitRef, type Id } from '../../model/types';
import type { DataEntry, DataNode } from '../../syntax/data/ast';
import type { Severity, Span } from '../../syntax/text';
import { cidrSubnets } from './cidr';
import { partitionOfRegion } from '../../model/partition';
import { mergeGlobals } from './samGlobals';
import { implicitApiReason, implicitApis, type ImplicitApiResource } from './samImplicitApis';
import { defaultPort } from './ports';
import { asMap, child, intrinsicOf, keyName, readResource, scalarString, type CfnResource, type CfnTemplate, type Intrinsic } from './template';
import {
  NO_VALUE, cfnUnknown, isAzList, isCfnList, isCfnMap, isCfnRef, isCfnUnknown, isNoValue, refsIn,
  type CfnRef, type CfnUnknown, type CfnValue,
} from './value';
import { override } from '../../model/override';

/** One deployment of a template: a root stack, or a nested stack created by a parent. */
export interface StackScope {
  readonly template: CfnTemplate;
  /** The template path: stack of every model object, prefix of every id. */
  readonly key: string;
  /** '' for a root stack, 'Parent/' (or 'Grand/Parent/') for a nested one. */
  readonly addressPrefix: string;
  /**
   * Set on a further instance of a template several nesting resources create (stacks.ts): its nesting path
   * (`B/`, `root.yaml/B/`), put after `${key}::` in its ids and in its symbols so the copies stay distinct.
   * Absent on the first (or only) instance, whose ids are `${key}::${LogicalId}`.
   */
  readonly instanceKey?: string;
  readonly region: string | undefined;
  /** Where a Region that was not given by the user was found (the CDK manifest, AZ names): for hovers. */
  readonly regionSource?: string;
  /** Parameter values passed by a parent stack (nested stacks). */
  readonly parameterValues: ReadonlyMap<string, CfnValue> | undefined;
  readonly stackName: CfnValue;
}

/** What the evaluator needs from the workspace: other stacks' exports and nested stacks' outputs. */
export interface EvalHost {
  /** The exported value named `name`, undefined when no template in the view exports it. */
  importValue(name: string): CfnValue | undefined;
  /** Output `output` of the nested stack created by resource `logicalId` of `scope`. */
  stackOutput(scope: StackScope, logicalId: string, output: string): CfnValue;
  report(problem: Problem): void;
  /**
   * Whether some VPC endpoint of the workspace declares a PolicyDocument: only then can the name of a bucket,
   * table, queue… decide an answer (the ARN an endpoint policy is matched against, E7/E9).
   */
  endpointPoliciesDeclared?(): boolean;
}

type Vars = ReadonlyMap<string, CfnValue> | undefined;

const MAX_DEPTH = 100;

export type ConditionValue = boolean | CfnUnknown;

export class CfnEvaluator {
  private readonly params = new Map<string, CfnValue>();
  /**
   * Parameters that have neither a Default nor a value from a parent stack and that a property read outside
   * `quietly` depends on (directly or through a memoised condition or attribute), in first-use order.
   */
  readonly unset: string[] = [];
  private readonly unsetParams = new Set<string>();
  private readonly unsetReported = new Set<string>();
  /** Open memo computations, each collecting the unset parameters it reads (so a memo hit reads them again). */
  private readonly depFrames: Set<string>[] = [];
  private readonly conditionDeps = new Map<string, ReadonlySet<string>>();
  private readonly attrDeps = new Map<string, ReadonlySet<string>>();
  private quietDepth = 0;
  private readonly conditionMemo = new Map<string, ConditionValue>();
  /** Why an undecidable condition cannot be decided (the inner reason, without "condition X …"). */
  private readonly conditionWhy = new Map<string, string>();
  private readonly inProgress = new Set<string>();
  private readonly attrMemo = new Map<string, CfnValue>();
  private expanded: Map<string, CfnResource> | undefined;
  private implicit: ReadonlyMap<string, ImplicitApiResource> | undefined;
  private depth = 0;
  /** Depth of undecidable Fn::If arms being evaluated (see checkCreated). */
  private undecidedIf = 0;
  readonly file: string;

  constructor(
    readonly scope: StackScope,
    private readonly host: EvalHost,
    /** The template's text, to place `${var}` spans exactly inside quoted and block scalars. */
    private readonly text: string | undefined,
  ) {
    this.file = scope.template.path;
  }

  idOf(logicalId: string): Id {
    const copy = this.scope.instanceKey;
    return copy === undefined ? `${this.scope.key}::${logicalId}` : `${this.scope.key}::${copy}${logicalId}`;
  }

  /** The stack instance in symbols (`param:…:Name`): the template path, with the nesting path for a further copy. */
  private get symbolKey(): string {
    const copy = this.scope.instanceKey;
    return copy === undefined ? this.scope.key : `${this.scope.key}::${copy}`;
  }

  /** Resources after Fn::ForEach expansion (AWS::LanguageExtensions). */
  get resources(): ReadonlyMap<string, CfnResource> {
    if (this.expanded === undefined) {
      this.expanded = new Map(this.scope.template.resources);
      for (const e of this.scope.template.forEachResources) this.expandForEach(e, new Map(), this.expanded);
    }
    return this.expanded;
  }

  report(code: string, severity: Severity, message: string, span: Span): void {
    this.host.report({ code, severity, message, file: this.file, span });
  }

  /**
   * Evaluates `read` without counting the unset parameters it reads in `unset`: for properties that only
   * name or describe a resource (a function's name), which decide no network answer.
   */
  quietly<T>(read: () => T): T {
    this.quietDepth++;
    try {
      return read();
    } finally {
      this.quietDepth--;
    }
  }

  /** See EvalHost.endpointPoliciesDeclared; true when the host cannot tell. */
  get resourceNamesMatter(): boolean {
    return this.host.endpointPoliciesDeclared?.() ?? true;
  }

  private touchUnset(names: Iterable<string>): void {
    for (const name of names) {
      for (const f of this.depFrames) f.add(name);
      if (this.quietDepth === 0 && !this.unsetReported.has(name)) {
        this.unsetReported.add(name);
        this.unset.push(name);
      }
    }
  }

  /** Runs a memoised computation, returning its value and the unset parameters it read. */
  private tracked<T>(compute: () => T): [T, ReadonlySet<string>] {
    const deps = new Set<string>();
    this.depFrames.push(deps);
    try {
      return [compute(), deps];
    } finally {
      this.depFrames.pop();
    }
  }

  // ---------------------------------------------------------------- parameters and pseudo parameters

  parameter(name: string): CfnValue | undefined {
    const memo = this.params.get(name);
    if (memo !== undefined) {
      if (this.unsetParams.has(name)) this.touchUnset([name]);
      return memo;
    }
    const p = this.scope.template.parameters.get(name);
    if (p === undefined) return undefined;
    let v: CfnValue;
    const passed = this.scope.parameterValues?.get(name);
    if (passed !== undefined) v = passed;
    else if (p.defaultNode !== undefined) v = this.evaluate(p.defaultNode);
    else {
      this.unsetParams.add(name);
      this.touchUnset([name]);
      v = cfnUnknown(`parameter ${name} has no default`, {
        origin: { file: this.file, span: p.keySpan },
        symbol: `param:${this.symbolKey}:${name}`,
      });
    }
    // An SSM parameter type's value (default or passed) names the SSM parameter; CloudFormation reads its value at
    // deploy time. The same name reads the same value, hence the symbol.
    if (p.type !== undefined && p.type.startsWith('AWS::SSM::Parameter::Value<')) {
      v = typeof v === 'string'
        ? cfnUnknown(`parameter ${name} is the value of the SSM parameter '${v}', read at deploy time`, { origin: { file: this.file, span: p.keySpan }, symbol: `ssm:${v}` })
        : this.unknownFrom(v, `parameter ${name} is read from SSM at deploy time`);
    }
    const isList = p.type !== undefined && (p.type === 'CommaDelimitedList' || p.type.startsWith('List<'));
    if (isList && typeof v === 'string') v = v === '' ? [] : v.split(',').map((s) => s.trim());
    // A parent passing `!Join [',', [!Ref A, !Ref B]]` or one `!Ref Sg` to a list parameter passes those resources.
    else if (isList && isCfnUnknown(v) && v.parts !== undefined) v = splitParts(v.parts, ',') ?? v;
    else if (isList && isCfnRef(v)) v = [v];
    this.params.set(name, v);
    return v;
  }

  private pseudo(name: string): CfnValue | undefined {
    switch (name) {
      case 'AWS::Region':
        return this.scope.region ?? cfnUnknown('the Region is chosen at deploy time (set hyperplaneLens.region)', { symbol: 'AWS::Region' });
      case 'AWS::AccountId':
        return cfnUnknown('the account id is known at deploy time', { symbol: 'AWS::AccountId' });
      case 'AWS::Partition':
        return partitionOfRegion(this.scope.region).partition;
      case 'AWS::URLSuffix':
        return partitionOfRegion(this.scope.region).dnsSuffix;
      case 'AWS::StackName':
        return this.scope.stackName;
      case 'AWS::StackId':
        return cfnUnknown('the stack id is known at deploy time', { symbol: `stackid:${this.symbolKey}` });
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return cfnUnknown('notification ARNs are chosen at deploy time');
      default:
        return undefined;
    }
  }

  // ---------------------------------------------------------------- evaluation

  evaluate(node: DataNode, vars?: Vars): CfnValue {
    if (this.depth > MAX_DEPTH) return cfnUnknown('expression nested too deeply');
    this.depth++;
    try {
      return this.evaluateInner(node, vars);
    } finally {
      this.depth--;
    }
  }

  private evaluateInner(node: DataNode, vars: Vars): CfnValue {
    const fn = intrinsicOf(node);
    if (fn !== undefined && fn.name !== 'Condition') return dynamicReference(this.intrinsic(fn, vars));
    switch (node.kind) {
      case 'scalar':
        return dynamicReference(node.value);
      case 'seq': {
        const out: CfnValue[] = [];
        for (const item of node.items) {
          const v = this.evaluate(item, vars);
          if (!isNoValue(v)) out.push(v);
        }
        return out;
      }
      case 'map': {
        const fields = new Map<string, CfnValue>();
        for (const e of node.entries) {
          const v = this.evaluate(e.value, vars);
          if (!isNoValue(v)) fields.set(keyName(e), v);
        }
        return { kind: 'map', fields };
      }
    }
  }

  private intrinsic(fn: Intrinsic, vars: Vars): CfnValue {
    switch (fn.name) {
      case 'Ref':
        return this.ref(fn.arg, vars);
      case 'Fn::GetAtt':
        return this.getAttNode(fn, vars);
      case 'Fn::Sub':
        return this.sub(fn, vars);
      case 'Fn::Join':
        return this.join(fn, vars);
      case 'Fn::Select':
        return this.select(fn, vars);
      case 'Fn::Split':
        return this.split(fn, vars);
      case 'Fn::GetAZs': {
        const r = this.evaluate(fn.arg, vars);
        const region = typeof r === 'string' && r !== '' ? r : this.scope.region ?? 'AWS::Region';
        return { kind: 'azs', region };
      }
      case 'Fn::Cidr':
        return this.cidr(fn, vars);
      case 'Fn::FindInMap':
        return this.findInMap(fn, vars);
      case 'Fn::If':
        return this.fnIf(fn, vars);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return this.conditionFunction(fn.arg.span, fn, vars);
      case 'Fn::ImportValue':
        return this.importValue(fn, vars);
      case 'Fn::Base64': {
        const v = this.evaluate(fn.arg, vars);
        return typeof v === 'string' ? Buffer.from(v, 'utf8').toString('base64') : this.unknownFrom(v, 'Fn::Base64 of an unknown value');
      }
      case 'Fn::Length': {
        const v = this.evaluate(fn.arg, vars);
        return isCfnList(v) ? v.length : this.unknownFrom(v, 'Fn::Length of a list known only at deploy time');
      }
      case 'Fn::ToJsonString': {
        const v = this.evaluate(fn.arg, vars);
        const json = toJson(v);
        return json === undefined ? this.unknownFrom(v, 'Fn::ToJsonString of a value known only at deploy time') : JSON.stringify(json);
      }
      case 'Fn::Transform':
        return cfnUnknown('the value is produced by a macro (Fn::Transform)');
      case 'Fn::GetParam':
        return cfnUnknown('Fn::GetParam is resolved by CodePipeline');
      default:
        this.report('cfn-unsupported-intrinsic', 'warning', unsupportedIntrinsicMessage(fn.writtenName), fn.nameSpan);
        return cfnUnknown(`${fn.writtenName} is not supported`);
    }
  }

  private unknownFrom(v: CfnValue, reason: string): CfnUnknown {
    if (isCfnUnknown(v)) return v;
    const refs = refsIn(v);
    return cfnUnknown(reason, refs.length > 0 ? { refs } : undefined);
  }

  // ---------------------------------------------------------------- Ref and GetAtt

  /** Resolves a name as `Ref` does; undefined when nothing of that name exists. */
  resolveName(name: string, vars: Vars): CfnValue | undefined {
    const bound = vars?.get(name);
    if (bound !== undefined) return bound;
    const p = this.pseudo(name);
    if (p !== undefined) return p;
    const param = this.parameter(name);
    if (param !== undefined) return param;
    const r = this.resources.get(name);
    if (r !== undefined) return this.resourceRef(r, 'Ref');
    const api = this.implicitApi(name);
    if (api !== undefined) {
      // `<Fn>Alias<alias>` names the function's alias, as `Fn.Alias` does.
      const owner = api.type === 'AWS::Lambda::Alias' && api.owner !== undefined ? this.resources.get(api.owner) : undefined;
      return owner !== undefined ? this.resourceRef(owner, 'Alias') : cfnUnknown(implicitApiReason(api));
    }
    return this.samReference(name);
  }

  /** A resource SAM generates (`ServerlessRestApi`, `<Fn>Role`, `<Api>.Stage`…) that the template may reference by name. */
  implicitApi(name: string): ImplicitApiResource | undefined {
    this.implicit ??= implicitApis(this.resources, this.scope.template.globals);
    return this.implicit.size === 0 ? undefined : this.implicit.get(name);
  }

  /**
   * `Fn.Version` / `Fn.Alias`: the version and alias SAM generates for a function with AutoPublishAlias
   * (`<Fn>Version<hash>`, `<Fn>Alias<alias>`). Both name the function, so a CloudFront association or an
   * event source reached through them reaches the function itself.
   */
  samReference(name: string): CfnValue | undefined {
    const dot = name.indexOf('.');
    if (dot <= 0) return undefined;
    const prop = name.slice(dot + 1);
    if (prop !== 'Version' && prop !== 'Alias') return undefined;
    const r = this.resources.get(name.slice(0, dot));
    if (r === undefined || r.type !== 'AWS::Serverless::Function') return undefined;
    const merged = mergeGlobals(this.scope.template.globals, 'Function', r.node, r.properties);
    if (child(merged.properties, 'AutoPublishAlias') === undefined) return undefined;
    return this.resourceRef(r, prop);
  }

  private ref(arg: DataNode, vars: Vars): CfnValue {
    const name = scalarString(arg) ?? this.evaluate(arg, vars);
    if (typeof name !== 'string') {
      this.report('cfn-wrong-type', 'error', 'Ref takes the name of a parameter or resource', arg.span);
      return cfnUnknown('Ref of something that is not a name');
    }
    const v = this.resolveName(name, vars);
    if (v !== undefined) {
      if (vars?.get(name) === undefined) this.checkCreated(name, arg.span);
      return v;
    }
    this.report('cfn-invalid-reference', 'error', `Ref to '${name}', which is neither a parameter nor a resource of this template`, arg.span);
    return cfnUnknown(`'${name}' is not defined in ${this.file}`);
  }

  /**
   * A Ref, GetAtt or `${}` of a resource whose Condition is false with these parameter values: CloudFormation
   * rejects the template ("Unresolved resource dependencies"). Not reported inside an undecidable Fn::If, whose
   * arm may never be used (the cfn-lint convention).
   */
  private checkCreated(logicalId: string, span: Span): void {
    if (this.undecidedIf > 0) return;
    const r = this.resources.get(logicalId);
    if (r?.condition === undefined || this.condition(r.condition) !== false) return;
    this.report('cfn-reference-not-created', 'warning',
      `${logicalId} is not created (its Condition ${r.condition} is false with these parameter values), so this reference to it fails: CloudFormation rejects the template (Unresolved resource dependencies)`, span);
  }

  resourceRef(r: CfnResource, attribute: string): CfnValue {
    if (r.condition !== undefined && this.condition(r.condition) === false) {
      return cfnUnknown(`${r.logicalId} is not created: condition ${r.condition} is false`);
    }
    return { kind: 'ref', target: this.idOf(r.logicalId), logicalId: r.logicalId, resourceType: r.type, attribute };
  }

  private getAttNode(fn: Intrinsic, vars: Vars): CfnValue {
    let logicalId: string | undefined;
    let attr: CfnValue | undefined;
    const s = scalarString(fn.arg);
    if (s !== undefined) {
      const dot = s.indexOf('.');
      if (dot > 0) {
        logicalId = s.slice(0, dot);
        attr = s.slice(dot + 1);
      }
    } else if (fn.arg.kind === 'seq' && fn.arg.items.length === 2) {
      const [a, b] = fn.arg.items;
      logicalId = a !== undefined ? scalarString(a) : undefined;
      attr = b !== undefined ? this.evaluate(b, vars) : undefined;
    }
    if (logicalId === undefined || attr === undefined) {
      this.report('cfn-wrong-type', 'error', 'Fn::GetAtt takes [LogicalId, Attribute] or "LogicalId.Attribute"', fn.arg.span);
      return cfnUnknown('malformed Fn::GetAtt');
    }
    if (typeof attr !== 'string') return this.unknownFrom(attr, `attribute of ${logicalId} known only at deploy time`);
    this.checkCreated(logicalId, fn.arg.span);
    return this.getAtt(logicalId, attr, fn.arg.span);
  }

  getAtt(logicalId: string, attr: string, span: Span): CfnValue {
    const r = this.resources.get(logicalId);
    if (r === undefined) {
      const api = this.implicitApi(logicalId);
      if (api !== undefined) return cfnUnknown(implicitApiReason(api, attr));
      this.report('cfn-invalid-reference', 'error', `Fn::GetAtt of '${logicalId}', which is not a resource of this template`, span);
      return cfnUnknown(`'${logicalId}' is not a resource of ${this.file}`);
    }
    const base = this.resourceRef(r, attr);
    if (!isCfnRef(base)) return base;
    const key = `${logicalId}\u0000${attr}`;
    const memo = this.attrMemo.get(key);
    if (memo !== undefined) {
      this.touchUnset(this.attrDeps.get(key) ?? []);
      return memo;
    }
    if (this.inProgress.has(`attr:${key}`)) return cfnUnknown(`circular reference through ${logicalId}.${attr}`);
    this.inProgress.add(`attr:${key}`);
    const [v, deps] = this.tracked(() => this.attribute(r, attr, base));
    this.inProgress.delete(`attr:${key}`);
    this.attrMemo.set(key, v);
    if (deps.size > 0) this.attrDeps.set(key, deps);
    return v;
  }

  /** A property of another resource, as a GetAtt of a configuration value sees it. */
  private prop(r: CfnResource, name: string): CfnValue | undefined {
    const n = child(r.properties, name);
    if (n === undefined) return undefined;
    const v = this.evaluate(n, r.bindings);
    return isNoValue(v) ? undefined : v;
  }

  private attribute(r: CfnResource, attr: string, ref: CfnRef): CfnValue {
    if ((r.type === 'AWS::CloudFormation::Stack' || r.type === 'AWS::Serverless::Application') && attr.startsWith('Outputs.')) {
      return this.host.stackOutput(this.scope, r.logicalId, attr.slice('Outputs.'.length));
    }
    const id = this.idOf(r.logicalId);
    const implicit = (which: 'main-route-table' | 'default-security-group' | 'default-network-acl'): CfnRef => override(ref, { target: implicitRef(id, which) });
    switch (r.type) {
      case 'AWS::EC2::VPC':
        if (attr === 'CidrBlock') return this.prop(r, 'CidrBlock') ?? cfnUnknown(`${r.logicalId} has no CidrBlock (IPAM allocation)`, { refs: [ref] });
        if (attr === 'DefaultSecurityGroup') return implicit('default-security-group');
        if (attr === 'DefaultNetworkAcl') return implicit('default-network-acl');
        if (attr === 'VpcId') return override(ref, { attribute: 'Ref' });
        break;
      case 'AWS::EC2::Subnet':
        if (attr === 'VpcId' || attr === 'AvailabilityZone' || attr === 'CidrBlock') {
          return this.prop(r, attr) ?? cfnUnknown(`${r.logicalId}.${attr} is chosen by AWS`, { refs: [ref] });
        }
        if (attr === 'SubnetId') return override(ref, { attribute: 'Ref' });
        break;
      case 'AWS::EC2::SecurityGroup':
        if (attr === 'VpcId') return this.prop(r, 'VpcId') ?? cfnUnknown(`${r.logicalId} is in the default VPC`, { refs: [ref] });
        break;
      case 'AWS::RDS::DBInstance':
      case 'AWS::RDS::DBCluster':
      case 'AWS::DocDB::DBCluster':
      case 'AWS::Neptune::DBCluster':
        if (attr === 'Endpoint.Port' || attr === 'ReadEndpoint.Port' || attr === 'Port') {
          const port = this.prop(r, r.type === 'AWS::Neptune::DBCluster' ? 'Port' : 'Port');
          if (port !== undefined) return port;
          const engine = this.prop(r, 'Engine');
          const d = defaultPort(r.type, typeof engine === 'string' ? engine : undefined);
          return d ?? cfnUnknown(`${r.logicalId}'s port depends on its engine`, { refs: [ref] });
        }
        break;
      default:
        break;
    }
    return ref;
  }

  // ---------------------------------------------------------------- strings

  private sub(fn: Intrinsic, vars: Vars): CfnValue {
    let text: string | undefined;
    let local: Map<string, CfnValue> | undefined;
    let textSpan = fn.arg.span;
    if (fn.arg.kind === 'seq') {
      const [t, m] = fn.arg.items;
      text = t !== undefined ? scalarString(t) : undefined;
      if (t !== undefined) textSpan = t.span;
      const varsMap = asMap(m);
      if (varsMap !== undefined) {
        local = new Map(vars ?? []);
        for (const e of varsMap.entries) local.set(keyName(e), this.evaluate(e.value, vars));
      }
    } else text = scalarString(fn.arg);
    if (text === undefined) {
      this.report('cfn-wrong-type', 'error', 'Fn::Sub takes a string or [string, { variables }]', fn.arg.span);
      return cfnUnknown('malformed Fn::Sub');
    }
    const parts = parseSub(text);
    const scope = local ?? vars;
    const values: CfnValue[] = parts.map((p) => (typeof p === 'string' ? p : this.subVariable(p.name, scope, textSpan, p.offset)));
    if (values.length === 1 && parts[0] !== undefined && typeof parts[0] !== 'string') return values[0] ?? '';
    // `!Sub '{{resolve:ssm:/${Env}/subnet-a}}'`: one dynamic reference per text, as for Fn::Join.
    return joinedText(values);
  }

  /** Value of `${name}` inside Fn::Sub: a variable, parameter, pseudo parameter, resource or `Resource.Attribute`. */
  subVariable(name: string, vars: Vars, textSpan: Span, offset: number): CfnValue {
    const direct = this.resolveName(name, vars);
    const dot = name.indexOf('.');
    const base = dot > 0 ? name.slice(0, dot) : name;
    const varSpan = subVarSpan(this.text, textSpan, offset, name);
    if (vars?.get(name) === undefined && vars?.get(base) === undefined) this.checkCreated(base, varSpan);
    if (direct !== undefined) return direct;
    if (dot > 0 && (this.resources.has(name.slice(0, dot)) || this.implicitApi(name.slice(0, dot)) !== undefined)) return this.getAtt(name.slice(0, dot), name.slice(dot + 1), varSpan);
    this.report('cfn-invalid-reference', 'error', `\${${name}} names no parameter, resource or attribute of this template`, varSpan);
    return cfnUnknown(`'${name}' is not defined in ${this.file}`);
  }

  private join(fn: Intrinsic, vars: Vars): CfnValue {
    if (fn.arg.kind !== 'seq' || fn.arg.items.length !== 2) {
      this.report('cfn-wrong-type', 'error', 'Fn::Join takes [delimiter, [values]]', fn.arg.span);
      return cfnUnknown('malformed Fn::Join');
    }
    const [d, l] = fn.arg.items;
    const delim = d !== undefined ? this.evaluate(d, vars) : '';
    // Literal pieces are read as written: `'{{resolve:ssm:/'` is part of a dynamic reference the join builds,
    // not one of its own (the joined text is, evaluateInner).
    const list = l === undefined ? [] : l.kind === 'seq'
      ? l.items.map((item) => (item.kind === 'scalar' && intrinsicOf(item) === undefined ? item.value : this.evaluate(item, vars))).filter((v) => !isNoValue(v))
      : this.evaluate(l, vars);
    if (typeof delim !== 'string') return this.unknownFrom(delim, 'Fn::Join delimiter known only at deploy time');
    if (!isCfnList(list)) return this.unknownFrom(list, 'Fn::Join of a list known only at deploy time');
    const values: CfnValue[] = [];
    list.forEach((v, i) => {
      if (i > 0) values.push(delim);
      values.push(v);
    });
    return joinedText(values);
  }

  private select(fn: Intrinsic, vars: Vars): CfnValue {
    if (fn.arg.kind !== 'seq' || fn.arg.items.length !== 2) {
      this.report('cfn-wrong-type', 'error', 'Fn::Select takes [index, list]', fn.arg.span);
      return cfnUnknown('malformed Fn::Select');
    }
    const [i, l] = fn.arg.items;
    const idxV = i !== undefined ? this.evaluate(i, vars) : 0;
    const list = l !== undefined ? this.evaluate(l, vars) : [];
    const idx = typeof idxV === 'number' ? idxV : typeof idxV === 'string' && /^\d+$/.test(idxV) ? Number(idxV) : undefined;
    if (idx === undefined) return this.unknownFrom(idxV, 'Fn::Select index known only at deploy time');
    if (isAzList(list)) {
      // Counted from 1 in words ("AZ 1 of the Region"), as the hovers and the topology panel count it.
      return cfnUnknown(`AZ ${idx + 1} of ${list.region === 'AWS::Region' ? 'the Region' : list.region} (chosen by AWS)`, {
        symbol: `azs:${list.region}[${idx}]`,
      });
    }
    // Element i of an unknown list with an identity (a list parameter) is itself identifiable: two selects of
    // the same element compare equal, two different elements do not (model/origin.ts Unknown.symbol).
    if (isCfnUnknown(list) && list.symbol !== undefined) {
      return cfnUnknown(`${list.reason} (element ${idx})`, { symbol: `${list.symbol}[${idx}]`, ...(list.origin ? { origin: list.origin } : {}) });
    }
    if (!isCfnList(list)) return this.unknownFrom(list, 'Fn::Select from a list known only at deploy time');
    const v = list[idx];
    if (v === undefined) {
      this.report('cfn-wrong-type', 'error', `Fn::Select index ${idx} is out of range (the list has ${list.length} items)`, fn.arg.span);
      return cfnUnknown(`index ${idx} out of range`);
    }
    return v;
  }

  private split(fn: Intrinsic, vars: Vars): CfnValue {
    if (fn.arg.kind !== 'seq' || fn.arg.items.length !== 2) {
      this.report('cfn-wrong-type', 'error', 'Fn::Split takes [delimiter, string]', fn.arg.span);
      return cfnUnknown('malformed Fn::Split');
    }
    const [d, s] = fn.arg.items;
    const delim = d !== undefined ? this.evaluate(d, vars) : '';
    const str = s !== undefined ? this.evaluate(s, vars) : '';
    if (typeof delim === 'string' && isCfnUnknown(str) && str.parts !== undefined) {
      const list = splitParts(str.parts, delim);
      if (list !== undefined) return list;
    }
    if (typeof delim !== 'string' || typeof str !== 'string') return this.unknownFrom(typeof str === 'string' ? delim : str, 'Fn::Split of a value known only at deploy time');
    return str.split(delim);
  }

  private cidr(fn: Intrinsic, vars: Vars): CfnValue {
    if (fn.arg.kind !== 'seq' || fn.arg.items.length !== 3) {
      this.report('cfn-wrong-type', 'error', 'Fn::Cidr takes [ipBlock, count, cidrBits]', fn.arg.span);
      return cfnUnknown('malformed Fn::Cidr');
    }
    const [b, c, n] = fn.arg.items.map((x) => this.evaluate(x, vars));
    const block = b ?? null;
    const count = Number(c);
    const bits = Number(n);
    if (typeof block !== 'string') return this.unknownFrom(block, 'Fn::Cidr of a block known only at deploy time');
    if (!Number.isFinite(count) || !Number.isFinite(bits)) return cfnUnknown('Fn::Cidr count or size known only at deploy time');
    const r = cidrSubnets(block, count, bits);
    if ('error' in r) {
      this.report('cfn-wrong-type', 'error', r.error, fn.arg.span);
      return cfnUnknown(r.error);
    }
    return r;
  }

  private findInMap(fn: Intrinsic, vars: Vars): CfnValue {
    if (fn.arg.kind !== 'seq' || fn.arg.items.length < 3) {
      this.report('cfn-wrong-type', 'error', 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]', fn.arg.span);
      return cfnUnknown('malformed Fn::FindInMap');
    }
    const [mn, tk, sk, opts] = fn.arg.items;
    const names = [mn, tk, sk].map((x) => (x !== undefined ? this.evaluate(x, vars) : null));
    const defaultNode = child(asMap(opts), 'DefaultValue');
    const fallback = (reason: string): CfnValue => (defaultNode !== undefined ? this.evaluate(defaultNode, vars) : cfnUnknown(reason));
    const [mapName, top, second] = names;
    if (typeof mapName !== 'string') return this.unknownFrom(mapName ?? null, 'mapping name known only at deploy time');
    const mapping = this.scope.template.mappings.get(mapName);
    if (mapping === undefined) {
      if (mn !== undefined) this.report('cfn-invalid-reference', 'error', `Mapping '${mapName}' is not defined`, mn.span);
      return cfnUnknown(`mapping ${mapName} is not defined`);
    }
    const topMap = asMap(mapping.value);
    if (typeof top !== 'string' && typeof top !== 'number') {
      // The key is unknown, but when every top-level entry agrees on the value it is still known.
      return this.sameForAllKeys(topMap, second, vars) ?? this.unknownFrom(top ?? null, `Fn::FindInMap ${mapName}: key known only at deploy time`);
    }
    const level2 = asMap(child(topMap, String(top)));
    if (level2 === undefined) return fallback(`mapping ${mapName} has no key '${String(top)}'`);
    if (typeof second !== 'string' && typeof second !== 'number') return this.unknownFrom(second ?? null, `Fn::FindInMap ${mapName}: key known only at deploy time`);
    const v = child(level2, String(second));
    if (v === undefined) return fallback(`mapping ${mapName}.${String(top)} has no key '${String(second)}'`);
    return this.evaluate(v, vars);
  }

  private sameForAllKeys(topMap: ReturnType<typeof asMap>, second: CfnValue | undefined, vars: Vars): CfnValue | undefined {
    if (topMap === undefined || (typeof second !== 'string' && typeof second !== 'number')) return undefined;
    let first: CfnValue | undefined;
    for (const e of topMap.entries) {
      const n = child(asMap(e.value), String(second));
      if (n === undefined) return undefined;
      const v = this.evaluate(n, vars);
      if (first === undefined) first = v;
      else if (!sameValue(first, v)) return undefined;
    }
    return first;
  }

  private importValue(fn: Intrinsic, vars: Vars): CfnValue {
    const name = this.evaluate(fn.arg, vars);
    if (typeof name !== 'string') {
      return this.unknownFrom(name, 'the export name of Fn::ImportValue is known only at deploy time');
    }
    const v = this.host.importValue(name);
    if (v !== undefined) return v;
    this.report('cfn-unresolved-import', 'information', `No template in the workspace exports '${name}'; its value is unknown`, fn.span);
    return cfnUnknown(`export '${name}' comes from a stack outside the workspace`, { symbol: `import:${name}` });
  }

  // ---------------------------------------------------------------- conditions

  /** A named condition of the Conditions section: true, false or unknown. */
  condition(name: string, span?: Span): ConditionValue {
    const memo = this.conditionMemo.get(name);
    if (memo !== undefined) {
      this.touchUnset(this.conditionDeps.get(name) ?? []);
      return memo;
    }
    const e: DataEntry | undefined = this.scope.template.conditions.get(name);
    if (e === undefined) {
      if (span !== undefined) this.report('cfn-invalid-reference', 'error', `Condition '${name}' is not defined`, span);
      return cfnUnknown(`condition ${name} is not defined`);
    }
    if (this.inProgress.has(`cond:${name}`)) return cfnUnknown(`condition ${name} refers to itself`);
    this.inProgress.add(`cond:${name}`);
    const fn = intrinsicOf(e.value);
    const [v, deps] = this.tracked(() => (fn !== undefined ? this.conditionFunction(e.value.span, fn, undefined) : cfnUnknown(`condition ${name} is not a condition function`)));
    this.inProgress.delete(`cond:${name}`);
    if (deps.size > 0) this.conditionDeps.set(name, deps);
    const c: ConditionValue = typeof v === 'boolean' ? v : isCfnUnknown(v) ? cfnUnknown(`condition ${name} cannot be decided: ${v.reason}`) : cfnUnknown(`condition ${name} is not a boolean`);
    if (typeof c !== 'boolean') this.conditionWhy.set(name, isCfnUnknown(v) ? v.reason : 'it is not a boolean');
    this.conditionMemo.set(name, c);
    return c;
  }

  /**
   * Whether a resource with `Condition: name` is created: true, false, or an unknown whose reason names the
   * condition and why it cannot be decided (the resource is then modelled with that `existence`).
   */
  resourceExistence(name: string, span?: Span): boolean | CfnUnknown {
    const c = this.condition(name, span);
    if (typeof c === 'boolean') return c;
    const e = this.scope.template.conditions.get(name);
    const why = this.conditionWhy.get(name) ?? c.reason;
    return cfnUnknown(`created only if Condition ${name} is true, which cannot be decided: ${why}`, {
      symbol: `condition:${this.symbolKey}:${name}`,
      ...(e !== undefined ? { origin: { file: this.file, span: e.key.span } } : {}),
    });
  }

  private conditionNode(node: DataNode, vars: Vars): ConditionValue {
    const fn = intrinsicOf(node);
    if (fn === undefined) {
      const v = this.evaluate(node, vars);
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return isCfnUnknown(v) ? v : cfnUnknown('not a condition');
    }
    const r = this.conditionFunction(node.span, fn, vars);
    return typeof r === 'boolean' ? r : isCfnUnknown(r) ? r : cfnUnknown('not a condition');
  }

  private conditionFunction(span: Span, fn: Intrinsic, vars: Vars): CfnValue {
    const items = fn.arg.kind === 'seq' ? fn.arg.items : [fn.arg];
    switch (fn.name) {
      case 'Condition': {
        const n = scalarString(fn.arg);
        return n === undefined ? cfnUnknown('malformed Condition') : this.condition(n, fn.arg.span);
      }
      case 'Fn::Equals': {
        if (items.length !== 2) {
          this.report('cfn-wrong-type', 'error', 'Fn::Equals takes two values', span);
          return cfnUnknown('malformed Fn::Equals');
        }
        const [a, b] = items.map((x) => this.evaluate(x, vars));
        return equals(a ?? null, b ?? null);
      }
      case 'Fn::Not': {
        const [x] = items;
        const v = x !== undefined ? this.conditionNode(x, vars) : cfnUnknown('malformed Fn::Not');
        return typeof v === 'boolean' ? !v : v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const isAnd = fn.name === 'Fn::And';
        let firstUnknown: CfnUnknown | undefined;
        for (const x of items) {
          const v = this.conditionNode(x, vars);
          if (typeof v === 'boolean') {
            if (v !== isAnd) return v; // a false in And / a true in Or decides
          } else firstUnknown ??= v;
        }
        return firstUnknown ?? isAnd;
      }
      default:
        return this.evaluate(fn.arg, vars);
    }
  }

  private fnIf(fn: Intrinsic, vars: Vars): CfnValue {
    if (fn.arg.kind !== 'seq' || fn.arg.items.length !== 3) {
      this.report('cfn-wrong-type', 'error', 'Fn::If takes [ConditionName, valueIfTrue, valueIfFalse]', fn.arg.span);
      return cfnUnknown('malformed Fn::If');
    }
    const [c, t, f] = fn.arg.items;
    if (c === undefined || t === undefined || f === undefined) return cfnUnknown('malformed Fn::If');
    const name = scalarString(c);
    const cond = name !== undefined ? this.condition(name, c.span) : cfnUnknown('Fn::If needs a condition name');
    if (cond === true) return this.evaluate(t, vars);
    if (cond === false) return this.evaluate(f, vars);
    this.undecidedIf++;
    let a: CfnValue;
    let b: CfnValue;
    try {
      a = this.evaluate(t, vars);
      b = this.evaluate(f, vars);
    } finally {
      this.undecidedIf--;
    }
    if (sameValue(a, b)) return a;
    const refs = [...refsIn(a), ...refsIn(b)];
    return cfnUnknown(cond.reason, { branches: [a, b], ...(refs.length > 0 ? { refs } : {}) });
  }

  // ---------------------------------------------------------------- Fn::ForEach (AWS::LanguageExtensions)

  private expandForEach(e: DataEntry, outer: Map<string, string>, out: Map<string, CfnResource>): void {
    const seq = e.value.kind === 'seq' ? e.value.items : undefined;
    if (seq === undefined || seq.length !== 3) {
      this.report('cfn-wrong-type', 'error', 'Fn::ForEach takes [Identifier, Collection, {OutputKey: OutputValue}]', e.value.span);
      return;
    }
    const [idNode, collNode, bodyNode] = seq;
    const ident = idNode !== undefined ? scalarString(idNode) : undefined;
    const body = asMap(bodyNode);
    if (ident === undefined || collNode === undefined || body === undefined) return;
    const coll = this.evaluate(collNode, outer);
    if (!isCfnList(coll)) {
      this.report('cfn-unknown-collection', 'warning', `The collection of ${keyName(e)} is known only at deploy time; its resources are not analysed`, collNode.span);
      return;
    }
    for (const item of coll) {
      if (typeof item !== 'string' && typeof item !== 'number') continue;
      const bindings = new Map(outer);
      bindings.set(ident, String(item));
      for (const be of body.entries) {
        const key = keyName(be);
        if (key.startsWith('Fn::ForEach::')) {
          this.expandForEach(be, bindings, out);
          continue;
        }
        const logicalId = substituteLoopKey(key, bindings);
        const r = readResource(be, logicalId, bindings);
        if (r !== undefined) out.set(logicalId, r);
      }
    }
  }
}

/** The message for an intrinsic we do not know, naming it as written (`!Fn::Nope`, `Fn::Nope`). */
export function unsupportedIntrinsicMessage(written: string): string {
  // `!Rain::Embed`, `!Rain::S3`…: directives the rain CLI expands before deploying (`rain pkg`).
  if (/^!?(Fn::)?Rain::/.test(written)) return `${written} is a rain directive, not a CloudFormation intrinsic: CloudFormation accepts the template only after \`rain pkg\` expands it; Hyperplane Lens reads the value as unknown`;
  return `${written} is not a CloudFormation intrinsic function that Hyperplane Lens knows`;
}

/** `${Id}` and `&{Id}` (alphanumeric form) in a ForEach output key. */
function substituteLoopKey(key: string, bindings: ReadonlyMap<string, string>): string {
  return key.replace(/([$&])\{([^}]+)\}/g, (m, sigil: string, name: string) => {
    const v = bindings.get(name);
    if (v === undefined) return m;
    return sigil === '&' ? v.replace(/[^A-Za-z0-9]/g, '') : v;
  });
}

export interface SubVar {
  readonly name: string;
  /** Offset of the name inside the Sub string (after `${`). */
  readonly offset: number;
}

/** Splits a Fn::Sub string into literal text and `${name}` variables; `${!x}` is the literal `${x}`. */
export function parseSub(text: string): (string | SubVar)[] {
  const out: (string | SubVar)[] = [];
  let lit = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    const close = text.indexOf('}', open + 2);
    if (close < 0) break;
    lit += text.slice(i, open);
    if (text.charCodeAt(open + 2) === 33 /* ! */) {
      lit += '${' + text.slice(open + 3, close + 1);
    } else {
      if (lit !== '') out.push(lit);
      lit = '';
      out.push({ name: text.slice(open + 2, close).trim(), offset: open + 2 });
    }
    i = close + 1;
  }
  lit += text.slice(i);
  if (lit !== '' || out.length === 0) out.push(lit);
  return out;
}

/** The span of the name in `${name}`: found in the raw text (quotes and block indentation only move it right). */
export function subVarSpan(text: string | undefined, textSpan: Span, offset: number, name: string): Span {
  if (text !== undefined) {
    const at = text.indexOf('${' + name, textSpan.start + Math.max(0, offset - 2));
    if (at >= 0 && at + name.length + 2 <= textSpan.end) return { start: at + 2, end: at + 2 + name.length };
  }
  return textSpan;
}

function concat(values: readonly CfnValue[]): CfnValue {
  let s = '';
  let firstUnknown: CfnUnknown | undefined;
  const refs: CfnRef[] = [];
  for (const v of values) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') s += String(v);
    else if (isCfnRef(v)) refs.push(v);
    else if (isCfnUnknown(v)) {
      firstUnknown ??= v;
      refsIn(v, refs);
    } else if (isNoValue(v) || v === null) continue;
    else firstUnknown ??= cfnUnknown('a list or map cannot be part of a string');
  }
  if (firstUnknown === undefined && refs.length === 0) return s;
  const reason = firstUnknown?.reason ?? `contains ${refs.map((r) => (r.attribute === 'Ref' ? r.logicalId : `${r.logicalId}.${r.attribute}`)).join(', ')}, known at deploy time`;
  if (firstUnknown !== undefined) return cfnUnknown(reason, refs.length > 0 ? { refs } : undefined);
  const parts: (string | CfnRef)[] = [];
  for (const v of values) {
    if (isCfnRef(v)) parts.push(v);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') parts.push(String(v));
  }
  return cfnUnknown(reason, { refs, parts });
}

/**
 * Fn::Split of a string built from text and references, such as a subnet list exported as
 * `!Join [',', [!Ref A, !Ref B]]` and imported elsewhere: an element that is exactly one reference is that
 * reference. Only for delimiters no resource id, name, ARN or URL contains (`,`, `;`, `|`, spaces).
 */
function splitParts(parts: readonly (string | CfnRef)[], delim: string): CfnValue[] | undefined {
  if (delim === '' || /[\w:/.-]/.test(delim)) return undefined;
  const out: CfnValue[] = [];
  let current: (string | CfnRef)[] = [];
  const flush = (): void => {
    const [only] = current;
    out.push(current.length === 1 && only !== undefined && isCfnRef(only) ? only : concat(current));
    current = [];
  };
  for (const p of parts) {
    if (typeof p !== 'string') {
      current.push(p);
      continue;
    }
    p.split(delim).forEach((piece, i) => {
      if (i > 0) flush();
      if (piece !== '') current.push(piece);
    });
  }
  flush();
  return out;
}

/**
 * A string holding a dynamic reference (`{{resolve:ssm:/net/cidr}}`, `{{resolve:secretsmanager:…}}`) is a
 * value CloudFormation reads from SSM or Secrets Manager at deploy time, not that text.
 */
function dynamicReference(v: CfnValue): CfnValue {
  if (typeof v !== 'string' || !v.includes('{{resolve:')) return v;
  return cfnUnknown(`'${v}' is a dynamic reference, resolved at deploy time`, { symbol: `resolve:${v}` });
}

/** The text Fn::Sub and Fn::Join build: a dynamic reference when deploy-time parts join one (dynamicPattern). */
function joinedText(values: readonly CfnValue[]): CfnValue {
  const joined = concat(values);
  return isCfnUnknown(joined) && values.some((v) => typeof v === 'string' && v.includes('{{resolve:')) ? dynamicPattern(values) : joined;
}

/**
 * A dynamic reference joined from text and values known only at deploy time (`{{resolve:ssm:/`, a stack-name
 * parameter, `/PrivateSubnetZoneAId}}`): one value read at deploy time. Its symbol is the pattern with the
 * symbols of its unknown parts, so the same reference compares equal and two references (zone A, zone B) differ.
 */
function dynamicPattern(values: readonly CfnValue[]): CfnUnknown {
  const shown = values.map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '…')).join('');
  const keyed = values.map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : isCfnUnknown(v) && v.symbol !== undefined ? `\${${v.symbol}}` : null));
  const symbol = keyed.every((k) => k !== null) ? `resolve:${keyed.join('')}` : undefined;
  return cfnUnknown(`'${shown}' is a dynamic reference, resolved at deploy time`, symbol !== undefined ? { symbol } : undefined);
}

function equals(a: CfnValue, b: CfnValue): boolean | CfnUnknown {
  const ka = primitive(a);
  const kb = primitive(b);
  if (ka !== undefined && kb !== undefined) return ka === kb;
  if (isCfnUnknown(a) && isCfnUnknown(b) && a.symbol !== undefined && a.symbol === b.symbol) return true;
  if (isCfnRef(a) && isCfnRef(b)) return a.target === b.target && a.attribute === b.attribute ? true : cfnUnknown('compares values known only at deploy time');
  // A resource id is never the empty string, a common "parameter not given" test.
  if ((isCfnRef(a) && kb === '') || (isCfnRef(b) && ka === '')) return false;
  const u = isCfnUnknown(a) ? a : isCfnUnknown(b) ? b : undefined;
  return cfnUnknown(u?.reason ?? 'compares values known only at deploy time');
}

function primitive(v: CfnValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const parts = (v as readonly CfnValue[]).map(primitive);
    return parts.every((p) => p !== undefined) ? `[${parts.join(',')}]` : undefined;
  }
  return undefined;
}

export function sameValue(a: CfnValue, b: CfnValue): boolean {
  if (a === b) return true;
  if (isCfnList(a) && isCfnList(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i] ?? null));
  if (isCfnRef(a) && isCfnRef(b)) return a.target === b.target && a.attribute === b.attribute;
  if (isCfnUnknown(a) && isCfnUnknown(b)) return a.symbol !== undefined && a.symbol === b.symbol;
  if (isCfnMap(a) && isCfnMap(b)) {
    if (a.fields.size !== b.fields.size) return false;
    for (const [k, v] of a.fields) {
      const w = b.fields.get(k);
      if (w === undefined || !sameValue(v, w)) return false;
    }
    return true;
  }
  return false;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function toJson(v: CfnValue): Json | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (isCfnList(v)) {
    const out: Json[] = [];
    for (const x of v) {
      const j = toJson(x);
      if (j === undefined) return undefined;
      out.push(j);
    }
    return out;
  }
  if (isCfnMap(v)) {
    const o: { [k: string]: Json } = {};
    for (const [k, x] of v.fields) {
      const j = toJson(x);
      if (j === undefined) return undefined;
      o[k] = j;
    }
    return o;
  }
  return undefined;
}

