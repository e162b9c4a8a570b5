// Builds dist/ with esbuild: one bundle with code splitting, so a lazily imported task stays a separate chunk
// and startup loads a handful of files instead of hundreds of modules (zod alone is ~60 ms unbundled).
// Type checking is `npm run typecheck`; this only transpiles and bundles.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

await rm(new URL('../dist/', import.meta.url), { recursive: true, force: true });
const result = await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Heavy SDKs stay in node_modules and are imported lazily by the tasks that use them.
  external: ['@aws-sdk/*', '@smithy/*', '@kubernetes/client-node'],
  write: false,
  chunkNames: 'chunks/[name]-[hash]',
  // JETSCALE_BUILD_MINIFY=0 keeps names readable in CPU profiles.
  minify: process.env.JETSCALE_BUILD_MINIFY !== '0',
  sourcemap: false,
  logLevel: 'warning',
});

// CommonJS dependencies bundled into ESM need a real `require` for Node built-ins. Only chunks that contain
// esbuild's require shim get one.
// process.getBuiltinModule (Node ≥ 20.16) instead of `import 'node:module'`, whose ESM facade costs ~5 ms.
const REQUIRE_BANNER = "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);\n";
for (const file of result.outputFiles) {
  const needsRequire = /typeof require\s*(?:<\s*"u"|!==\s*"undefined")/.test(file.text);
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, needsRequire ? REQUIRE_BANNER + file.text : file.text);
}
