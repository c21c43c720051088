// What a resource mapper gets (one resource instance seen through its evaluated arguments) and gives
// (model objects, problems, and facts that other resources complete: edge functions, inline rule owners).

import { unknown, type Maybe, type Origin, type Problem, type Unknown } from '../../../model/origin';
import type { Base, Id, ModelObject, NotCreated, PrefixListRef } from '../../../model/types';
import type { Severity, Span } from '../../../syntax/text';
import type { BlockView } from '../blockView';
import type { InstanceHandle } from '../moduleInstance';
import type { TfSession } from '../session';
import { isTfUnknown, type TfValue } from '../value';

export interface EmitState {
  readonly objects: ModelObject[];
  /** Functions associated with CloudFront (Lambda@Edge, C6), marked after every resource is read. */
  readonly edgeFunctions: Set<Id>;
  /** Route tables / SGs that declare inline rules, and standalone rules naming them (T3, T5 conflicts). */
  readonly inlineOwners: Map<Id, string>;
  /**
   * What each of them manages inline: 'ingress' / 'egress' for a security group, 'route' for a route table.
   * Terraform keeps only the inline set of what an owner manages, so a standalone rule or route of the same kind
   * is removed again on every apply of the owner (T3, T5).
   */
  readonly inlineManaged: Map<Id, ReadonlySet<string>>;
  /** Standalone rules and routes naming an owner, with what they add: 'ingress' / 'egress' rules, or a 'route'. */
  readonly standalone: { readonly owner: Id; readonly kind: string; readonly file: string; readonly span: Span; readonly address: string }[];
  /** Modelled resource types declared with zero instances (count 0, empty for_each). */
  readonly notCreated?: NotCreated[];
  /** aws_ec2_managed_prefix_list_entry resources, folded into their lists once every resource is read (prefixListEntries.ts). */
  readonly listEntries?: ListEntry[];
  /** Prefix lists that declare their entries inline (`entry` blocks): Terraform keeps only that set on every apply. */
  readonly inlineEntryLists?: Set<Id>;
}

/** One aws_ec2_managed_prefix_list_entry instance (or the placeholder of one whose count/for_each is unknown). */
export interface ListEntry {
  readonly list: PrefixListRef;
  readonly cidr: Maybe<string>;
  /** Unknown when the entry may not exist (count/for_each, a conditional module…). */
  readonly existence: Unknown | undefined;
  readonly address: string;
  readonly file: string;
  readonly span: Span;
}

export class MapContext {
  readonly base: Base;

  constructor(
    readonly inst: InstanceHandle,
    readonly session: TfSession,
    private readonly state: EmitState,
  ) {
    const decl = inst.decl;
    const origin: Origin = { file: decl.file, span: decl.block.span, nameSpan: decl.block.labels[1]?.span ?? decl.block.typeSpan };
    const existence = inst.existence;
    const base: Base = existence === undefined ? { id: inst.id, address: inst.address, stack: session.stack, origin } : { id: inst.id, address: inst.address, stack: session.stack, origin, existence };
    const region = regionApart(inst.region(), session.region);
    // Spreads go last in object literals here and in the mappers: V8 11 gives objects built as spread-then-fields a hidden class each (docs/performance.md).
    this.base = region === undefined ? base : { region, ...base };
  }

  get view(): BlockView {
    return this.inst.view;
  }

  /** A sub-object of this resource (inline route, rule, association): its own id and origin, the same address. */
  sub(suffix: string, block?: BlockView): Base {
    const origin: Origin = block ? { file: block.file, span: block.span, nameSpan: block.nameSpan } : this.base.origin;
    const sub: Base = { id: `${this.base.id}/${suffix}`, address: this.base.address, stack: this.base.stack, origin };
    const withExistence = this.base.existence === undefined ? sub : { existence: this.base.existence, ...sub };
    return this.base.region === undefined ? withExistence : { region: this.base.region, ...withExistence };
  }

  emit(object: ModelObject): void {
    this.state.objects.push(object);
  }

  problem(code: string, severity: Severity, message: string, span?: Span): void {
    const p: Problem = { code, severity, message, file: this.base.origin.file, span: span ?? this.base.origin.nameSpan ?? this.base.origin.span };
    this.session.report(p);
  }

  markEdge(fn: Id): void {
    this.state.edgeFunctions.add(fn);
  }

  inlineOwner(owner: Id, what: string, manages: readonly string[]): void {
    this.state.inlineOwners.set(owner, what);
    this.state.inlineManaged.set(owner, new Set(manages));
  }

  /** A prefix list that declares inline entries (see EmitState.inlineEntryLists). */
  inlineEntries(list: Id): void {
    this.state.inlineEntryLists?.add(list);
  }

  listEntry(list: PrefixListRef, cidr: Maybe<string>): void {
    const o = this.base.origin;
    this.state.listEntries?.push({ list, cidr, existence: this.base.existence, address: this.base.address, file: o.file, span: o.nameSpan ?? o.span });
  }

  standaloneFor(owner: Id, kind: string): void {
    this.state.standalone.push({ owner, kind, file: this.base.origin.file, span: this.base.origin.nameSpan ?? this.base.origin.span, address: this.base.address });
  }
}

/** A resource's Region when it differs from the stack's (its provider alias or `region` argument), else undefined. */
function regionApart(region: TfValue, stackRegion: TfValue): Maybe<string> | undefined {
  if (region === stackRegion || region === null) return undefined;
  if (typeof region === 'string') return region;
  if (isTfUnknown(region)) return unknown(region.reason, region.origin ? { origin: region.origin } : undefined);
  return unknown('the Region is not a string');
}

export type Mapper = (m: MapContext) => void;
