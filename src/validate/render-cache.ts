// A content-addressed cache of render verdicts (the findings of `helm template` + strict schema checks for one
// environment), so a second run after editing one environment renders only that one. The key is everything the
// verdict depends on: helm's version, every byte of the chart (vendored subcharts included), every layer's bytes,
// the render flags, the manifest schemas and jetscale's own version. It can be stale only if one of those changes
// without its bytes changing, which cannot happen.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as z from 'zod';
import { cacheDir } from '../core/cache-dir.js';
import type { EffectGate } from '../core/effects.js';
import type { Finding } from '../core/finding.js';
import { writeFileEffect } from '../core/file-effects.js';

/** Bump when the shape of cached findings or the rules that produce them change in a way the key would not see. */
const CACHE_FORMAT = 1;

const EntrySchema = z.object({ format: z.literal(CACHE_FORMAT), findings: z.array(z.looseObject({ rule: z.string(), severity: z.enum(['error', 'warning', 'info']), message: z.string() })) });

/** sha256 over every file under the chart directory (paths and bytes), in a stable order. */
export async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const file of files) {
    hash.update(relative(dir, file)).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The key of one environment's verdict. `base` covers what all environments share (helm, chart, schemas, flags). */
export function verdictKey(base: string, layers: ReadonlyArray<{ file: string; bytes: Uint8Array }>, extra: unknown): string {
  const hash = createHash('sha256').update(String(CACHE_FORMAT)).update('\0').update(base).update('\0');
  for (const l of layers) hash.update(l.file).update('\0').update(l.bytes).update('\0');
  return hash.update(JSON.stringify(extra)).digest('hex');
}

/** Reads and writes verdicts; every write is declared to the gate as jetscale's own cache. */
export class RenderCache {
  readonly #dir: string | undefined;
  constructor(private readonly gate: EffectGate, dir?: string) {
    this.#dir = dir ?? cacheDir('render');
  }

  /** The cached findings for `key`, or undefined (absent, unreadable or of another format: all count as a miss). */
  async get(key: string): Promise<Finding[] | undefined> {
    if (!this.#dir) return undefined;
    const text = await readFile(join(this.#dir, `${key}.json`), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const parsed = EntrySchema.safeParse(JSON.parse(text));
      return parsed.success ? (parsed.data.findings as Finding[]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores the findings for `key`; a failure to write only costs the next run a render. */
  async put(key: string, findings: readonly Finding[]): Promise<void> {
    if (!this.#dir) return;
    await writeFileEffect(this.gate, { path: join(this.#dir, `${key}.json`), data: JSON.stringify({ format: CACHE_FORMAT, findings }), operation: 'write-render-cache', cache: true, createDirs: true }).catch(() => undefined);
  }
}
