// The HCL syntax tree produced by the native-syntax reader (hclParser.ts) and by the JSON-syntax
// adapter (hclJson.ts). Contract: every node carries its exact span; a file that does not parse still
// yields a tree (unparseable parts become `invalid` expressions or are skipped) plus problems.

import type { Span, SyntaxProblem } from '../text';

export interface HclFile {
  readonly body: HclBody;
  readonly problems: readonly SyntaxProblem[];
  /** Every comment, in source order (for suppression comments such as `# hyperplane-lens-ignore RULE`). */
  readonly comments: readonly HclComment[];
  /** 'native' for .tf/.tfvars, 'json' for .tf.json/.tfvars.json. */
  readonly syntax: 'native' | 'json';
  /**
   * Native syntax only: every traversal rooted at a variable that no enclosing `for` (expression or template
   * directive) binds, as its outermost attribute/index step (a splat's source ends one), and every function
   * call, in the order of a walk of the tree that visits a call before its arguments, a traversal after its
   * index keys, an index's key before its object (the last key of a chain first) and other children in source
   * order. Lets reference checks skip walking every expression; it includes the entries of block labels and
   * of attributes a reader ignores (match them by span).
   */
  readonly traversals?: readonly HclTraversalRef[];
}

/** An entry of HclFile.traversals. */
export type HclTraversalRef = HclVariable | HclGetAttr | HclIndex | HclCall;

export interface HclComment {
  readonly text: string; // including the `#`, `//` or `/* */` markers
  readonly span: Span;
}

export interface HclBody {
  /** Attributes and blocks in source order. */
  readonly items: readonly (HclAttribute | HclBlock)[];
  readonly span: Span;
}

export interface HclAttribute {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameSpan: Span;
  readonly expr: HclExpr;
  /** From the name to the end of the expression. */
  readonly span: Span;
}

export interface HclBlock {
  readonly kind: 'block';
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly HclLabel[];
  readonly body: HclBody;
  /** From the type keyword to the closing brace (or where recovery stopped). */
  readonly span: Span;
}

export interface HclLabel {
  readonly value: string;
  readonly span: Span;
}

export type HclExpr =
  | HclLiteral
  | HclTemplate
  | HclVariable
  | HclGetAttr
  | HclIndex
  | HclSplat
  | HclSplatItem
  | HclTuple
  | HclObject
  | HclCall
  | HclConditional
  | HclBinary
  | HclUnary
  | HclParen
  | HclFor
  | HclInvalid;

/** Numbers, `true`, `false`, `null`. Quoted strings without interpolation are templates with one string part. */
export interface HclLiteral {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly span: Span;
}

/** A quoted string or heredoc: literal parts, `${…}` interpolations and `%{if}`/`%{for}` directives. */
export interface HclTemplate {
  readonly kind: 'template';
  readonly parts: readonly HclTemplatePart[];
  /** Present for heredocs: the delimiter word and whether it was `<<-` (indentation stripped). */
  readonly heredoc?: { readonly marker: string; readonly indented: boolean };
  readonly span: Span;
}

export type HclTemplatePart =
  | { readonly kind: 'string'; readonly value: string; readonly span: Span } // escapes already decoded
  | { readonly kind: 'interpolation'; readonly expr: HclExpr; readonly span: Span }
  | {
      readonly kind: 'if';
      readonly condition: HclExpr;
      readonly then: readonly HclTemplatePart[];
      readonly else: readonly HclTemplatePart[] | undefined;
      readonly span: Span;
    }
  | {
      readonly kind: 'for';
      readonly keyVar: string | undefined;
      readonly valueVar: string;
      readonly collection: HclExpr;
      readonly body: readonly HclTemplatePart[];
      readonly span: Span;
    };

/** The root of a traversal: `var`, `local`, `aws_vpc`, `each`, `count`, `module`, `data`, `path`, `self`, a for-variable… */
export interface HclVariable {
  readonly kind: 'variable';
  readonly name: string;
  readonly span: Span;
}

/** `object.name` */
export interface HclGetAttr {
  readonly kind: 'getAttr';
  readonly object: HclExpr;
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
}

/** `object[key]`, and the legacy `object.0` form (key is a number literal). */
export interface HclIndex {
  readonly kind: 'index';
  readonly object: HclExpr;
  readonly key: HclExpr;
  readonly span: Span;
}

/**
 * `source[*].a.b` (full splat) or `source.*.a` (attribute-only splat). `each` is the traversal applied to
 * every element, rooted at an `HclSplatItem`; for `x[*]` alone it is just the splat item.
 */
export interface HclSplat {
  readonly kind: 'splat';
  readonly source: HclExpr;
  readonly each: HclExpr;
  readonly full: boolean;
  readonly span: Span;
}

export interface HclSplatItem {
  readonly kind: 'splatItem';
  readonly span: Span;
}

export interface HclTuple {
  readonly kind: 'tuple';
  readonly items: readonly HclExpr[];
  readonly span: Span;
}

/** `{ key = value, … }`. A bare identifier key is a `literal` string; `(expr)` keys are `paren`. */
export interface HclObject {
  readonly kind: 'object';
  readonly items: readonly { readonly key: HclExpr; readonly value: HclExpr; readonly span: Span }[];
  readonly span: Span;
}

export interface HclCall {
  readonly kind: 'call';
  readonly name: string; // may contain `::` for provider functions
  readonly nameSpan: Span;
  readonly args: readonly HclExpr[];
  /** The final argument was followed by `...` (expand a tuple into arguments). */
  readonly expandFinal: boolean;
  readonly span: Span;
}

export interface HclConditional {
  readonly kind: 'conditional';
  readonly condition: HclExpr;
  readonly then: HclExpr;
  readonly else: HclExpr;
  readonly span: Span;
}

export type HclBinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface HclBinary {
  readonly kind: 'binary';
  readonly op: HclBinaryOp;
  readonly left: HclExpr;
  readonly right: HclExpr;
  readonly span: Span;
}

export interface HclUnary {
  readonly kind: 'unary';
  readonly op: '!' | '-';
  readonly operand: HclExpr;
  readonly span: Span;
}

export interface HclParen {
  readonly kind: 'paren';
  readonly inner: HclExpr;
  readonly span: Span;
}

/** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`. */
export interface HclFor {
  readonly kind: 'for';
  readonly keyVar: string | undefined;
  readonly valueVar: string;
  readonly collection: HclExpr;
  /** Only for the object form. */
  readonly keyExpr: HclExpr | undefined;
  readonly valueExpr: HclExpr;
  readonly condition: HclExpr | undefined;
  /** Object form with `...` after the value (grouping mode). */
  readonly grouping: boolean;
  readonly objectForm: boolean;
  readonly span: Span;
}

/** Placeholder where the reader could not make sense of the text; a problem describes why. */
export interface HclInvalid {
  readonly kind: 'invalid';
  readonly span: Span;
}
