// A content-addressed cache of strict YAML parses (values files, Chart.yaml, Chart.lock): the eemeli/yaml parse with
// positions, comments and findings is most of an offline run's work, and most files do not change between runs.
// One store file per cache directory, read once (synchronously: one small read beats a round trip per file) and
// written once at the end of the run through the effect gate. A key covers the file's bytes, its repo path, the parse
// options and the build identity of jetscale, so an entry can only be served for the same input to the same code.
// Results that JSON cannot carry exactly (non-finite numbers, -0, a `__proto__` key) are never stored.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EffectGate } from '../core/effects.js';
import { writeFileEffect } from '../core/file-effects.js';
import type { ParseResult } from './load-yaml.js';
import type { SourcePos, ValuesDoc } from './values-doc.js';

/** Bump when ParseResult's shape or its serialisation changes. */
const FORMAT = 1;
/** Past this many entries, a write keeps only the entries this run used (one repo rarely has more files). */
const MAX_ENTRIES = 5000;

type StoredDoc = { file: string; values: Record<string, unknown>; positions: Array<[string, SourcePos]> };
type Stored = Omit<ParseResult, 'doc' | 'salvaged'> & { doc: StoredDoc | null; salvaged?: StoredDoc };

export interface ParseCacheStats {
  hits: number;
  misses: number;
  /** Parses that were not stored because JSON could not carry the values exactly. */
  unstorable: number;
}

export class ParseCache {
  readonly #file: string;
  readonly #buildId: string;
  /** Each entry as its own JSON text: a hit parses only that entry, into fresh objects the caller may mutate. */
  #entries: Record<string, string> | undefined;
  readonly #used = new Set<string>();
  #dirty = false;
  readonly stats: ParseCacheStats = { hits: 0, misses: 0, unstorable: 0 };

  /** `dir` holds the store file; `buildId` is the identity of the parsing code (see core/build-id.ts). */
  constructor(dir: string, buildId: string) {
    this.#file = join(dir, 'parses.json');
    this.#buildId = buildId;
  }

  /** The key of one parse: format, code identity, options, repo path and bytes. */
  key(text: string, file: string, options: unknown): string {
    return createHash('sha256').update(`${FORMAT}\0${this.#buildId}\0${JSON.stringify(options)}\0${file}\0`).update(text).digest('hex');
  }

  get(key: string): ParseResult | undefined {
    const text = this.#load()[key];
    let stored: Stored;
    try {
      if (typeof text !== 'string') throw new Error('absent');
      stored = JSON.parse(text) as Stored;
    } catch {
      this.stats.misses += 1;
      return undefined;
    }
    this.stats.hits += 1;
    this.#used.add(key);
    return { ...stored, doc: stored.doc && thaw(stored.doc), ...(stored.salvaged ? { salvaged: thaw(stored.salvaged) } : {}) } as ParseResult;
  }

  put(key: string, result: ParseResult): void {
    const safe = (d: ValuesDoc | null | undefined) => !d || jsonExact(d.values);
    if (!safe(result.doc) || !safe(result.salvaged) || !jsonExact(result.findings) || !jsonExact(result.comments ?? [])) {
      this.stats.unstorable += 1;
      return;
    }
    const { salvaged, doc, ...rest } = result;
    const stored: Stored = { ...rest, doc: doc && freeze(doc), ...(salvaged ? { salvaged: freeze(salvaged) } : {}) };
    // Stored as text now: a later mutation of the caller's objects cannot reach the cache.
    this.#load()[key] = JSON.stringify(stored);
    this.#used.add(key);
    this.#dirty = true;
  }

  /** Writes the store if this run added entries; a failure only costs the next run its parses. */
  async flush(gate: EffectGate): Promise<void> {
    if (!this.#dirty) return;
    const all = this.#load();
    const keys = Object.keys(all).length > MAX_ENTRIES ? [...this.#used] : Object.keys(all);
    const entries = Object.fromEntries(keys.filter((k) => all[k]).map((k) => [k, all[k]!]));
    await writeFileEffect(gate, { path: this.#file, data: JSON.stringify({ format: FORMAT, entries }), operation: 'write-parse-cache', cache: true, createDirs: true }).catch(() => undefined);
    this.#dirty = false;
  }

  #load(): Record<string, string> {
    if (this.#entries) return this.#entries;
    try {
      const parsed = JSON.parse(readFileSync(this.#file, 'utf8')) as { format?: unknown; entries?: unknown };
      this.#entries = parsed.format === FORMAT && isRecord(parsed.entries) ? (parsed.entries as Record<string, string>) : {};
    } catch {
      this.#entries = {}; // absent or unreadable: every lookup misses
    }
    return this.#entries;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const freeze = (d: ValuesDoc): StoredDoc => ({ file: d.file, values: d.values, positions: [...d.positions] });
const thaw = (d: StoredDoc): ValuesDoc => ({ file: d.file, values: d.values, positions: new Map(d.positions) });

/** True when JSON.stringify → JSON.parse gives back an equal value: plain data, finite numbers, no -0, no
 * `__proto__` keys, no undefined inside arrays (undefined properties come back absent). */
export function jsonExact(value: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((v) => v !== undefined && jsonExact(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return false;
    const v = (value as Record<string, unknown>)[key];
    // An undefined property comes back absent, which every reader treats alike (YAML itself never yields one).
    if (v !== undefined && !jsonExact(v, depth + 1)) return false;
  }
  return Object.getOwnPropertySymbols(value).length === 0;
}
