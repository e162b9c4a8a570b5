// Where a tool lives and which version it is: PATH search, explicit overrides, version parsing and comparison.
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/** First `x.y.z` in a tool's version output (`v3.17.0+g…`, `Terraform v1.11.0`, `Client Version: v1.31.0`). */
export function parseVersion(output: string): string | undefined {
  return /v?(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

/** True when `version` ≥ `min` (numeric, major.minor.patch). */
export function satisfiesMin(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** Absolute path of `name` from the override variable or PATH; undefined when absent. */
export async function findExecutable(name: string, env: Readonly<Record<string, string | undefined>>, override?: string): Promise<string | undefined> {
  if (override) return (await isExecutable(override)) ? override : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** True when `path` exists and this process may execute it. */
export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
