// Isolated HELM_*_HOME directories, so tests never read or write the user's helm config, cache or registry logins.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Environment variables pointing helm at a fresh private home under `base`.
export function helmHomeEnv(base: string): Record<string, string> {
  return {
    HELM_CACHE_HOME: join(base, 'cache'),
    HELM_CONFIG_HOME: join(base, 'config'),
    HELM_DATA_HOME: join(base, 'data'),
  };
}

// Creates a temporary directory and returns it with the matching helm environment.
export async function makeHelmHome(): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'jetscale-helm-home-'));
  return { dir, env: helmHomeEnv(dir) };
}
