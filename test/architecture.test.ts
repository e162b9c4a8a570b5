// Data flows one way (DESIGN.md): cli → tasks → domain → adapters, with core as the leaf. A new import that goes
// against the flow (core importing exec, a domain module spawning processes, an adapter reaching into tasks) fails here.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;

/** Folder → the folders it may import from (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  exec: ['core'],
  tools: ['core', 'exec'],
  aws: ['core'],
  kube: ['core'],
  values: ['core'],
  chart: ['core', 'values'],
  manifests: ['core'],
  policy: ['core', 'values'],
  validate: ['core', 'values', 'chart', 'manifests', 'policy', 'runtime', 'tools'],
  net: ['core'],
  health: ['core'],
  ephemeral: ['core', 'runtime', 'health', 'net', 'aws', 'kube', 'tools', 'exec'],
  diagnose: ['core', 'runtime', 'health', 'net', 'aws', 'kube', 'tools', 'exec', 'policy', 'values'],
  runtime: ['core', 'exec', 'tools', 'aws', 'kube', 'net'],
  tasks: ['core', 'runtime', 'values', 'chart', 'manifests', 'policy', 'validate', 'tools', 'aws', 'kube', 'exec', 'net', 'health', 'ephemeral', 'diagnose'],
  cli: ['core', 'runtime', 'tasks', 'exec', 'tools'],
};

/** Modules that must never be imported statically outside their adapter (each costs 0.1–0.4 s to load). */
const HEAVY = /^(@aws-sdk\/|@kubernetes\/client-node|ajv)/;
/** Modules that are themselves only ever imported with `await import()` (by the one task step that needs them). */
const LAZY_MODULES = new Set(['manifests/manifest-schema.ts']);

describe('architecture', () => {
  it('every import follows the one direction of flow', async () => {
    const wrong: string[] = [];
    for (const folder of await readdir(SRC, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      expect(ALLOWED, `src/${folder.name} has no rule in this test`).toHaveProperty(folder.name);
      for (const file of (await readdir(join(SRC, folder.name), { recursive: true })).filter((f) => f.endsWith('.ts'))) {
        const text = await readFile(join(SRC, folder.name, file), 'utf8');
        for (const m of text.matchAll(/from '\.\.\/([a-z-]+)\//g)) {
          if (!ALLOWED[folder.name]!.includes(m[1]!)) wrong.push(`src/${folder.name}/${file} imports src/${m[1]}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('heavy SDKs are only imported lazily (or as types)', async () => {
    const eager: string[] = [];
    for (const file of (await readdir(SRC, { recursive: true })).filter((f) => f.endsWith('.ts'))) {
      const text = await readFile(join(SRC, file), 'utf8');
      if (LAZY_MODULES.has(file)) continue;
      for (const m of text.matchAll(/^import (?!type )[^;]*? from '([^']+)'/gm)) if (HEAVY.test(m[1]!)) eager.push(`src/${file}: ${m[1]}`);
    }
    expect(eager).toEqual([]);
    // …and the lazy modules really are only imported dynamically.
    for (const file of (await readdir(SRC, { recursive: true })).filter((f) => f.endsWith('.ts'))) {
      const text = await readFile(join(SRC, file), 'utf8');
      for (const lazy of LAZY_MODULES) expect(text, `src/${file}`).not.toMatch(new RegExp(`^import (?!type )[^;]*${lazy.replace('.ts', '.js').split('/').pop()!.replace('.', '\\.')}'`, 'm'));
    }
  });
});
