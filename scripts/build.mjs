// Builds dist/ with esbuild: one bundle with code splitting, so a lazily imported task stays a separate chunk
// and startup loads a handful of files instead of hundreds of modules (zod alone is ~60 ms unbundled).
// Type checking is `npm run typecheck`; this only transpiles and bundles.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** src/ (paths and bytes), the lockfile and this script: what the bundle is made of (see src/core/build-id.ts). */
async function buildId() {
  const hash = createHash('sha256');
  const src = (await readdir('src', { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const file of [...src, 'package-lock.json', 'scripts/build.mjs']) hash.update(file).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex').slice(0, 32);
}

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
  define: { __JETSCALE_BUILD_ID__: JSON.stringify(await buildId()) },
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
