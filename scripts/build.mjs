// Builds dist/ with esbuild: one bundle with code splitting, so a lazily imported task stays a separate chunk
// and startup loads a handful of files instead of hundreds of modules (zod alone is ~60 ms unbundled).
// Type checking is `npm run typecheck`; this only transpiles and bundles.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm(new URL('../dist/', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Heavy SDKs stay in node_modules and are imported lazily by the tasks that use them.
  external: ['@aws-sdk/*', '@smithy/*', '@kubernetes/client-node'],
  // CommonJS dependencies bundled into ESM need a real `require` for Node built-ins.
  banner: { js: "import { createRequire as __jetscaleCreateRequire } from 'node:module'; const require = __jetscaleCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});
