// The CLI's JSON report (schemaVersion 1), the stable contract documented in README.md: functions with
// their reachability, Hyperplane ENIs, and every diagnostic. Ids are user-facing addresses (Terraform
// addresses, CloudFormation logical ids); files are relative to the working directory with '/' separators.
// A subnet or security group the workspace does not define is named as the analysis names it everywhere
// (bySubnet keys, hyperplaneEnis): its literal id, `parameter X`, `export X`, else "(unknown subnet)".

import type { DestinationReach, FunctionReport } from '../analysis/types';
import { isUnknown, type Maybe, type Problem, type Unknown } from '../model/origin';
import { displayName, symbolLabel } from '../analysis/naming';
import type { Id, ModelObject, RefList } from '../model/types';
import { vpcConfigOf } from './explain';
import type { Severity } from '../syntax/text';
import { RangeMapper, type TextRange } from './ranges';
import type { WorkspaceAnalysis } from '../workspace/analysisSession';
import type { EffectiveFinding } from './findingFilter';
import { ModuleCallNotes } from './quickFixes/moduleCalls';

export type JsonRange = TextRange;

export interface JsonReach {
  readonly status: DestinationReach['status'];
  readonly via: string | null;
  readonly blockedAt: string | null;
  readonly reason: string | null;
  readonly path: readonly string[];
  readonly fixes: readonly string[];
  readonly bySubnet: Readonly<Record<string, 'yes' | 'no' | 'unknown'>>;
  /** Whether the function is known to need a network path here (its environment, role, file systems or group egress rules say so). */
  readonly needed: boolean;
  /** Why it is needed; for a target named only by control-plane IAM actions (not needed), those grants. */
  readonly neededBecause: readonly string[];
}

export interface JsonFunction {
  readonly id: string;
  readonly file: string;
  readonly range: JsonRange;
  readonly vpcAttached: boolean;
  readonly vpc: string | null;
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly sharesEniWith: readonly string[];
  readonly reach: Readonly<Record<string, JsonReach>>;
  /** Present when the function itself may not be created (an undecidable Condition or count): why. */
  readonly createdOnlyIf?: string;
  /** The CDK construct path (`aws:cdk:path` metadata) when the template was synthesised by CDK. */
  readonly cdkPath?: string;
  /**
   * Lambda Managed Instances: the capacity provider the function runs on. Such a function has no VpcConfig
   * (`vpcAttached` is false) and no Hyperplane ENIs; `vpc`, `subnets` and `securityGroups` are the capacity
   * provider's, whose instances run in those subnets.
   */
  readonly capacityProvider?: string;
  /**
   * How many entries of `subnets` stand for values the workspace does not know (a parameter, a variable, a whole
   * unknown list as one entry); absent when none. A literal id (`subnet-0abc…`) is a known value, of a subnet
   * defined elsewhere: not counted. A whole unknown list has no `hyperplaneEnis` entry.
   */
  readonly unknownSubnets?: number;
  /** How many entries of `securityGroups` stand for unknown values; absent when none. */
  readonly unknownSecurityGroups?: number;
}

export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly file: string;
  readonly range: JsonRange;
  readonly message: string;
  readonly related: readonly { readonly file: string; readonly range: JsonRange; readonly message: string }[];
  /** For findings: the address of the resource the finding is about (stable across edits; used for SARIF fingerprints). */
  readonly resource?: string;
}

export interface JsonReport {
  readonly schemaVersion: 1;
  readonly functions: readonly JsonFunction[];
  readonly hyperplaneEnis: readonly { readonly subnet: string; readonly securityGroups: readonly string[]; readonly functions: readonly string[] }[];
  readonly diagnostics: readonly JsonDiagnostic[];
}

/**
 * `file` (a model path: absolute, '/' separators) relative to `cwd`, with `..` segments when it lies outside
 * it, as the contract promises in every case; unchanged when the two share no root (another Windows drive).
 */
