// Where jetscale keeps its caches: node_modules/.cache/jetscale/<kind> of the install that runs it, never the repo.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** jetscale's cache root (`node_modules/.cache/jetscale/<kind>`) next to the installed ajv, so generated imports of
 * `ajv/dist/runtime/*` resolve; undefined when no install is found. */
export function cacheDir(kind = 'ajv'): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', 'ajv', 'package.json'))) return join(dir, 'node_modules', '.cache', 'jetscale', kind);
  }
  return undefined;
}
