// The templates of a workspace as stack instances: root stacks, nested stacks (AWS::CloudFormation::Stack
// with a local TemplateURL, AWS::Serverless::Application with a local Location) fed with their parent's
// parameters, outputs read back through `GetAtt Stack.Outputs.X`, exports matched to Fn::ImportValue across
// templates, and CDK stack names from cdk.out/manifest.json. Implements the evaluator's EvalHost.
//
// Nested-stack naming: a nested template's objects get the address `ParentStackLogicalId/LogicalId` (deeper:
// `A/B/LogicalId`). A template nested by several resources is instantiated once per nesting resource, as
// CloudFormation deploys it once per nesting, each copy with its parent's parameters. The first nesting in
// a depth-first walk from the roots in path order (the static primaryNestings, so ids do not depend on
// which query instantiates first) keeps the id `${childTemplatePath}::${LogicalId}`; a further copy's ids
// carry its nesting path, `${childTemplatePath}::B/LogicalId`, and so does its address, `B/LogicalId`
// (qualified by the root template, `root.yaml/B/LogicalId`, when its root is not the first copy's root).

import { posix } from 'node:path';
import type { Problem } from '../../model/origin';
import type { DataNode } from '../../syntax/data/ast';
import type { SourceView } from '../../syntax/sourceView';
import { CfnEvaluator, parseSub, type EvalHost, type StackScope } from './evaluate';
import { regionOfZone, regionOfZoneId } from './zoneRegions';
import { asMap, child, keyName, readTemplate, scalarString, type CfnResource, type CfnTemplate } from './template';
import { cfnUnknown, isCfnList, isCfnMap, isCfnUnknown, type CfnValue } from './value';
import { override } from '../../model/override';
import { TEMPLATE_EXTENSIONS } from './templateFiles';
import { SAM_CONFIG_NAMES, SAM_DEFAULT_TEMPLATES, isSamConfigPath, parseSamConfigToml, samConfigFromData, samDeploySettings, type SamConfigFile, type SamDeploySettings } from './samConfig';

const STACK_PLACEHOLDER = '\u0000stack\u0000';

export interface StackInstance {
  readonly template: CfnTemplate;
  readonly scope: StackScope;
  readonly ev: CfnEvaluator;
  readonly parent: StackInstance | undefined;
  readonly children: Map<string, StackInstance | null>;
  /** The root template of this instance's nesting chain. */
  readonly root: string;
  /** The nesting resources from the root down to this instance: '' for a root, `A/`, `A/B/`. */
  readonly chain: string;
}

/** The nesting resource that creates a template's first instance, and the root of its chain. */
interface Nesting {
  readonly parent: string;
  readonly logicalId: string;
  readonly root: string;
}

/**
 * Bounds on copies of nested templates: a diamond of nestings (A nests B twice, B nests C twice…) doubles the
 * copies at each level. Past either bound a further nesting reuses the template's first instance.
 */
const MAX_COPIES_PER_TEMPLATE = 32;
const MAX_COPY_RESOURCES = 20_000;

/** The SAM CLI configuration `sam deploy` reads for a template (samConfig.ts). */
export interface SamConfigUse {
  /** The configuration file. */
  readonly path: string;
  readonly env: string;
  readonly settings: SamDeploySettings;
}

interface ExportEntry {
  readonly instance: StackInstance;
  readonly output: string;
}

interface ExportPattern extends ExportEntry {
  readonly regex: RegExp;
  readonly literalLength: number;
}

export function isCandidatePath(path: string): boolean {
  if (path.includes('/node_modules/') || path.includes('/.aws-sam/')) return false;
  return TEMPLATE_EXTENSIONS.some((e) => path.endsWith(e));
}

/** Cheap pre-check on raw text, no parse. */
export function looksLikeTemplate(text: string): boolean {
  if (text.includes('AWSTemplateFormatVersion')) return true;
  if (!text.includes('Resources')) return false;
  const at = text.indexOf('AWS::');
  if (at < 0 && !text.includes('Custom::') && !text.includes('Alexa::')) return false;
  return /["']?Type["']?\s*:\s*["']?(AWS|Custom|Alexa)::/.test(text);
}

