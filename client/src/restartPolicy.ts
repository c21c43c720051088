// The language client's error handler: restarts a server process that died, tells the user once, and stops
// restarting only when the server keeps crashing right after starting (so a crash loop does not burn CPU).
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';

/** More crashes than this within `crashWindowMs` means the server cannot run; restarting again is pointless. */
const maxCrashesInWindow = 5;
const crashWindowMs = 3 * 60 * 1000;

export class RestartPolicy implements ErrorHandler {
  private readonly crashes: number[] = [];
  private toldUser = false;

  constructor(private readonly log: vscode.OutputChannel) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few broken messages are survivable; a stream of them means the connection is gone.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - (this.crashes[0] ?? now) > crashWindowMs) this.crashes.shift();
    if (this.crashes.length > maxCrashesInWindow) {
      const message = `The Hyperplane Lens language server stopped ${this.crashes.length} times in 3 minutes and was not restarted again. See the output for details, then run "Hyperplane Lens: Restart Language Server".`;
      void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
        if (choice === 'Show Output') this.log.show(true);
      });
      return { action: CloseAction.DoNotRestart, message, handled: true };
    }
    const message = 'The Hyperplane Lens language server stopped unexpectedly and was restarted.';
    if (!this.toldUser) {
      this.toldUser = true;
      void vscode.window.showWarningMessage(message, 'Show Output').then((choice) => {
        if (choice === 'Show Output') this.log.show(true);
      });
    }
    return { action: CloseAction.Restart, message, handled: true };
  }

  /** A deliberate restart by the user starts the count afresh. */
  reset(): void {
    this.crashes.length = 0;
  }
}
