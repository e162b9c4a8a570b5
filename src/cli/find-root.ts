// The repo root: where jetscale.config.yaml (or else .git) lives, so paths never depend on the caller's CWD.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Nearest ancestor of `cwd` holding `jetscale.config.yaml`, else `.git`, else `cwd` itself. */
export function findRepoRoot(cwd: string): string {
  for (const marker of ['jetscale.config.yaml', '.git']) {
    for (let dir = cwd; ; dir = dirname(dir)) {
      if (existsSync(join(dir, marker))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  return cwd;
}
