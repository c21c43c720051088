// Every request handler runs through here: cancellation is honoured, exceptions are logged and turned into
// an empty result, so a bug in one feature never takes the server down (VS Code's JSON server's runSafe).

import type { CancellationToken, Connection } from 'vscode-languageserver';

export function runSafe<T>(connection: Connection, name: string, token: CancellationToken | undefined, fallback: T, run: () => T): T {
  if (token?.isCancellationRequested) return fallback;
  try {
    return run();
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
