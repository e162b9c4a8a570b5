// Compiled-schema cache: ajv generates validation code (ajv "standalone" mode, as CommonJS) once per schema content and we
// import that module on later runs instead of compiling again (compiling the values schema alone costs
// ~70 ms, the Kubernetes catalogue ~300 ms, on every run). The cache lives in node_modules/.cache/jetscale,
// never in the repo; if it cannot be written or read we compile in memory, so it is only ever an optimisation.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './cache-dir.js';
import type { EffectGate } from './effects.js';
import { writeFileEffect } from './file-effects.js';
import type { Ajv as AjvInstance, Options, ValidateFunction } from 'ajv';

type AjvClass = new (options: Options) => AjvInstance;
type StandaloneFn = (ajv: AjvInstance, refs: Record<string, string>) => string;

/** A set of schemas to compile together: `exports` maps an export name to a schema `$id` (or key). */
export interface SchemaBundle {
  options: Options;
  schemas: ReadonlyArray<{ key: string; schema: object }>;
  exports: Readonly<Record<string, string>>;
}

/** Bump when the generated code's shape or our options change in a way the content hash would not see. */
const CACHE_FORMAT = 1;

/** Where the generated module for `bundle` lives (undefined when no ajv install is found). */
export function cacheFileFor(bundle: SchemaBundle): string | undefined {
  const hash = createHash('sha256').update(JSON.stringify({ f: CACHE_FORMAT, b: bundle })).digest('hex').slice(0, 32);
  const dir = cacheDir();
  return dir ? join(dir, `${hash}.cjs`) : undefined;
}

/** Validators for every export of `bundle`, from the cache when its content hash matches, else compiled. A newly
 * generated module is stored through `gate` as jetscale's own cache (declared and transcribed like every file
 * write); without a gate nothing is written and the validators are compiled in memory. */
export async function loadValidators(bundle: SchemaBundle, gate?: EffectGate): Promise<Record<string, ValidateFunction>> {
  const file = cacheFileFor(bundle);
  if (file && existsSync(file)) {
    try {
      return importValidators(file);
    } catch {
      // A corrupt or stale cache entry: fall through and regenerate it.
    }
  }
  // ajv is CommonJS: depending on the loader (tsx, Node, the esbuild bundle) its class arrives as a named
  // export or on `default`, so take whichever is there.
  const ajvModule = (await import('ajv')) as unknown as { Ajv?: AjvClass; default?: AjvClass & { Ajv?: AjvClass } };
  const Ajv = (ajvModule.Ajv ?? ajvModule.default?.Ajv ?? ajvModule.default)!;
  const ajv = new Ajv({ ...bundle.options, code: { ...bundle.options.code, source: true } });
  for (const s of bundle.schemas) ajv.addSchema(s.schema, s.key);
  if (file && gate) {
    try {
      const standalone = (await import('ajv/dist/standalone/index.js')) as unknown as { default: StandaloneFn | { default: StandaloneFn } };
      const standaloneCode = typeof standalone.default === 'function' ? standalone.default : standalone.default.default;
      const code = standaloneCode(ajv, { ...bundle.exports });
      const written = await writeFileEffect(gate, { path: file, data: code, operation: 'write-schema-cache', cache: true, createDirs: true });
      if (!written.skipped) return importValidators(file);
    } catch {
      // Read-only install or an unexpected generator failure: compiling in memory is always correct.
    }
  }
  return Object.fromEntries(
    Object.entries(bundle.exports).map(([name, ref]) => {
      const fn = ajv.getSchema(ref);
      if (!fn) throw new Error(`schema ${ref} is not in the bundle`);
      return [name, fn];
    }),
  );
}

/** Loads a generated CommonJS module (it `require`s ajv's small runtime helpers) and returns its exports.
 * `require`, not `import()`: importing CommonJS from ESM first runs cjs-module-lexer over the whole source to find
 * named exports, ~60 ms for the 1 MB Kubernetes catalogue on every run. A failed load leaves no cache entry behind,
 * and a regenerated file is dropped from require's cache before it is loaded again. */
function importValidators(file: string): Record<string, ValidateFunction> {
  // getBuiltinModule: a static `import 'node:module'` costs ~5 ms of ESM facade on every start.
  const req = process.getBuiltinModule('node:module').createRequire(file);
  delete req.cache[file];
  return req(file) as Record<string, ValidateFunction>;
}
