// A CloudFormation value as a hover shows it: intrinsic short forms for references (`!GetAtt Db.Endpoint.Address`)
// and words for what only deployment decides, never the evaluator's internal ids or symbols.

import { isAzList, isCfnMap, isCfnRef, isCfnUnknown, isNoValue, type CfnRef, type CfnValue } from '../frontends/cloudformation/value';

/** What a whole value that only deployment knows is (a reference to a resource, the Region's AZs), or undefined. */
export function cfnDeployTimeDescription(v: CfnValue): string | undefined {
  if (isCfnRef(v)) return `${refWhat(v)} of \`${v.logicalId}\` (${v.resourceType}), known after deployment`;
  if (isAzList(v)) return `the Availability Zones of ${regionText(v.region)}, known at deployment`;
  if (isCfnUnknown(v)) return `unknown until deployment: ${v.reason}`;
  return undefined;
}

/** The value as template-like text; a nested reference reads as the intrinsic that produces it. */
export function cfnValueText(v: CfnValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${(v as readonly CfnValue[]).map(cfnValueText).join(', ')}]`;
  if (isCfnRef(v)) return v.attribute === 'Ref' ? `!Ref ${v.logicalId}` : `!GetAtt ${v.logicalId}.${v.attribute}`;
  if (isCfnUnknown(v)) return `(unknown: ${v.reason})`;
  if (isAzList(v)) return `(the Availability Zones of ${regionText(v.region)})`;
  if (isNoValue(v)) return 'AWS::NoValue (the property is removed)';
  if (isCfnMap(v)) return `{${[...v.fields].map(([k, x]) => `${k}: ${cfnValueText(x)}`).join(', ')}}`;
  return '(unknown)';
}

function refWhat(r: CfnRef): string {
  return r.attribute === 'Ref' ? 'the physical ID' : `the ${r.attribute}`;
}

function regionText(region: string): string {
  return region === 'AWS::Region' ? 'the Region deployed to' : region;
}
