// The server's command that shows a place in the user's code: code actions that point somewhere (the user's
// `module` call of a module `terraform init` installed) run it through workspace/executeCommand, and it asks the
// client to open the file there with window/showDocument, so it works in every client that supports that.

import type { Connection, Range } from 'vscode-languageserver';

/** Not declared by the VS Code extension (package.json, client commands): the language client registers it from the server's capabilities. */
export const revealLocationCommand = 'hyperplaneLens.server.revealLocation';

export interface RevealLocationArgument {
  readonly uri: string;
  readonly range: Range;
}

/** Runs the server's commands; an unknown command or malformed arguments do nothing. */
export function registerCommands(connection: Connection): void {
  connection.onExecuteCommand(async (params) => {
    if (params.command !== revealLocationCommand) return null;
    const target: unknown = params.arguments?.[0];
    if (!isRevealArgument(target)) {
      connection.console.warn(`${revealLocationCommand}: expected { uri, range }, got ${JSON.stringify(target)}`);
      return null;
    }
    const shown = await connection.window.showDocument({ uri: target.uri, selection: target.range, takeFocus: true }).catch((error: unknown) => {
      connection.console.warn(`could not show ${target.uri}: ${error instanceof Error ? error.message : String(error)}`);
      return { success: false };
    });
    return shown.success;
  });
}

function isRevealArgument(value: unknown): value is RevealLocationArgument {
  if (typeof value !== 'object' || value === null || !('uri' in value) || !('range' in value)) return false;
  return typeof value.uri === 'string' && isRange(value.range);
}

function isRange(value: unknown): value is Range {
  return typeof value === 'object' && value !== null && 'start' in value && 'end' in value && isPosition(value.start) && isPosition(value.end);
}

function isPosition(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'line' in value && 'character' in value && typeof value.line === 'number' && typeof value.character === 'number';
}
