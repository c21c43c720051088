#!/usr/bin/env node
// The hyperplane-lens CLI (built by `npm run build` into dist/cli.js).
require('../dist/cli.js').run();
