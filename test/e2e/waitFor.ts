// Event-driven waits for the editor tests: each resolves on the editor event that signals the change and
// fails with a clear message after a deadline (no fixed sleeps).
import * as vscode from 'vscode';
import type { HyperplaneLensApi } from '../../client/src/extension';

export const extensionId = 'hyperplane-lens.hyperplane-lens';
export const diagnosticSource = 'Hyperplane Lens';

/** Resolves with `uri`'s diagnostics once `predicate` holds for them (checked now and on every change). */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    timeoutMs,
    () => `diagnostics of ${uri.toString()} did not match within ${timeoutMs} ms; they are: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(describeDiagnostic))}`,
  );
}

/** Only our own diagnostics (other extensions, e.g. the JSON language service, also report on these files). */
export function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === diagnosticSource);
}

/** A diagnostic's code as text (VS Code gives `{ value, target }` when the code links to its page). */
export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** Whether one of our diagnostics has `code`. */
export function hasCode(diagnostics: readonly vscode.Diagnostic[], code: string): boolean {
  return ours(diagnostics).some((d) => codeOf(d) === code);
}

export function describeDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} [${d.source ?? ''}] ${d.message}`;
}

/**
 * Resolves with `check()`'s first defined value, trying now and after each `event`; rejects after
 * `timeoutMs` with `describeFailure()`.
 */
export function waitForEvent<E, T>(event: vscode.Event<E>, check: () => T | undefined, timeoutMs: number, describeFailure: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const now = check();
    if (now !== undefined) {
      resolve(now);
      return;
    }
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(describeFailure()));
    }, timeoutMs);
    const subscription = event(() => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** The activated extension's API (activation is awaited, not forced early: VS Code returns the same promise). */
export async function extensionApi(): Promise<HyperplaneLensApi> {
  const extension = vscode.extensions.getExtension<HyperplaneLensApi>(extensionId);
  if (extension === undefined) throw new Error(`extension ${extensionId} is not loaded`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** The workspace folder the harness opened (a throw-away copy of examples/). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error('the editor opened no folder');
  return folder.uri;
}

/** Writes `text` to `relativePath` in the workspace folder (a scratch folder per test keeps stacks apart). */
export async function writeWorkspaceFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Waits until the server reports an idle analysis that satisfies `predicate` (the latest report counts too). */
export async function waitForIdleAnalysis(predicate: (state: AnalysisState) => boolean = () => true, timeoutMs = 30_000): Promise<AnalysisState> {
  const api = await extensionApi();
  const check = (): AnalysisState | undefined => {
    const state = api.analysisState();
    return state !== undefined && state.state === 'idle' && predicate(state) ? state : undefined;
  };
  return waitForEvent(api.onDidChangeAnalysisState, check, timeoutMs, () => `no matching idle analysis within ${timeoutMs} ms; last report: ${JSON.stringify(api.analysisState())}`);
}

type AnalysisState = NonNullable<ReturnType<HyperplaneLensApi['analysisState']>>;
