// Read-only virtual documents holding the server's reachability explanations, so the Markdown preview has
// a source that is never "unsaved" (an untitled document would ask to be saved when closed).
import * as vscode from 'vscode';

export const explainScheme = 'hyperplane-lens-explain';

export class ExplainDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  /** Stores `markdown` under a readable name (the preview's title) and returns its URI. */
  put(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: explainScheme, path: `/${name.replace(/[/\\?#]/g, '_')}.md` });
    const key = uri.toString();
    const changed = this.contents.has(key) && this.contents.get(key) !== markdown;
    this.contents.set(key, markdown);
    // An explanation asked for again after an edit replaces the old text in an open preview.
    if (changed) this.changes.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changes.dispose();
    this.contents.clear();
  }
}
