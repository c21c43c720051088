// The language server's entry: wiring only. Runs over IPC when started by the extension, or standalone with
// `--stdio` (the hyperplane-lens-lsp bin) for Neovim, Helix, Emacs and other LSP clients.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

const connection = createConnection(ProposedFeatures.all);

// Bad input must never take the server down; anything that escapes a handler is logged and the server stays up.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));

startServer(connection);
