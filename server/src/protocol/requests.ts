// Custom LSP methods between the extension client and the language server, defined once and imported by
// both sides (types and method names only; no runtime dependency on either side's libraries).

/** A function known to the server, for quick picks and the panel. */
export interface FunctionSummary {
  /** Model id (unique in the workspace). */
  readonly id: string;
  /** Terraform address or CloudFormation logical id. */
  readonly address: string;
  readonly uri: string;
  readonly range: LspRange;
  readonly vpcAttached: boolean;
  /** Destinations with their status, e.g. { internet: 'no', s3: 'yes' }. */
  readonly reach: Readonly<Record<string, 'yes' | 'no' | 'partial' | 'unknown'>>;
}

export interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export namespace ListFunctionsRequest {
  export const method = 'hyperplaneLens/listFunctions';
  export interface Params {
    /** Limit to the stack of this document (its Terraform root module or template); all stacks when absent. */
    readonly uri?: string;
  }
  export type Result = readonly FunctionSummary[];
}

export namespace ExplainRequest {
  export const method = 'hyperplaneLens/explain';
  export interface Params {
    readonly functionId: string;
    /** A destination key ("internet", "s3", a target address); all destinations when absent. */
    readonly destination?: string;
  }
  export interface Result {
    readonly markdown: string;
  }
}

export namespace AnalysisStateNotification {
  export const method = 'hyperplaneLens/analysisState';
  export interface Params {
    readonly state: 'analysing' | 'idle';
    readonly functions: number;
    readonly errors: number;
    readonly warnings: number;
    /** Milliseconds the last analysis took, for the status bar tooltip. */
    readonly lastDurationMs?: number;
  }
}

export namespace DiagramRequest {
  export const method = 'hyperplaneLens/diagram';
  /** The document whose stack to draw (the whole workspace when absent), the unit to draw, packed or not. */
  export type Params = import('./diagram').DiagramRequestOptions;
  /** Packed when `packed` was asked (the panel), else plain (tests, other clients). */
  export type Result = import('./diagram').DiagramModel | import('./diagram').PackedDiagram;
}

/** Server → client: the analysis changed; the panel asks for a new diagram. */
export namespace AnalysisChangedNotification {
  export const method = 'hyperplaneLens/analysisChanged';
  export interface Params {
    readonly version: number;
  }
}
