// Identity of the code that is running: a hash of src/, the lockfile and the build script, stamped in by
// scripts/build.mjs. Caches of jetscale's own results (parsed files, render verdicts) key on it, so a changed
// parser or rule can never serve an old answer.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __JETSCALE_BUILD_ID__: string | undefined;

/** The stamped identity of a built jetscale; undefined when running from source (tsx, the tests). */
export const BUILD_ID: string | undefined = typeof __JETSCALE_BUILD_ID__ === 'string' ? __JETSCALE_BUILD_ID__ : undefined;

let fromSource: Promise<string> | undefined;

/** BUILD_ID, or when running from source the same hash computed from the files (src/ changes between runs there,
 * and a version number does not). */
export function codeIdentity(): Promise<string> {
  if (BUILD_ID) return Promise.resolve(BUILD_ID);
  return (fromSource ??= hashSources(fileURLToPath(new URL('../../', import.meta.url))));
}

/** The hash scripts/build.mjs stamps: src/ (paths and bytes), the lockfile and the build script. */
export async function hashSources(root: string): Promise<string> {
  const hash = createHash('sha256');
  const src = (await readdir(join(root, 'src'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/')).sort();
  for (const file of [...src, 'package-lock.json', 'scripts/build.mjs']) {
    hash.update(file).update('\0').update(await readFile(join(root, file)).catch(() => Buffer.alloc(0))).update('\0');
  }
  return `source-${hash.digest('hex').slice(0, 32)}`;
}
