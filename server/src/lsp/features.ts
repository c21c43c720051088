// Registers every request handler. Each handler converts LSP positions to offsets, asks ide/ for plain data,
// and converts back; all run through runSafe.

import { type CancellationToken, CodeActionKind, MarkupKind, SymbolKind, type Location, type SymbolInformation, type CodeAction, type CodeLens, type TextEdit as LspTextEdit, type Connection, type DocumentSymbol, type Hover, type TextDocuments } from 'vscode-languageserver';
import { functionLenses } from '../ide/codeLens';
import { ModuleCallNotes } from '../ide/quickFixes/moduleCalls';
import { quickFixesFor } from '../ide/quickFixes/quickFixes';
import type { TextEdit } from '../ide/quickFixes/textEdit';
import { counted } from '../analysis/listWords';
import { suppressionFix } from '../ide/quickFixes/suppression';
import { objectHover, type HoverContext } from '../ide/hover';
import type { ModelObject } from '../model/types';
import { ObjectIndex } from '../ide/objectIndex';
import { conditionalAt, conditionalMarkdown } from '../ide/conditionHover';
import { policyTemplateAt, policyTemplateMarkdown } from '../ide/samPolicyHover';
import { indexFor, referenceHoverMarkdown } from '../ide/navigation';
import type { WorkspaceAnalysis } from '../workspace/analysisSession';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { explainMarkdown, findFunctionReport } from '../ide/explain';
import { DiagramRequest, ExplainRequest, ListFunctionsRequest, type FunctionSummary } from '../protocol/requests';
import { buildDiagram } from '../ide/diagram/diagramData';
import type { DiagramModel, DiagramRequestOptions, PackedDiagram } from '../protocol/diagram';
import { chooseScope } from '../ide/diagram/diagramScope';
import { packDiagram } from '../ide/diagram/diagramPack';
import { RangeMapper } from '../ide/ranges';
import type { LanguageService } from './languageService';
import { fileKind } from '../workspace/fileKinds';
import { registerCommands, revealLocationCommand, type RevealLocationArgument } from './revealLocation';
import { runSafe } from './safeRequest';
import { pathToUri, uriToPath } from './uris';

