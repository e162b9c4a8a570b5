#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/ (built by `npm ci` through the prepare script).
import module from 'node:module';

// Node 22+ caches compiled code between runs (a no-op on Node 20, which lacks the API).
module.enableCompileCache?.();
const { main } = await import('../dist/cli.js');
main();