export function relativeFile(file: string, cwd: string): string {
  const base = cwd.endsWith('/') ? cwd : cwd + '/';
  if (file.startsWith(base)) return file.slice(base.length);
  const from = base.split('/').filter((s, i) => s !== '' || i === 0);
  const to = file.split('/');
  if (from[0] !== to[0] || to.length < 2) return file;
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array<string>(from.length - common).fill('..'), ...to.slice(common)].join('/');
}

/**
 * A problem message with the paths it names under `cwd` made relative ("/ci/run/42/infra/x.txt is read by file()"
 * → "infra/x.txt …"), so reports from two checkouts of one workspace are the same.
 */
export function relativeMessage(message: string, cwd: string): string {
  const base = cwd.endsWith('/') ? cwd : cwd + '/';
  return base.length > 1 && message.includes(base) ? message.split(base).join('') : message;
}

/** The names the analysis gives subnets and groups the workspace does not define (see analysis/reachability.ts). */
export const unknownSubnetName = '(unknown subnet)';
export const unknownGroupName = '(unknown security group)';

/** The optional unknown-entry counts of a JsonFunction, present only when not zero. */
function unknownCounts(subnets: number, groups: number): { unknownSubnets?: number; unknownSecurityGroups?: number } {
  if (subnets === 0 && groups === 0) return {};
  if (groups === 0) return { unknownSubnets: subnets };
  return subnets === 0 ? { unknownSecurityGroups: groups } : { unknownSubnets: subnets, unknownSecurityGroups: groups };
}

/**
 * A literal id the template writes (`subnet-0e80dd54d46959a91`): the value is known, only the object it names is
 * outside the workspace, and its Hyperplane ENI is counted (H1) like a declared subnet's.
 */
function isLiteralId(v: Maybe<Id>): boolean {
  return isUnknown(v) && v.symbol?.startsWith('literal:') === true;
}

function unknownName(u: Unknown, fallback: string): string {
  return u.symbol !== undefined ? symbolLabel(u) : fallback;
}