export function registerFeatures(connection: Connection, _documents: TextDocuments<TextDocument>, service: LanguageService): void {
  let objectIndex: { analysis: WorkspaceAnalysis; index: ObjectIndex } | undefined;
  const objectsOf = (analysis: WorkspaceAnalysis): ObjectIndex => {
    if (objectIndex?.analysis !== analysis) objectIndex = { analysis, index: new ObjectIndex(analysis.model, (f) => analysis.unitModelsOf(f)) };
    return objectIndex.index;
  };

  registerCommands(connection);

  connection.onHover((params, token) =>
    runSafe<Hover | null>(connection, 'hover', token, null, () => {
      const current = service.current();
      if (!current) return null;
      const { analysis } = current;
      const file = uriToPath(params.textDocument.uri);
      const ranges = rangesOf(analysis);
      const offset = ranges.offset(file, params.position);
      const objects = objectsOf(analysis);
      const ctx = { model: analysis.model, result: analysis.result, objects, eniQuotaPerVpc: service.currentSettings.eniQuotaPerVpc };
      const index = indexFor(analysis, file);
      const reference = index?.hover(file, offset);
      if (reference) {
        // A reference shows its value, then what it names: hovering `aws_subnet.a.id` explains the subnet, and
        // `aws_subnet.public[0].id` the instance it names, not another one of the same block.
        const target = index?.definition(file, offset)[0];
        const named = target ? instancesNamed(objects.allAt(target.file, target.span.start), reference.value ?? reference.text) : [];
        const extra = instancesHover(ctx, named);
        const value = referenceHoverMarkdown(reference) + (extra ? `\n\n---\n\n${extra}` : '');
        return { contents: { kind: MarkupKind.Markdown, value }, range: ranges.range(file, reference.span) };
      }
      // Only templates: a .tf file must not be read as YAML.
      const data = fileKind(file) === 'data' ? analysis.snapshot.data(file) : undefined;
      const template = data && policyTemplateAt(data, analysis.snapshot.text(file) ?? '', offset);
      if (template) return { contents: { kind: MarkupKind.Markdown, value: policyTemplateMarkdown(template) }, range: ranges.range(file, template.span) };
      const conditional = data && conditionalAt(data, offset);
      if (conditional) {
        const markdown = conditionalMarkdown(conditional, analysis.snapshot.text(file) ?? '', index?.hover(file, conditional.condition.span.start));
        return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: ranges.range(file, conditional.span) };
      }
      const declared = objects.allAt(file, offset);
      const object = declared[0];
      if (!object) return null;
      const markdown = instancesHover(ctx, declared);
      if (!markdown) return null;
      const nameSpan = object.origin.nameSpan ?? object.origin.span;
      return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: ranges.range(file, nameSpan) };
    }),
  );

  connection.onCodeLens((params, token) =>
    runSafe<CodeLens[]>(connection, 'codeLens', token, [], () => {
      const current = service.current();
      if (!current) return [];
      const { analysis } = current;
      const file = uriToPath(params.textDocument.uri);
      const ranges = rangesOf(analysis);
      return functionLenses(analysis.model, analysis.result, file).map((lens) => ({
        range: ranges.range(file, lens.span),
        command: { title: lens.title, command: 'hyperplaneLens.showTopology', arguments: [lens.functionId] },
      }));
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>(connection, 'codeAction', token, [], () => {
      const current = service.current();
      if (!current) return [];
      const { analysis, findings } = current;
      const file = uriToPath(params.textDocument.uri);
      const ranges = rangesOf(analysis);
      // Quick fixes edit only the user's files (LanguageService.isUserFile).
      const editable = (f: string): boolean => service.isUserFile(f);
      const notes = service.showDocumentSupported ? new ModuleCallNotes({ model: analysis.model, text: (f) => analysis.snapshot.text(f), hcl: (f) => analysis.snapshot.hcl(f), paths: analysis.snapshot.paths, editable }) : undefined;
      const revealed = new Set<string>();
      const actions: CodeAction[] = [];
      const goTo: CodeAction[] = [];
      const ignores: CodeAction[] = [];
      for (const diagnostic of params.context.diagnostics) {
        const data: unknown = diagnostic.data;
        if (!data || typeof data !== 'object' || !('subject' in data) || !('rule' in data)) continue;
        const finding = findings.find((f) => f.rule === data.rule && f.subject === data.subject && f.origin.file === file);
        if (!finding) continue;
        // The user's `module` call of an installed module, where a change to its objects belongs: listed in every
        // client (VS Code leaves disabled actions out of its menu), after the fixes, once per call.
        for (const note of notes?.of(finding) ?? []) {
          const target: RevealLocationArgument = { uri: pathToUri(note.file), range: ranges.range(note.file, note.span) };
          const key = `${target.uri}:${target.range.start.line}:${target.range.start.character}`;
          if (revealed.has(key)) continue;
          revealed.add(key);
          const title = `Go to module call "${note.name}" (the fix belongs in its inputs)`;
          goTo.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: revealLocationCommand, arguments: [target] } });
        }
        const fixes = quickFixesFor({ model: analysis.model, text: (f) => analysis.snapshot.text(f), hcl: (f) => analysis.snapshot.hcl(f), data: (f) => analysis.snapshot.data(f), editable, paths: analysis.snapshot.paths }, finding);
        for (const fix of fixes) {
          // A change that belongs in code the user does not own is listed, greyed out, with where it belongs.
          if (fix.disabled !== undefined) {
            if (service.disabledActionsShown) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: fix.disabled } });
            continue;
          }
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: { changes: lspChanges(fix.edits, ranges) } });
        }
        // Listed last: silencing the finding, for a user who decides it does not apply.
        const ignore = editable(file) ? suppressionFix(analysis.snapshot.text(file), finding) : undefined;
        if (ignore) ignores.push({ title: ignore.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: lspChanges(ignore.edits, ranges) } });
      }
      return [...actions, ...goTo, ...ignores];
    }),
  );

  const locations = (kind: 'definition' | 'references') => (params: { textDocument: { uri: string }; position: { line: number; character: number }; context?: { includeDeclaration: boolean } }, token: CancellationToken): Location[] =>
    runSafe<Location[]>(connection, kind, token, [], () => {
      const current = service.current();
      if (!current) return [];
      const { analysis } = current;
      const file = uriToPath(params.textDocument.uri);
      const ranges = rangesOf(analysis);
      const index = indexFor(analysis, file);
      if (!index) return [];
      const offset = ranges.offset(file, params.position);
      let found = kind === 'definition' ? index.definition(file, offset) : index.references(file, offset);
      if (kind === 'references' && params.context?.includeDeclaration && found.length > 0) {
        // "Find All References" asks for the declaration too: from a use, or with the cursor on the declaration.
        const declaration = index.definition(file, offset)[0] ?? index.symbols(file).find((s) => s.selectionSpan.start <= offset && offset <= s.selectionSpan.end);
        const at = declaration && ('file' in declaration ? declaration : { file, span: declaration.selectionSpan });
        if (at && !found.some((l) => l.file === at.file && l.span.start === at.span.start)) found = [at, ...found];
      }
      return found.map((l) => ({ uri: pathToUri(l.file), range: ranges.range(l.file, l.span) }));
    });
  connection.onDefinition((params, token) => locations('definition')(params, token));
  connection.onReferences((params, token) => locations('references')(params, token));

  connection.onWorkspaceSymbol((params, token) =>
    runSafe<SymbolInformation[]>(connection, 'workspaceSymbol', token, [], () => {
      const current = service.current();
      if (!current) return [];
      const { analysis } = current;
      const ranges = rangesOf(analysis);
      const query = params.query.toLowerCase();
      const out: SymbolInformation[] = [];
      for (const object of objectsOf(analysis).all()) {
        if (query && !object.address.toLowerCase().includes(query)) continue;
        out.push({ name: object.address, kind: object.kind === 'lambda-function' ? SymbolKind.Function : SymbolKind.Object, containerName: object.kind, location: { uri: pathToUri(object.origin.file), range: ranges.range(object.origin.file, object.origin.nameSpan ?? object.origin.span) } });
        if (out.length >= 500) break;
      }
      return out;
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe<DocumentSymbol[]>(connection, 'documentSymbol', token, [], () => {
      const current = service.current();
      if (!current) return [];
      const { analysis } = current;
      const file = uriToPath(params.textDocument.uri);
      const ranges = rangesOf(analysis);
      const index = indexFor(analysis, file);
      if (index) {
        return index.symbols(file).map((sym) => ({
          name: sym.name,
          detail: sym.kind,
          kind: sym.kind === 'resource' || sym.kind === 'Resource' ? SymbolKind.Object : sym.kind === 'variable' || sym.kind === 'Parameter' ? SymbolKind.Variable : sym.kind === 'output' || sym.kind === 'Output' ? SymbolKind.Property : SymbolKind.Module,
          range: ranges.range(file, sym.span),
          selectionRange: ranges.range(file, sym.selectionSpan),
        }));
      }
      return objectsOf(analysis)
        .objectsIn(file)
        .map((o) => ({
          name: o.address,
          detail: o.kind,
          kind: o.kind === 'lambda-function' ? SymbolKind.Function : o.kind === 'security-group' || o.kind === 'network-acl' ? SymbolKind.Interface : SymbolKind.Object,
          range: ranges.range(file, o.origin.span),
          selectionRange: ranges.range(file, o.origin.nameSpan ?? o.origin.span),
        }));
    }),
  );

  connection.onRequest(ListFunctionsRequest.method, (params: ListFunctionsRequest.Params, token: CancellationToken) =>
    runSafe<ListFunctionsRequest.Result>(connection, 'listFunctions', token, [], () => {
      const current = service.current();
      if (!current) return [];
      const { analysis } = current;
      const ranges = rangesOf(analysis);
      const stacks = params.uri ? functionStacksOf(analysis, objectsOf(analysis), uriToPath(params.uri)) : undefined;
      const out: FunctionSummary[] = [];
      for (const report of analysis.result.functions) {
        const fn = analysis.model.get(report.function);
        if (!fn) continue;
        if (stacks !== undefined && !stacks.has(fn.stack)) continue;
        const reach: Record<string, 'yes' | 'no' | 'partial' | 'unknown'> = {};
        for (const r of report.reach) reach[r.destination] = r.status;
        out.push({ id: fn.id, address: fn.address, uri: pathToUri(fn.origin.file), range: ranges.range(fn.origin.file, fn.origin.span), vpcAttached: report.vpcAttached, reach });
      }
      return out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    }),
  );

  connection.onRequest(DiagramRequest.method, (params: DiagramRequestOptions, token: CancellationToken) =>
    runSafe<DiagramModel | PackedDiagram>(connection, 'diagram', token, { version: 0, nodes: [], edges: [], functions: [] }, () => {
      const current = service.current();
      if (!current) return { version: 0, nodes: [], edges: [], functions: [] };
      const { analysis } = current;
      // Follow the active editor's stack: the stack of the objects declared in that file, else (variables.tf,
      // a main.tf of module calls) the stacks of the units that read it; the whole workspace only for a file
      // no unit reads. A file of several units (a shared module) draws one of them (chooseScope).
      let candidates: readonly string[] = [];
      if (params.uri) {
        const file = uriToPath(params.uri);
        const inFile = objectsOf(analysis).objectsIn(file);
        candidates = inFile.length > 0 ? inFile.map((o) => o.stack) : analysis.stacksOf(file);
      }
      const { stacks, scope } = chooseScope(candidates, params.stack);
      const model = buildDiagram(analysis.model, analysis.result, { stacks, uriOf: pathToUri, textOf: (f) => analysis.snapshot.text(f), linesOf: (f) => analysis.snapshot.lines(f), version: analysis.generation });
      const drawn = stacks?.size === 1 ? stacks.values().next().value : undefined;
      const scoped: DiagramModel = { version: model.version, nodes: model.nodes, edges: model.edges, functions: model.functions, ...(scope === undefined ? {} : { scope }), ...(drawn === undefined ? {} : { stack: drawn }) };
      return params.packed === true ? packDiagram(scoped) : scoped;
    }),
  );

  connection.onRequest(ExplainRequest.method, (params: ExplainRequest.Params, token: CancellationToken) =>
    runSafe<ExplainRequest.Result>(connection, 'explain', token, { markdown: 'No analysis is available yet.' }, () => {
      const current = service.current();
      if (!current) return { markdown: 'No analysis is available yet.' };
      const { result, model } = current.analysis;
      const report = findFunctionReport(result, model, params.functionId);
      if (!report) return { markdown: `No function \`${params.functionId}\` in the current analysis.` };
      return { markdown: explainMarkdown(result, model, report, params.destination) };
    }),
  );
}

/** Quick-fix edits as an LSP workspace edit's `changes`: per document URI, in the order they were made. */
function lspChanges(edits: readonly TextEdit[], ranges: RangeMapper): Record<string, LspTextEdit[]> {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) (changes[pathToUri(edit.file)] ??= []).push({ range: ranges.range(edit.file, edit.span), newText: edit.newText });
  return changes;
}

