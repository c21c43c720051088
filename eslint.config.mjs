// ESLint flat config: typescript-eslint with type information, no `any`, and the layer rules of ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', '.editor-cache/**', 'test/fixtures/**', 'test-output/**', 'bench-output/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // A `default` branch is an explicit decision about the remaining kinds.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // Custom LSP methods are namespaces of a method name and its types (vscode-languageserver's own style).
  { files: ['server/src/protocol/**/*.ts'], rules: { '@typescript-eslint/no-namespace': 'off' } },
  // Code that runs per resource or per function: V8 11 gives every `{ ...base, field }` object its own hidden
  // class (docs/performance.md). Spread last, or override() from model/override.ts to replace fields.
  {
    files: ['server/src/frontends/**/*.ts', 'server/src/model/**/*.ts', 'server/src/analysis/**/*.ts', 'server/src/workspace/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ObjectExpression[properties.0.type='SpreadElement'][properties.length>1]",
        message: 'No leading spread in an object literal here: put the spread last, or use override(base, { field }) (model/override.ts).',
      }],
    },
  },
  layer(['server/src/syntax/**/*.ts'], [['**/frontends/**', '**/model/**', '**/analysis/**', '**/ide/**', '**/lsp/**', '**/workspace/**', 'vscode-languageserver*', 'fs', 'node:fs']], 'syntax/ imports nothing above it and does no IO.'),
  layer(['server/src/frontends/terraform/**/*.ts'], [['**/cloudformation/**', '**/analysis/**', '**/ide/**', '**/lsp/**', 'vscode-languageserver*', 'fs', 'node:fs']], 'frontends never import each other, analysis, or LSP, and do no IO.'),
  layer(['server/src/frontends/cloudformation/**/*.ts'], [['**/terraform/**', '**/analysis/**', '**/ide/**', '**/lsp/**', 'vscode-languageserver*', 'fs', 'node:fs']], 'frontends never import each other, analysis, or LSP, and do no IO.'),
  layer(['server/src/model/**/*.ts'], [['**/frontends/**', '**/analysis/**', '**/ide/**', '**/lsp/**', 'vscode-languageserver*', 'fs', 'node:fs']], 'model/ is the neutral core: no front ends, no analysis, no IO.'),
  layer(['server/src/analysis/**/*.ts'], [['**/frontends/**', '**/syntax/**', '**/ide/**', '**/lsp/**', 'vscode-languageserver*', 'fs', 'node:fs']], 'analysis imports only model/.'),
  layer(['server/src/ide/**/*.ts'], [['**/lsp/**', 'vscode-languageserver', 'vscode-languageserver/*', 'fs', 'node:fs']], 'ide/ produces plain data; only lsp/ knows LSP.'),
  layer(['client/webview/**/*.ts'], [['vscode', 'fs', 'node:*', 'path']], 'the webview runs in a browser sandbox: no vscode, no node.'),
);