export class CfnWorkspace implements EvalHost {
  readonly templates = new Map<string, CfnTemplate>();
  /** The first (or only) instance of each template: the one the editor's index (cfnIndex.ts) evaluates. */
  readonly instances = new Map<string, StackInstance>();
  /** Every instance of each template, in creation order. */
  private readonly allInstances = new Map<string, StackInstance[]>();
  private nestings: Map<string, Nesting> | undefined;
  private rootPaths: Set<string> | undefined;
  private copyResources = 0;
  private readonly byScope = new WeakMap<StackScope, StackInstance>();
  private readonly problemKeys = new Set<string>();
  readonly problems: Problem[] = [];
  private readonly cdkStackNames = new Map<string, string>();
  /** Regions from cdk.out/manifest.json `environment: aws://ACCOUNT/REGION`, by template path. */
  private readonly cdkRegions = new Map<string, string>();
  /** Region hints per root template (undefined: none, or they disagree), computed on first use. */
  private readonly regionHints = new Map<string, RegionHint | undefined>();
  private exportsExact: Map<string, ExportEntry> | undefined;
  private exportPatterns: ExportPattern[] = [];
  private buildingExports = false;
  private readonly outputsInProgress = new Set<string>();
  /** Where an export name was matched: for navigation from Fn::ImportValue. */
  readonly importTargets = new Map<string, ExportEntry>();
  private endpointPolicies: boolean | undefined;
  /** SAM CLI configurations by the template they apply to. */
  private readonly samConfigs = new Map<string, SamConfigUse>();

  constructor(
    readonly view: SourceView,
    readonly region: string | undefined,
    /** The SAM CLI configuration environment (`sam deploy --config-env`). */
    private readonly samConfigEnv = 'default',
  ) {
    for (const path of view.paths) {
      if (path.endsWith('/manifest.json') && path.includes('cdk.out')) this.readCdkManifest(path);
    }
    for (const path of view.paths) {
      if (!isCandidatePath(path)) continue;
      const text = view.text(path);
      if (text === undefined || !looksLikeTemplate(text)) continue;
      const file = view.data(path);
      if (file === undefined) continue;
      const t = readTemplate(path, file);
      if (t === undefined) continue;
      this.templates.set(path, t);
      for (const p of file.problems) this.report({ code: p.code, severity: p.severity, message: p.message, file: path, span: p.span });
    }
    this.readSamConfigs();
  }

  /**
   * The SAM CLI configuration of each folder (samconfig.toml first, then .yaml, .yml, .json: SAM CLI's order)
   * and the template it applies to: the one its template_file names, relative to its folder, else the
   * folder's template.yaml / .yml / .json.
   */
  private readSamConfigs(): void {
    const byDir = new Map<string, string>();
    const rank = (p: string): number => SAM_CONFIG_NAMES.indexOf(posix.basename(p).toLowerCase());
    for (const path of this.view.paths) {
      if (!isSamConfigPath(path)) continue;
      const dir = posix.dirname(path);
      const known = byDir.get(dir);
      if (known === undefined || rank(path) < rank(known)) byDir.set(dir, path);
    }
    for (const [dir, path] of byDir) {
      const config = this.readSamConfig(path);
      if (config === undefined) continue;
      const settings = samDeploySettings(config, this.samConfigEnv);
      for (const p of settings.problems) this.report({ code: p.code, severity: p.severity, message: p.message, file: path, span: p.span });
      const named = settings.templateFile?.value;
      const template = named !== undefined
        ? posix.normalize(named.startsWith('/') ? named : posix.join(dir, named))
        : SAM_DEFAULT_TEMPLATES.map((n) => posix.join(dir, n)).find((p) => this.templates.has(p));
      if (template !== undefined && this.templates.has(template) && !this.samConfigs.has(template)) this.samConfigs.set(template, { path, env: this.samConfigEnv, settings });
    }
  }

  private readSamConfig(path: string): SamConfigFile | undefined {
    let config: SamConfigFile;
    if (path.toLowerCase().endsWith('.toml')) {
      const text = this.view.text(path);
      if (text === undefined) return undefined;
      config = parseSamConfigToml(text);
    } else {
      const file = this.view.data(path);
      if (file === undefined) return undefined;
      for (const p of file.problems) this.report({ code: p.code, severity: p.severity, message: p.message, file: path, span: p.span });
      config = samConfigFromData(file);
    }
    for (const p of config.problems) this.report({ code: p.code, severity: p.severity, message: p.message, file: path, span: p.span });
    return config;
  }

