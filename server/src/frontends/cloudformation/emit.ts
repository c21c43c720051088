// Walks the stack instances of a workspace (roots first, nested stacks where their parent creates them) and
// turns each created resource into model objects. Resources whose Condition is false are not created;
// resource types that carry no network meaning are summarised once per template ('cfn-unsupported-types').

import type { LambdaFunction, ModelObject } from '../../model/types';
import { Props } from './emitContext';
import { functionRef, lambdaObjects } from './lambdaResources';
import { networkObjects } from './networkResources';
import type { CfnWorkspace, StackInstance } from './stacks';
import { targetObjects } from './targetResources';
import type { CfnResource } from './template';
import { field, isCfnList, isCfnRef, isCfnUnknown, refsIn, type CfnValue } from './value';
import { isKnown } from '../../model/origin';

/** Types that are read (for references or nesting) but produce no model object of their own. */
const READ_ONLY_TYPES = new Set([
  'AWS::CloudFormation::Stack',
  'AWS::Serverless::Application',
  'AWS::CloudFront::Distribution',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::RDS::DBProxyTargetGroup',
  'AWS::EC2::EIP',
  'AWS::EFS::AccessPoint',
  'AWS::CloudFormation::WaitCondition',
  'AWS::CloudFormation::WaitConditionHandle',
]);

export function emitWorkspace(ws: CfnWorkspace): ModelObject[] {
  const objects: ModelObject[] = [];
  const edge = new Set<string>();
  const emitted = new Set<StackInstance>();
  const emit = (inst: StackInstance): void => {
    if (emitted.has(inst)) return;
    emitted.add(inst);
    const unsupported = new Map<string, number>();
    const globals = inst.template.globals;
    for (const r of inst.ev.resources.values()) {
      if (r.condition !== undefined && inst.ev.condition(r.condition, r.keySpan) === false) continue;
      if (r.type === 'AWS::CloudFormation::Stack' || r.type === 'AWS::Serverless::Application') {
        const c = ws.childInstance(inst, r.logicalId);
        if (c !== null) emit(c);
        else unsupported.set(`${r.type} (template not in the workspace)`, (unsupported.get(`${r.type} (template not in the workspace)`) ?? 0) + 1);
        continue;
      }
      if (r.type === 'AWS::CloudFront::Distribution') {
        for (const id of edgeFunctions(inst, r)) edge.add(id);
        continue;
      }
      const out = networkObjects(inst.ev, r, new Props(inst.ev, r)) ?? lambdaObjects(inst.ev, r, globals) ?? targetObjects(inst.ev, r, globals);
      if (out !== undefined) objects.push(...out);
      else if (!READ_ONLY_TYPES.has(r.type)) unsupported.set(r.type || '(no Type)', (unsupported.get(r.type || '(no Type)') ?? 0) + 1);
    }
    if (unsupported.size > 0) {
      const list = [...unsupported].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => (n > 1 ? `${t} ×${n}` : t));
      const total = [...unsupported.values()].reduce((a, b) => a + b, 0);
      ws.report({
        code: 'cfn-unsupported-types',
        severity: 'information',
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
  return objects.map((o) => (o.kind === 'lambda-function' && edge.has(o.id) ? ({ ...o, edge: true } satisfies LambdaFunction) : o));
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