/** At most this many instances of a counted block are explained in one hover. */
const MAX_INSTANCE_HOVERS = 3;

/** The instances a reference names: `aws_subnet.public[0].id` names `aws_subnet.public[0]`; `aws_subnet.public` all. */
function instancesNamed(instances: readonly ModelObject[], reference: string): readonly ModelObject[] {
  if (instances.length < 2) return instances;
  const named = instances.filter((o) => {
    const local = o.address.replace(/^(?:module\.[\w-]+(?:\[[^\]]*\])?\.)+/, '');
    return reference === local || reference.startsWith(local + '.');
  });
  return named.length > 0 ? named : instances;
}

/**
 * Each instance's hover, separated by rules; the count of the rest when there are many. The closing paragraphs
 * every instance shares (the VPC's ENI quota, the same pre-2019 estimate) are said once, at the end.
 */
function instancesHover(ctx: HoverContext, instances: readonly ModelObject[]): string | undefined {
  const hovers = instances.slice(0, MAX_INSTANCE_HOVERS).map((o) => objectHover(ctx, o)).filter((h): h is string => h !== undefined);
  if (hovers.length === 0) return undefined;
  const paragraphs = hovers.map((h) => h.split('\n\n'));
  let shared = 0;
  if (paragraphs.length > 1) {
    const first = paragraphs[0] ?? [];
    const shortest = Math.min(...paragraphs.map((p) => p.length));
    // Never the whole hover: the title paragraph names the instance.
    while (shared < shortest - 1 && paragraphs.every((p) => p[p.length - 1 - shared] === first[first.length - 1 - shared])) shared++;
  }
  const parts = paragraphs.map((p) => p.slice(0, p.length - shared).join('\n\n'));
  const rest = instances.length - MAX_INSTANCE_HOVERS;
  if (rest > 0) parts.push(`…and ${counted(rest, 'more instance')}: ${instances.slice(MAX_INSTANCE_HOVERS, MAX_INSTANCE_HOVERS + 5).map((o) => '`' + o.address.replace(/`/g, "'") + '`').join(', ')}${rest > 5 ? ', …' : ''}.`);
  if (shared > 0) parts.push((paragraphs[0] ?? []).slice(-shared).join('\n\n'));
  return parts.join('\n\n---\n\n');
}

/**
 * The stack (root module or template) whose functions a document lists: the stack of the first function
 * declared in it, else the stacks of the units that read it (a file of the root module that declares no
 * function); none (every stack) for a file no unit reads.
 */
function functionStacksOf(analysis: WorkspaceAnalysis, objects: ObjectIndex, file: string): ReadonlySet<string> | undefined {
  const fn = objects.objectsIn(file).find((o) => o.kind === 'lambda-function');
  if (fn) return new Set([fn.stack]);
  const stacks = analysis.stacksOf(file);
  return stacks.length > 0 ? new Set(stacks) : undefined;
}

/** Span ↔ range over the analysis' texts, with the session's line indexes (kept per text across analyses). */
function rangesOf(analysis: WorkspaceAnalysis): RangeMapper {
  return new RangeMapper((f) => analysis.snapshot.text(f), (f) => analysis.snapshot.lines(f));
}