export function buildJsonReport(
  analysis: WorkspaceAnalysis,
  findings: readonly EffectiveFinding[],
  extraProblems: readonly Problem[],
  cwd: string,
  /** Only functions and diagnostics located in these files (model paths) are reported; default all. */
  reported?: (file: string) => boolean,
): JsonReport {
  const { model, result } = analysis;
  const ranges = new RangeMapper((f) => analysis.snapshot.text(f));
  const address = (id: Id): string => model.get(id)?.address ?? displayName(model, id);
  const maybeAddress = (v: Maybe<Id>): string | null => (isUnknown(v) ? null : address(v));
  const capacityProviderName = (fn: ModelObject | undefined): string => {
    const cp = fn?.kind === 'lambda-function' ? fn.capacityProvider : null;
    return cp === null || cp === undefined ? '(unknown capacity provider)' : isUnknown(cp) ? unknownName(cp, '(unknown capacity provider)') : address(cp);
  };
  // Every subnet and group of the function, undefined ones included: `subnets` holds exactly the keys of
  // each destination's bySubnet and the subnets of its hyperplaneEnis entries.
  const names = (list: readonly Maybe<Id>[], fallback: string): string[] => [...new Set(list.map((v) => (isUnknown(v) ? unknownName(v, fallback) : address(v))))];
  // A whole list the workspace cannot know (`var.subnet_ids`, `!Ref SubnetIds`) is one entry, as in bySubnet.
  // `unknown` counts the entries that stand for unknowns: symbolic ones ("parameter Subnets") read like names.
  const listEntries = (listed: readonly Maybe<Id>[], written: RefList | undefined, fallback: string): { readonly names: string[]; readonly unknown: number } =>
    listed.length === 0 && written !== undefined && isUnknown(written)
      ? { names: [unknownName(written, fallback)], unknown: 1 }
      : { names: names(listed, fallback), unknown: new Set(listed.filter((v): v is Unknown => isUnknown(v) && !isLiteralId(v)).map((v) => unknownName(v, fallback))).size };

  const keep = (file: string | undefined): boolean => reported === undefined || (file !== undefined && reported(file));
  const kept = result.functions.filter((r) => keep(model.get(r.function)?.origin.file));
  const keptFunctions = new Set<Id>(kept.map((r) => r.function));
  const functions = kept.map((report: FunctionReport): JsonFunction => {
    const fn = model.get(report.function);
    const origin = fn?.origin;
    const config = vpcConfigOf(model, report.function);
    const subnets = report.vpcAttached ? listEntries(report.subnets, config?.subnets, unknownSubnetName) : { names: [], unknown: 0 };
    const groups = report.vpcAttached ? listEntries(report.securityGroups, config?.securityGroups, unknownGroupName) : { names: [], unknown: 0 };
    const reach: Record<string, JsonReach> = {};
    for (const r of report.reach) {
      const bySubnet: Record<string, 'yes' | 'no' | 'unknown'> = {};
      for (const s of r.bySubnet) bySubnet[address(s.subnet)] = s.status;
      reach[r.destination] = {
        status: r.status,
        via: r.via,
        blockedAt: r.blockedAt === null ? null : address(r.blockedAt),
        reason: r.reason,
        path: r.path.map((h) => `${h.label}: ${h.detail}`),
        fixes: r.fixes.map((f) => f.description),
        bySubnet,
        needed: r.needed,
        neededBecause: r.neededBecause,
      };
    }
    return {
      id: fn?.address ?? report.function,
      file: origin ? relativeFile(origin.file, cwd) : '',
      range: origin ? ranges.range(origin.file, origin.span) : zeroRange,
      // Attached means a VpcConfig and Hyperplane ENIs (M2); a function on Lambda Managed Instances has neither.
      vpcAttached: report.vpcAttached && !report.managedInstances,
      vpc: report.vpc === null ? null : maybeAddress(report.vpc),
      subnets: subnets.names,
      securityGroups: groups.names,
      sharesEniWith: report.sharesEniWith.map(address).sort(),
      reach,
      ...(report.existence ? { createdOnlyIf: report.existence.reason } : {}),
      ...(origin?.cdkPath !== undefined ? { cdkPath: origin.cdkPath } : {}),
      ...(report.managedInstances ? { capacityProvider: capacityProviderName(fn) } : {}),
      ...unknownCounts(subnets.unknown, groups.unknown),
    };
  });

  const diagnostics: JsonDiagnostic[] = [];
  for (const p of [...analysis.problems, ...extraProblems]) {
    if (!keep(p.file)) continue;
    diagnostics.push({
      code: p.code,
      severity: p.severity,
      file: relativeFile(p.file, cwd),
      range: ranges.range(p.file, p.span),
      message: relativeMessage(p.message, cwd),
      related: (p.related ?? []).map((r) => ({ file: relativeFile(r.file, cwd), range: ranges.range(r.file, r.span), message: relativeMessage(r.message, cwd) })),
    });
  }
  // Objects of modules `terraform init` installed: the user's `module` call is where their change goes.
  const notes = new ModuleCallNotes({ model, text: (f) => analysis.snapshot.text(f), hcl: (f) => analysis.snapshot.hcl(f), paths: analysis.snapshot.paths });
  for (const f of findings) {
    if (!keep(f.origin.file)) continue;
    const calls = notes.of(f).map((n) => ({ file: relativeFile(n.file, cwd), range: ranges.range(n.file, n.span), message: n.message }));
    diagnostics.push({
      code: f.rule,
      severity: f.effectiveSeverity,
      file: relativeFile(f.origin.file, cwd),
      range: ranges.range(f.origin.file, f.origin.span),
      message: f.message,
      related: [...f.related.map((r) => ({ file: relativeFile(r.origin.file, cwd), range: ranges.range(r.origin.file, r.origin.span), message: r.message })), ...calls],
      resource: address(f.subject),
    });
  }
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));

  return {
    schemaVersion: 1,
    functions: functions.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    hyperplaneEnis: result.enis.filter((e) => reported === undefined || e.functions.some((f) => keptFunctions.has(f))).map((e) => ({ subnet: address(e.subnet), securityGroups: e.securityGroups.map(address).sort(), functions: e.functions.map(address).sort() })),
    diagnostics,
  };
}

const zeroRange: JsonRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
