// The diagram data the topology panel draws (and the CLI's diagram export): plain, serialisable, built by
// ide/diagramData.ts from the model and the analysis. Types only.

export type DiagramNodeKind =
  | 'cloud'
  | 'region'
  | 'lambda-service-vpc'
  | 'vpc'
  | 'az'
  | 'subnet'
  | 'function'
  | 'hyperplane-eni'
  | 'nat-gateway'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'gateway-endpoint'
  | 'interface-endpoint'
  | 'target'
  | 'aws-service'
  | 'internet'
  | 'capacity-provider'
  /** A VPC peering connection, on its requester VPC's edge (absent from older data). */
  | 'vpc-peering';

export interface DiagramNode {
  readonly id: string;
  readonly kind: DiagramNodeKind;
  readonly label: string;
  /** Secondary text (CIDR, SG set, port). */
  readonly detail?: string;
  /** Container node id (region, VPC, AZ, subnet). */
  readonly parent: string | null;
  /** Facts shown on hover, one per line. */
  readonly facts: readonly string[];
  /** Where to reveal the declaration. */
  readonly location?: { readonly uri: string; readonly line: number; readonly character: number };
  /** For subnets: 'public' or 'private' as their routes make them. */
  readonly subnetClass?: 'public' | 'private' | 'unknown';
}

export type PathStatus = 'yes' | 'no' | 'partial' | 'unknown';

export interface DiagramEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** 'peering': a peering connection to the VPC it peers with (absent from older data). */
  readonly kind: 'eni-link' | 'path' | 'route' | 'peering';
  /** For path edges: the function and destination this edge is a hop of. */
  readonly functionId?: string;
  readonly destination?: string;
  readonly status?: PathStatus;
  /** Why it is blocked and how to fix it (hover text). */
  readonly note?: string;
  /** For path edges of VPC-attached functions: the subnet (and so the AZ) the path leaves from. */
  readonly subnet?: string;
}

/** What the analysis says of one destination of a function beyond its status (absent from older data). */
export interface DiagramDestination {
  /** The function is known to need a network path there (env vars, role policies, file systems…). */
  readonly needed: boolean;
  readonly neededBecause: readonly string[];
  /** Alternatives, each alone making the destination reachable: the analysis's fixes for all subnets. */
  readonly fixes: readonly string[];
}

export interface DiagramModel {
  readonly version: number;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /**
   * Per function: destination → status, for the legend and selection; `reachLabels`: destination → the
   * analysis's human label ("the internet (IPv4)", "Amazon S3"). Optional: older data has only the keys.
   */
  readonly functions: readonly {
    readonly id: string;
    readonly label: string;
    readonly reach: Readonly<Record<string, PathStatus>>;
    readonly reachLabels?: Readonly<Record<string, string>>;
    /** Destination → whether it is needed and its fixes (optional: older data has none). */
    readonly destinations?: Readonly<Record<string, DiagramDestination>>;
  }[];
  /** Present when the document belongs to several units (absent from older data and the CLI's export). */
  readonly scope?: DiagramScope;
  /**
   * The unit drawn, when the diagram is one unit's. The panel passes it back as the request's `stack`, so a
   * shared module's file opened next shows the unit the user came from (chooseScope).
   */
  readonly stack?: string;
}

/** One unit (root module, template) the panel may draw, for its stack picker. */
export interface DiagramStack {
  /** The stack's id (as ModelObject.stack): pass it back as the request's `stack`. */
  readonly id: string;
  /** Short name: the path below the folder the stacks share. */
  readonly label: string;
}

/**
 * What part of the workspace a diagram shows, when the document belongs to several units (a shared module
 * every environment calls): those units, and the one drawn (null: all of them, the whole workspace).
 */
export interface DiagramScope {
  readonly stacks: readonly DiagramStack[];
  readonly shown: string | null;
}

/** The diagram request's parameters (DiagramRequest.Params in requests.ts), all optional. */
export interface DiagramRequestOptions {
  /** The document whose stack to draw; the whole workspace when absent. */
  readonly uri?: string;
  /** The unit to draw when the document belongs to several; `allStacks` for the whole workspace. */
  readonly stack?: string;
  /** Answer with a PackedDiagram (the panel) instead of a DiagramModel (the tests, older clients). */
  readonly packed?: boolean;
}

/** The `stack` that asks for the whole workspace. */
export const allStacks = '*';

/**
 * A DiagramModel on the wire: every id, URI, destination and note once in `strings`, named by index elsewhere
 * (ids are absolute paths repeated on every line: 11.6 MB of a 10,000-resource workspace's diagram). Edge ids
 * are not sent; unpacking numbers them. ide/diagram/diagramPack.ts packs and unpacks.
 */
export interface PackedDiagram {
  readonly packed: 1;
  readonly version: number;
  readonly strings: readonly string[];
  readonly nodes: readonly PackedNode[];
  readonly edges: readonly PackedEdge[];
  readonly functions: readonly PackedFunction[];
  readonly scope?: DiagramScope;
  readonly stack?: string;
}

/** A node: `id`, `parent` (-1: none) and `location[0]` (the URI) index `strings`. */
export interface PackedNode {
  readonly id: number;
  readonly kind: DiagramNodeKind;
  readonly label: string;
  readonly detail?: string;
  readonly parent: number;
  readonly facts: readonly string[];
  readonly location?: readonly [uri: number, line: number, character: number];
  readonly subnetClass?: 'public' | 'private' | 'unknown';
}

/**
 * An edge as a tuple: kind, then source, target, functionId, destination, note and subnet as indexes of
 * `strings` (-1: absent), then its status ('' absent).
 */
export type PackedEdge = readonly [kind: DiagramEdge['kind'], source: number, target: number, functionId: number, destination: number, note: number, subnet: number, status: PathStatus | ''];

export interface PackedFunction {
  readonly id: number;
  readonly label: string;
  readonly reach: Readonly<Record<string, PathStatus>>;
  readonly reachLabels?: Readonly<Record<string, string>>;
  readonly destinations?: Readonly<Record<string, DiagramDestination>>;
}
