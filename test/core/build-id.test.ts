// The code identity that jetscale's result caches key on: from source it is recomputed from the files, so an edit
// to any rule or parser changes it (a version number would not).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILD_ID, codeIdentity, hashSources } from '../../src/core/build-id.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('code identity', () => {
  it('from source, is the hash of src/, the lockfile and the build script, and changes with any of them', async () => {
    expect(BUILD_ID).toBeUndefined();
    const id = await codeIdentity();
    expect(id).toMatch(/^source-[0-9a-f]{32}$/);
    expect(await hashSources(repo)).toBe(id);
    const copy = await mkdtemp(join(tmpdir(), 'jetscale-build-id-'));
    try {
      await cp(join(repo, 'src'), join(copy, 'src'), { recursive: true });
      await cp(join(repo, 'package-lock.json'), join(copy, 'package-lock.json'));
      await cp(join(repo, 'scripts', 'build.mjs'), join(copy, 'scripts', 'build.mjs'));
      expect(await hashSources(copy)).toBe(id);
      const rule = join(copy, 'src', 'policy', 'fleet-unique.ts');
      await writeFile(rule, (await readFile(rule, 'utf8')) + '\n// edited\n');
      const edited = await hashSources(copy);
      expect(edited).not.toBe(id);
      await writeFile(join(copy, 'src', 'policy', 'new-rule.ts'), 'export {};\n');
      expect(await hashSources(copy)).not.toBe(edited);
      await writeFile(join(copy, 'package-lock.json'), '{}');
      expect(await hashSources(copy)).not.toBe(edited);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
