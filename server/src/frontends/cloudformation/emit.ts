// Walks the stack instances of a workspace (roots first, nested stacks where their parent creates them) and
// turns each created resource into model objects. Resources whose Condition is false are not created; those
// whose Condition cannot be decided are modelled with an `existence` unknown naming the condition (so is
// everything a conditional nested stack creates); resource types that carry no network meaning are
// summarised once per template ('cfn-unsupported-types').

import type { ModelObject } from '../../model/types';
import { Props } from './emitContext';
import { functionRef, lambdaObjects } from './lambdaResources';
import { networkObjects } from './networkResources';
import type { CfnWorkspace, StackInstance } from './stacks';
import { targetObjects } from './targetResources';
import { SAM_TRANSFORM, type CfnResource } from './template';
import { field, isCfnList, isCfnRef, isCfnUnknown, refsIn, type CfnValue } from './value';
import { isKnown, unknown, type Unknown } from '../../model/origin';
import { override } from '../../model/override';
import { isNetworkInert } from '../networkInert';

/** Types that are read (for references or nesting) but produce no model object of their own. */
const READ_ONLY_TYPES = new Set([
  'AWS::CloudFormation::Stack',
  'AWS::Serverless::Application',
  'AWS::CloudFront::Distribution',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::RDS::DBProxyTargetGroup',
  'AWS::EC2::EIP',
  'AWS::CloudFormation::WaitCondition',
  'AWS::CloudFormation::WaitConditionHandle',
  'AWS::Serverless::Connector', // its grants are the source function's policies (connectors.ts)
  'AWS::ElasticLoadBalancingV2::Listener', // its port is its load balancer's (targetResources.ts listenerPort)
]);

export function emitWorkspace(ws: CfnWorkspace): ModelObject[] {
  const objects: ModelObject[] = [];
  const edge = new Set<string>();
  const emitted = new Set<StackInstance>();
  /** `stackExistence`: set when the nested stack itself is created only under an undecidable condition. */
  const emit = (inst: StackInstance, stackExistence?: Unknown): void => {
    if (emitted.has(inst)) return;
    emitted.add(inst);
    const unsupported = new Map<string, number>();
    const globals = inst.template.globals;
    for (const r of inst.ev.resources.values()) {
      // No span: an undefined Condition is reported once, at its name, by the index walk (cfnIndex.ts).
      const created = r.condition === undefined ? true : inst.ev.resourceExistence(r.condition);
      if (created === false) continue;
      const existence = bothConditions(stackExistence, created === true ? undefined : created);
      if (r.type === 'AWS::CloudFormation::Stack' || r.type === 'AWS::Serverless::Application') {
        const c = ws.childInstance(inst, r.logicalId);
        if (c !== null) emit(c, existence);
        else unsupported.set(`${r.type} (template not in the workspace)`, (unsupported.get(`${r.type} (template not in the workspace)`) ?? 0) + 1);
        continue;
      }
      if (r.type === 'AWS::CloudFront::Distribution') {
        for (const id of edgeFunctions(inst, r)) edge.add(id);
        continue;
      }
      const out = networkObjects(inst.ev, r, new Props(inst.ev, r)) ?? lambdaObjects(inst.ev, r, globals) ?? targetObjects(inst.ev, r, globals);
      if (out !== undefined) {
        if (existence === undefined) objects.push(...out);
        // An object already conditional on an Fn::If arm (networkResources perArm) is so within the resource's condition.
        else for (const o of out) objects.push(override(o, { existence: o.existence === undefined ? existence : unknown(`${o.existence.reason}; and it is ${existence.reason}`) }));
      }
      else if (!READ_ONLY_TYPES.has(r.type)) unsupported.set(r.type || '(no Type)', (unsupported.get(r.type || '(no Type)') ?? 0) + 1);
    }
    reportUnsetParameters(ws, inst);
    if (unsupported.size > 0) {
      const list = [...unsupported].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => (n > 1 ? `${t} ×${n}` : t));
      const total = [...unsupported.values()].reduce((a, b) => a + b, 0);
      ws.report({
        code: 'cfn-unsupported-types',
        severity: [...unsupported.keys()].every(isNetworkInert) ? 'hint' : 'information',
        message: `${total} resource${total === 1 ? '' : 's'} not analysed for network reachability: ${list.join(', ')}`,
        file: inst.template.path,
        span: inst.template.resourcesSpan ?? { start: 0, end: 0 },
      });
    }
  };
  for (const root of ws.roots()) emit(root);
  for (const path of ws.templates.keys()) {
    const o = ws.orphan(path);
    if (o !== undefined) emit(o);
  }
  if (edge.size === 0) return objects;
  return objects.map((o) => (o.kind === 'lambda-function' && edge.has(o.id) ? override(o, { edge: true }) : o));
}

/**
 * One information problem per parameter that has neither a Default nor a value from a parent stack and
 * that a property we read depends on (not one per use): everything built from it is unknown.
 */
function reportUnsetParameters(ws: CfnWorkspace, inst: StackInstance): void {
  if (inst.ev.unset.length === 0) return;
  // A root SAM template is deployed with `sam deploy`, which takes values from samconfig's parameter_overrides.
  const sam = inst.parent === undefined ? ws.samConfigOf(inst.template.path) : undefined;
  const samName = sam !== undefined ? sam.path.slice(sam.path.lastIndexOf('/') + 1) : undefined;
  const isSam = inst.parent === undefined && inst.template.transforms.includes(SAM_TRANSFORM);
  const why = inst.parent !== undefined ? ' and its parent stack passes no value' : samName !== undefined ? ` and ${samName} parameter_overrides sets no value for it` : '';
  const fix = samName !== undefined ? 'give it a Default, or a value in parameter_overrides,' : isSam ? 'give it a Default, or set it in samconfig.toml parameter_overrides,' : 'give it a Default';
  for (const name of inst.ev.unset) {
    const p = inst.template.parameters.get(name);
    if (p === undefined) continue;
    ws.report({
      code: 'cfn-unknown-parameter',
      severity: 'information',
      message: `Parameter ${name} has no Default${why}: what depends on it is unknown (${fix} to analyse one deployment)`,
      file: inst.template.path,
      span: p.keySpan,
    });
  }
}

/** A resource created only if its nested stack is and its own condition holds: both reasons, outer first. */
function bothConditions(outer: Unknown | undefined, own: Unknown | undefined): Unknown | undefined {
  if (outer === undefined || own === undefined) return outer ?? own;
  return { unknown: true, reason: `${own.reason}, and its stack is ${outer.reason}`, ...(own.origin !== undefined ? { origin: own.origin } : {}) };
}

/** Functions associated with a CloudFront distribution as Lambda@Edge (C6). */
function edgeFunctions(inst: StackInstance, r: CfnResource): string[] {
  const config = new Props(inst.ev, r).get('DistributionConfig');
  const behaviours = [field(config, 'DefaultCacheBehavior'), ...listOf(field(config, 'CacheBehaviors'))];
  const out: string[] = [];
  for (const b of behaviours) {
    for (const a of listOf(field(b, 'LambdaFunctionAssociations'))) {
      const arn = field(a, 'LambdaFunctionARN');
      if (arn === undefined) continue;
      const refs = isCfnRef(arn) ? [arn] : isCfnUnknown(arn) ? refsIn(arn) : [];
      for (const ref of refs) {
        const id = functionRef(inst.ev, ref);
        if (isKnown(id)) out.push(id);
      }
    }
  }
  return out;
}

function listOf(v: CfnValue | undefined): readonly CfnValue[] {
  return v !== undefined && isCfnList(v) ? v : [];
}
