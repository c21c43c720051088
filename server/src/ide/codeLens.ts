// The one-line summary above each function: "needs S3 ✓ gateway endpoint · orders DB ✓ · others Internet ✗ ·
// shares ENIs with 2 functions". What the function is known to need comes first; the rest is there because the
// workspace may not show every need (an API called by a URL in code), not as an alarm.

import type { AnalysisResult, DestinationReach } from '../analysis/types';
import type { NetworkModel } from '../model/network';
import type { Span } from '../syntax/text';
import { viaText } from './viaText';

export interface FunctionLens {
  readonly functionId: string;
  readonly span: Span;
  readonly title: string;
}

const mark = { yes: '✓', no: '✗', partial: '◐', unknown: '?' } as const;

export function functionLenses(model: NetworkModel, result: AnalysisResult, file: string): FunctionLens[] {
  const lenses: FunctionLens[] = [];
  // One declaration that is several functions (a template nested twice, a counted block): each lens names its own.
  const starts = new Map<number, number>();
  for (const report of result.functions) {
    const fn = model.get(report.function);
    if (fn && fn.origin.file === file) starts.set(fn.origin.span.start, (starts.get(fn.origin.span.start) ?? 0) + 1);
  }
  for (const report of result.functions) {
    const fn = model.get(report.function);
    if (!fn || fn.origin.file !== file) continue;
    const needed = report.reach.filter((r) => r.needed).slice(0, 5).map((r) => part(model, r));
    const others = report.reach.filter((r) => !r.needed && (r.destinationKind === 'internet' || r.status !== 'yes')).slice(0, 6 - needed.length).map((r) => part(model, r));
    const parts = needed.length === 0 ? others : [`needs ${needed.join(' · ')}`, ...(others.length > 0 ? [`others ${others.join(' ')}`] : [])];
    if (!report.vpcAttached && !report.managedInstances) parts.unshift('Lambda service VPC');
    const sharing = report.sharesEniWith.length;
    // "with 1" alone read as one ENI or one of something else: the count is of functions.
    if (sharing > 0) parts.push(`shares ENIs with ${sharing} function${sharing === 1 ? '' : 's'}`);
    const title = parts.join(' · ') || 'Hyperplane Lens';
    lenses.push({ functionId: fn.id, span: { start: fn.origin.span.start, end: fn.origin.span.start }, title: (starts.get(fn.origin.span.start) ?? 0) > 1 ? `${fn.address}: ${title}` : title });
  }
  return lenses;
}

function part(model: NetworkModel, r: DestinationReach): string {
  const via = r.status === 'yes' && r.via && r.via !== 'lambda-service-vpc' && r.via !== 'local' ? ` ${viaText(r.via)}` : '';
  return `${shortLabel(model, r)} ${mark[r.status]}${via}`;
}

const targetNoun: Readonly<Record<string, string>> = {
  'rds-instance': 'DB',
  'rds-cluster': 'DB',
  'rds-proxy': 'DB proxy',
  'docdb-cluster': 'DB',
  elasticache: 'cache',
  memorydb: 'cache',
  'efs-file-system': 'EFS',
  'efs-mount-target': 'EFS',
  'ec2-instance': 'instance',
  'load-balancer': 'load balancer',
  'mq-broker': 'broker',
  'msk-cluster': 'Kafka',
};

function shortLabel(model: NetworkModel, r: DestinationReach): string {
  if (r.destination === 'internet') return 'Internet';
  if (r.destination === 's3') return 'S3';
  if (r.destination === 'dynamodb') return 'DynamoDB';
  const object = r.target ? model.get(r.target) : undefined;
  const address = object?.address ?? r.label;
  const name = (address.split('.').pop() ?? address).replace(/\[.*\]$/, '');
  const noun = object?.kind === 'target' ? targetNoun[object.targetKind] : undefined;
  // A name that says what it is already ("Cache", "OrdersDb", "api_proxy") gets no noun: not "Cache cache".
  const label = noun && !name.toLowerCase().includes((noun.split(' ').pop() ?? noun).toLowerCase()) ? `${name} ${noun}` : name;
  return label.length > 28 ? label.slice(0, 27) + '…' : label;
}