  /** The SAM CLI configuration `sam deploy` reads for a root template, if the workspace holds one. */
  samConfigOf(templatePath: string): SamConfigUse | undefined {
    return this.samConfigs.get(templatePath);
  }

  report(problem: Problem): void {
    const key = `${problem.file}:${problem.span.start}:${problem.span.end}:${problem.code}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(problem);
  }

  private readCdkManifest(path: string): void {
    const artifacts = asMap(child(asMap(this.view.data(path)?.root), 'artifacts'));
    const dir = posix.dirname(path);
    for (const a of artifacts?.entries ?? []) {
      const m = asMap(a.value);
      if (scalarString(child(m, 'type')) !== 'aws:cloudformation:stack') continue;
      const props = asMap(child(m, 'properties'));
      const file = scalarString(child(props, 'templateFile'));
      if (file === undefined) continue;
      this.cdkStackNames.set(posix.join(dir, file), scalarString(child(props, 'stackName')) ?? keyName(a));
      const env = /^aws:\/\/[^/]*\/([a-z0-9-]+)$/.exec(scalarString(child(m, 'environment')) ?? '');
      if (env?.[1] !== undefined && env[1] !== 'unknown-region') this.cdkRegions.set(posix.join(dir, file), env[1]);
    }
  }

  /**
   * The Region to assume for a root template when the user set none: its CDK environment, else the Region
   * of the Availability Zones it names literally, when they all agree.
   */
  private regionHint(t: CfnTemplate): RegionHint | undefined {
    if (this.regionHints.has(t.path)) return this.regionHints.get(t.path);
    const cdk = this.cdkRegions.get(t.path);
    const sam = this.samConfigs.get(t.path);
    const samRegion = sam?.settings.region;
    const hint: RegionHint | undefined = cdk !== undefined
      ? { region: cdk, source: 'the CDK environment in cdk.out/manifest.json' }
      : sam !== undefined && samRegion !== undefined && samRegion.value !== ''
        ? { region: samRegion.value, source: `region in ${posix.basename(sam.path)} [${sam.env}.${samRegion.command}.parameters]` }
        : zoneHint(t);
    this.regionHints.set(t.path, hint);
    return hint;
  }

  /** The Region hint all root templates agree on, for the model's Region; undefined when none or they differ. */
  workspaceRegionHint(): string | undefined {
    let region: string | undefined;
    for (const inst of this.instances.values()) {
      if (inst.parent !== undefined || inst.scope.regionSource === undefined || inst.scope.region === undefined) continue;
      if (region !== undefined && region !== inst.scope.region) return undefined;
      region = inst.scope.region;
    }
    return region;
  }

  // ---------------------------------------------------------------- instances

  /**
   * `copy`: a further instance of a template nested several times, with its address prefix and the nesting
   * path its ids carry (StackScope.instanceKey); absent for a template's first instance.
   */
  private makeInstance(t: CfnTemplate, parent: StackInstance | undefined, logicalId: string, params: ReadonlyMap<string, CfnValue> | undefined, copy?: { readonly addressPrefix: string; readonly instanceKey: string }): StackInstance {
    const cdkName = this.cdkStackNames.get(t.path);
    // A nested stack is deployed in its parent's Region.
    const hint = this.region !== undefined ? undefined : parent !== undefined ? (parent.scope.regionSource !== undefined && parent.scope.region !== undefined ? { region: parent.scope.region, source: parent.scope.regionSource } : undefined) : this.regionHint(t);
    const scope: StackScope = {
      template: t,
      key: t.path,
      addressPrefix: copy !== undefined ? copy.addressPrefix : parent !== undefined ? `${parent.scope.addressPrefix}${logicalId}/` : '',
      ...(copy !== undefined ? { instanceKey: copy.instanceKey } : {}),
      region: this.region ?? hint?.region,
      ...(hint !== undefined ? { regionSource: hint.source } : {}),
      parameterValues: params ?? (parent === undefined ? this.samParameters(t.path) : undefined),
      stackName: cdkName ?? cfnUnknown('the stack name is chosen at deploy time', { symbol: copy !== undefined ? `stack:${t.path}::${copy.instanceKey}` : `stack:${t.path}` }),
    };
    const inst: StackInstance = { template: t, scope, ev: new CfnEvaluator(scope, this, this.view.text(t.path)), parent, children: new Map(), root: parent !== undefined ? parent.root : t.path, chain: parent !== undefined ? `${parent.chain}${logicalId}/` : '' };
    if (copy === undefined) this.instances.set(t.path, inst);
    else this.copyResources += t.resources.size;
    const all = this.allInstances.get(t.path);
    if (all !== undefined) all.push(inst);
    else this.allInstances.set(t.path, [inst]);
    this.byScope.set(scope, inst);
    return inst;
  }

  /** Every instance of a template (its first, then its further copies), in creation order. */
  instancesOf(path: string): readonly StackInstance[] {
    return this.allInstances.get(path) ?? [];
  }

  /** Templates that no other template in the view nests, in path order. */
  private rootTemplates(): Set<string> {
    if (this.rootPaths !== undefined) return this.rootPaths;
    const nested = new Set<string>();
    for (const t of this.templates.values()) {
      for (const r of t.resources.values()) {
        const c = this.childPathOf(t, r);
        if (c !== undefined && c !== t.path) nested.add(c);
      }
    }
    this.rootPaths = new Set([...this.templates.keys()].filter((p) => !nested.has(p)));
    return this.rootPaths;
  }

  /**
   * For each nested template, the nesting resource that creates its first instance: depth first from the
   * roots in path order, then from the templates no root reaches (nesting cycles), resources in written order.
   * Read from the text alone (no Conditions, no parameters), so it does not depend on evaluation order.
   */
  private primaryNestings(): Map<string, Nesting> {
    if (this.nestings !== undefined) return this.nestings;
    const out = new Map<string, Nesting>();
    const visited = new Set<string>();
    const visit = (start: CfnTemplate): void => {
      // An explicit stack: a deep chain of nested templates must not exhaust the call stack.
      const stack: CfnTemplate[] = [start];
      visited.add(start.path);
      const iterators = new Map<string, Iterator<CfnResource>>();
      while (stack.length > 0) {
        const t = stack[stack.length - 1];
        if (t === undefined) break;
        let it = iterators.get(t.path);
        if (it === undefined) iterators.set(t.path, (it = t.resources.values()));
        const next = it.next();
        if (next.done === true) {
          stack.pop();
          continue;
        }
        const c = this.childPathOf(t, next.value);
        const ct = c !== undefined && !visited.has(c) ? this.templates.get(c) : undefined;
        if (ct === undefined) continue;
        visited.add(ct.path);
        out.set(ct.path, { parent: t.path, logicalId: next.value.logicalId, root: start.path });
        stack.push(ct);
      }
    };
    const roots = this.rootTemplates();
    for (const t of this.templates.values()) if (roots.has(t.path)) visit(t);
    for (const t of this.templates.values()) if (!visited.has(t.path)) visit(t);
    this.nestings = out;
    return out;
  }

  /** A root template's parameter values from its SAM CLI configuration's parameter_overrides (they win over Defaults). */
  private samParameters(path: string): ReadonlyMap<string, CfnValue> | undefined {
    const params = this.samConfigs.get(path)?.settings.parameters;
    if (params === undefined || params.size === 0) return undefined;
    const out = new Map<string, CfnValue>();
    for (const [name, v] of params) out.set(name, v.value);
    return out;
  }

  /** Root stacks: templates that no other template in the view nests. */
  roots(): StackInstance[] {
    const roots = this.rootTemplates();
    const out: StackInstance[] = [];
    for (const t of this.templates.values()) {
      if (!roots.has(t.path)) continue;
      out.push(this.instances.get(t.path) ?? this.makeInstance(t, undefined, '', undefined));
    }
    return out;
  }

  /** Every template that was not reached as a nested stack becomes a root of its own. */
  orphan(path: string): StackInstance | undefined {
    if (this.allInstances.has(path)) return undefined;
    const t = this.templates.get(path);
    return t !== undefined ? this.makeInstance(t, undefined, '', undefined) : undefined;
  }

  /**
   * The local template a nested-stack resource points at, found without evaluating parameters. CDK's
   * NestedStack uploads its template as an asset: the S3 TemplateURL names a hash, while the resource's
   * `aws:asset:path` metadata names the file beside the parent template in cdk.out.
   */
  childPathOf(t: CfnTemplate, r: CfnResource): string | undefined {
    const props = r.properties;
    let node: DataNode | undefined;
    if (r.type === 'AWS::CloudFormation::Stack') {
      const asset = scalarString(child(r.metadata, 'aws:asset:path'));
      if (asset !== undefined && asset !== '') {
        const p = posix.normalize(asset.startsWith('/') ? asset : posix.join(posix.dirname(t.path), asset));
        if (this.templates.has(p)) return p;
      }
      node = child(props, 'TemplateURL');
    } else if (r.type === 'AWS::Serverless::Application') node = child(props, 'Location');
    else return undefined;
    if (node === undefined) return undefined;
    const literal = literalTail(node);
    if (literal === undefined) return undefined;
    return this.resolveTemplatePath(t.path, literal);
  }

  private resolveTemplatePath(parentPath: string, ref: string): string | undefined {
    const isUrl = /^(https?|s3):\/\//.test(ref);
    if (!isUrl) {
      const p = ref.startsWith('/') ? posix.normalize(ref) : posix.normalize(posix.join(posix.dirname(parentPath), ref));
      if (this.templates.has(p)) return p;
    }
    const base = posix.basename(ref);
    if (base === '') return undefined;
    const sibling = posix.join(posix.dirname(parentPath), base);
    if (this.templates.has(sibling)) return sibling;
    let found: string | undefined;
    for (const path of this.templates.keys()) {
      if (posix.basename(path) === base) {
        if (found !== undefined) return undefined; // ambiguous
        found = path;
      }
    }
    return found;
  }

  /** The instance of the nested stack created by `logicalId` in `parent` (null: not a local template). */
  childInstance(parent: StackInstance, logicalId: string): StackInstance | null {
    const known = parent.children.get(logicalId);
    if (known !== undefined) return known;
    parent.children.set(logicalId, null); // guards recursion through the parameters
    const r = parent.ev.resources.get(logicalId);
    const path = r !== undefined ? this.childPathOf(parent.template, r) : undefined;
    const t = path !== undefined ? this.templates.get(path) : undefined;
    if (r === undefined || t === undefined) return null;
    for (let a: StackInstance | undefined = parent; a !== undefined; a = a.parent) {
      if (a.template.path === t.path) {
        this.report({ code: 'cfn-nested-cycle', severity: 'error', message: `${logicalId} nests ${t.path}, which already contains this stack`, file: parent.template.path, span: r.keySpan });
        return null;
      }
    }
    const existing = this.instances.get(t.path);
    const nesting = this.primaryNestings().get(t.path);
    // The first instance: the static first nesting, created from its parent's first instance.
    const first = existing === undefined && (nesting === undefined || (nesting.parent === parent.template.path && nesting.logicalId === logicalId && this.instances.get(parent.template.path) === parent));
    let copy: { addressPrefix: string; instanceKey: string } | undefined;
    if (!first) {
      const copies = this.allInstances.get(t.path)?.length ?? 0;
      if (copies >= MAX_COPIES_PER_TEMPLATE || this.copyResources + t.resources.size > MAX_COPY_RESOURCES) {
        this.report({
          code: 'cfn-nested-copies-capped',
          severity: 'warning',
          message: `${logicalId} nests ${posix.basename(t.path)}, already instantiated ${copies} time${copies === 1 ? '' : 's'} (limit ${MAX_COPIES_PER_TEMPLATE} copies of a template, ${MAX_COPY_RESOURCES} resources in copies): this copy is not analysed and its outputs are read from the first one`,
          file: parent.template.path,
          span: r.keySpan,
        });
        const fallback = existing ?? null;
        parent.children.set(logicalId, fallback);
        return fallback;
      }
      const chain = `${parent.chain}${logicalId}/`;
      // Another root than the first copy's: the root names the copy (its path in ids, its file name in addresses).
      const otherRoot = nesting !== undefined ? nesting.root !== parent.root : existing !== undefined && existing.root !== parent.root;
      copy = otherRoot
        ? { addressPrefix: `${posix.basename(parent.root)}/${chain}`, instanceKey: `${parent.root}/${chain}` }
        : { addressPrefix: chain, instanceKey: chain };
    }
    const paramsNode = child(r.properties, 'Parameters');
    const params = new Map<string, CfnValue>();
    if (paramsNode !== undefined) {
      const v = parent.ev.evaluate(paramsNode, r.bindings);
      if (isCfnMap(v)) for (const [k, x] of v.fields) params.set(k, isCfnList(x) && x.every((y) => typeof y === 'string') ? x.join(',') : x);
    }
    const inst = this.makeInstance(t, parent, logicalId, params, copy);
    parent.children.set(logicalId, inst);
    return inst;
  }

  stackOutput(scope: StackScope, logicalId: string, output: string): CfnValue {
    const parent = this.byScope.get(scope);
    if (parent === undefined) return cfnUnknown('unknown stack');
    const inst = this.childInstance(parent, logicalId);
    if (inst === null) return cfnUnknown(`output ${output} of ${logicalId}: the nested template is not in the workspace`);
    return this.outputValue(inst, output);
  }

  outputValue(inst: StackInstance, output: string): CfnValue {
    const o = inst.template.outputs.get(output);
    if (o === undefined || o.value === undefined) return cfnUnknown(`${inst.template.path} has no output ${output}`);
    const key = inst.ev.idOf(output); // per instance: each copy evaluates its own outputs
    if (this.outputsInProgress.has(key)) return cfnUnknown(`output ${output} refers to itself`);
    this.outputsInProgress.add(key);
    try {
      return inst.ev.evaluate(o.value);
    } finally {
      this.outputsInProgress.delete(key);
    }
  }

  // ---------------------------------------------------------------- exports and imports

  private buildExports(): void {
    this.exportsExact = new Map();
    this.buildingExports = true;
    const seen = new Set<StackInstance>();
    for (const root of this.roots()) this.collectExports(root, seen);
    // Orphans only once the roots' nested stacks are reached: a nested template must not become a root.
    for (const path of this.templates.keys()) {
      const o = this.orphan(path);
      if (o !== undefined) this.collectExports(o, seen);
    }
    this.buildingExports = false;
  }

  /** The exports of a stack instance and of every instance nested below it. */
  private collectExports(start: StackInstance, seen: Set<StackInstance>): void {
    const exportsExact = this.exportsExact;
    if (exportsExact === undefined) return;
    const pending = [start];
    while (pending.length > 0) {
      const inst = pending.pop();
      if (inst === undefined || seen.has(inst)) continue;
      seen.add(inst);
      // Export names evaluated with a placeholder stack name, so `${AWS::StackName}-X` becomes a pattern.
      const nameScope: StackScope = override(inst.scope, { stackName: typeof inst.scope.stackName === 'string' ? inst.scope.stackName : STACK_PLACEHOLDER });
      const nameEv = new CfnEvaluator(nameScope, this, this.view.text(inst.template.path));
      for (const o of inst.template.outputs.values()) {
        if (o.exportName === undefined) continue;
        const name = nameEv.evaluate(o.exportName);
        if (typeof name !== 'string') continue;
        const entry: ExportEntry = { instance: inst, output: o.name };
        if (!name.includes(STACK_PLACEHOLDER)) {
          if (!exportsExact.has(name)) exportsExact.set(name, entry);
          continue;
        }
        const parts = name.split(STACK_PLACEHOLDER).map(escapeRegex);
        this.exportPatterns.push({ regex: new RegExp(`^${parts.join('(.+)')}$`), literalLength: name.length - STACK_PLACEHOLDER.length * (parts.length - 1), ...entry });
      }
      for (const r of inst.ev.resources.values()) {
        if (r.type === 'AWS::CloudFormation::Stack' || r.type === 'AWS::Serverless::Application') {
          const c = this.childInstance(inst, r.logicalId);
          if (c !== null) pending.push(c);
        }
      }
    }
  }

  endpointPoliciesDeclared(): boolean {
    this.endpointPolicies ??= [...this.templates.values()].some((t) =>
      [...t.resources.values()].some((r) => r.type === 'AWS::EC2::VPCEndpoint' && child(r.properties, 'PolicyDocument') !== undefined));
    return this.endpointPolicies;
  }

  importValue(name: string): CfnValue | undefined {
    if (this.buildingExports) return undefined;
    if (this.exportsExact === undefined) this.buildExports();
    let entry = this.exportsExact?.get(name);
    if (entry === undefined) {
      let best: ExportPattern | undefined;
      let ambiguous = false;
      for (const p of this.exportPatterns) {
        const m = p.regex.exec(name);
        // All occurrences of the stack name must agree.
        if (m === null || new Set(m.slice(1)).size !== 1) continue;
        if (best === undefined || p.literalLength > best.literalLength) {
          best = p;
          ambiguous = false;
        } else if (p.literalLength === best.literalLength && p.instance !== best.instance) ambiguous = true;
      }
      if (best === undefined) return undefined;
      if (ambiguous) return cfnUnknown(`several templates could export '${name}'`);
      entry = best;
    }
    this.importTargets.set(name, entry);
    const v = this.outputValue(entry.instance, entry.output);
    return isCfnUnknown(v) ? v : v;
  }
}

interface RegionHint {
  readonly region: string;
  readonly source: string;
}

/**
 * The Region of the Availability Zones a template names literally (subnets, instances, AZ parameters), by name
 * (`eu-west-1a`) or by AZ id (`euw1-az1`, see azIds.ts), when they all agree.
 */
function zoneHint(t: CfnTemplate): RegionHint | undefined {
  let region: string | undefined;
  let zone: string | undefined;
  const consider = (z: string | undefined): boolean => {
    if (z === undefined) return true;
    const r = regionOfZone(z) ?? regionOfZoneId(z);
    if (r === undefined) return true; // other text (a placeholder, an unlisted prefix) says nothing
    if (region !== undefined && r !== region) return false;
    region = r;
    zone ??= z;
    return true;
  };
  for (const r of t.resources.values()) {
    if (!consider(scalarString(child(r.properties, 'AvailabilityZone')))) return undefined;
    if (!consider(scalarString(child(r.properties, 'AvailabilityZoneId')))) return undefined;
    const list = child(r.properties, 'AvailabilityZones');
    if (list?.kind === 'seq') for (const i of list.items) if (!consider(scalarString(i))) return undefined;
  }
  for (const p of t.parameters.values()) {
    if (p.type === undefined || !p.type.includes('AWS::EC2::AvailabilityZone::Name')) continue;
    const d = p.defaultNode !== undefined ? scalarString(p.defaultNode) : undefined;
    for (const z of d?.split(',') ?? []) if (!consider(z.trim())) return undefined;
  }
  return region !== undefined && zone !== undefined ? { region, source: `the Availability Zone ${zone} named in ${posix.basename(t.path)}` } : undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The literal part of a TemplateURL/Location after the last variable: `${Bucket}/vpc.template` → `vpc.template`. */
function literalTail(node: DataNode): string | undefined {
  const s = scalarString(node);
  if (s !== undefined) return s;
  const sub = node.tag?.name === '!Sub' ? node : node.kind === 'map' && node.entries.length === 1 && node.entries[0]?.key.value === 'Fn::Sub' ? node.entries[0].value : undefined;
  if (sub !== undefined) {
    const text = sub.kind === 'scalar' ? sub.value : sub.kind === 'seq' && sub.items[0]?.kind === 'scalar' ? sub.items[0].value : undefined;
    if (typeof text !== 'string') return undefined;
    const parts = parseSub(text);
    const last = parts[parts.length - 1];
    if (typeof last !== 'string') return undefined;
    return parts.length === 1 ? last : last.startsWith('/') ? last.slice(1) : last.slice(last.lastIndexOf('/') + 1);
  }
  const join = node.tag?.name === '!Join' ? node : node.kind === 'map' && node.entries.length === 1 && node.entries[0]?.key.value === 'Fn::Join' ? node.entries[0].value : undefined;
  if (join?.kind === 'seq') {
    const list = join.items[1];
    const last = list?.kind === 'seq' ? list.items[list.items.length - 1] : undefined;
    const s2 = last !== undefined ? scalarString(last) : undefined;
    if (s2 !== undefined) return s2.slice(s2.lastIndexOf('/') + 1);
  }
  return undefined;
}
