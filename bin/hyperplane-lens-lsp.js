#!/usr/bin/env node
// The Hyperplane Lens language server for any LSP client: `hyperplane-lens-lsp --stdio`.
if (!process.argv.some((a) => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
