import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheFileFor, loadValidators } from '../../src/core/ajv-cache.js';
import { EffectGate } from '../../src/core/effects.js';
import { Secrets } from '../../src/core/secrets.js';

/** A read-only task's gate under --dry-run: the cache write is still declared, transcribed and performed. */
const gate = () => new EffectGate({ dryRun: true, ceiling: 'read', secrets: new Secrets() });

const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/jetscale/ajv/', import.meta.url));

function bundle(tag: string) {
  // A unique schema per test run, so the cache entry is this test's own.
  return {
    options: { allErrors: true, strict: false, verbose: true },
    schemas: [{ key: 's', schema: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 5 }, tag: { const: tag } } } }],
    exports: { s: 's' },
  };
}

async function entriesFor(before: Set<string>): Promise<string[]> {
  return (await readdir(cacheDir)).filter((f) => !before.has(f));
}

describe('compiled-schema cache', () => {
  it('generates a module once, then reuses it with identical validation results', async () => {
    const tag = `t${process.pid}-${Date.now()}`;
    const before = new Set(await readdir(cacheDir).catch(() => [] as string[]));
    const g = gate();
    const first = await loadValidators(bundle(tag), g);
    const [file] = await entriesFor(before);
    expect(file).toMatch(/^[0-9a-f]{32}\.cjs$/);
    expect(g.transcript).toEqual([expect.objectContaining({ channel: 'file', operation: 'write-schema-cache', target: join(cacheDir, file!), output: true, status: 'ran' })]);
    const mtime = (await stat(join(cacheDir, file!))).mtimeMs;
    const again = gate();
    const second = await loadValidators(bundle(tag), again);
    expect(again.transcript).toEqual([]);
    expect((await stat(join(cacheDir, file!))).mtimeMs).toBe(mtime);
    for (const v of [first.s!, second.s!]) {
      expect(v({ name: 'abc', tag })).toBe(true);
      expect(v({ name: 'abcdef', tag, extra: 1 })).toBe(false);
      expect(v.errors?.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'maxLength']);
    }
  });

  it('regenerates a corrupt cache entry instead of failing', async () => {
    const b = bundle(`c${process.pid}-${Date.now()}`);
    const file = cacheFileFor(b)!;
    await mkdir(cacheDir, { recursive: true });
    await writeFile(file, 'this is not javascript(');
    const validators = await loadValidators(b, gate());
    expect(validators.s!({ name: 'toolong' })).toBe(false);
    expect(validators.s!({ name: 'ok' })).toBe(true);
    expect(await readFile(file, 'utf8')).toContain('exports.s = validate');
  });

  it('without a gate nothing is written: the validators are compiled in memory', async () => {
    const b = bundle(`n${process.pid}-${Date.now()}`);
    const before = new Set(await readdir(cacheDir).catch(() => [] as string[]));
    const validators = await loadValidators(b);
    expect(validators.s!({ name: 'ok' })).toBe(true);
    expect(validators.s!({ name: 'toolong' })).toBe(false);
    expect(await entriesFor(before)).toEqual([]);
  });
});
