// The status bar item: shows whether the server is analysing and, when idle, the function count or the
// number of problems; clicking it opens the Problems view.
import * as vscode from 'vscode';
import type { AnalysisStateNotification } from '../../server/src/protocol/requests';
import { analysisDurationText } from './analysisDuration';

export class AnalysisStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('hyperplaneLens.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Hyperplane Lens';
    this.item.command = 'workbench.actions.view.problems';
    this.showStarting();
    this.item.show();
  }

  showStarting(): void {
    this.item.text = '$(sync~spin) Hyperplane Lens';
    this.item.tooltip = 'Hyperplane Lens: starting the language server';
    this.item.backgroundColor = undefined;
  }

  /** Running, before the first analysis report. */
  showRunning(): void {
    this.item.text = '$(pass) Hyperplane Lens';
    this.item.tooltip = 'Hyperplane Lens: the language server is running';
    this.item.backgroundColor = undefined;
  }

  showStopped(): void {
    this.item.text = '$(circle-slash) Hyperplane Lens';
    this.item.tooltip = 'Hyperplane Lens: the language server is not running (see the output)';
    this.item.backgroundColor = undefined;
  }

  update(state: AnalysisStateNotification.Params): void {
    const problems = state.errors + state.warnings;
    const took = state.lastDurationMs === undefined ? '' : `\nLast analysis: ${analysisDurationText(state.lastDurationMs)}`;
    const summary = `${plural(state.functions, 'function')}, ${plural(state.errors, 'error')}, ${plural(state.warnings, 'warning')}${took}\nClick to open the Problems view.`;
    switch (state.state) {
      case 'analysing':
        this.item.text = '$(sync~spin) Hyperplane Lens';
        this.item.tooltip = `Hyperplane Lens: analysing…\n${summary}`;
        break;
      case 'idle':
        this.item.text =
          problems === 0
            ? `$(pass) Hyperplane Lens: ${plural(state.functions, 'function')}`
            : `$(${state.errors > 0 ? 'error' : 'warning'}) Hyperplane Lens: ${problemWords(state.errors, state.warnings)}`;
        this.item.tooltip = `Hyperplane Lens\n${summary}`;
        break;
    }
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * "1 error, 2 warnings": errors and warnings by name, as the Problems view also lists information and hints
 * (a bare "1 problem" beside a Problems view holding two read as a miscount).
 */
export function problemWords(errors: number, warnings: number): string {
  return [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
}
