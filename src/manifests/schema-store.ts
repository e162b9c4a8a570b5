// Reads the vendored schema catalogue (schemas/index.json and the files it lists) from disk, synchronously,
// because the catalogue is small (~250 KB) and read once per run.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One kind the catalogue has a schema for. */
export interface SchemaEntry {
  apiVersion: string;
  kind: string;
  /** Path relative to the schema directory. */
  file: string;
}

/** The parsed catalogue: pinned Kubernetes version, shared definitions and one schema per kind. */
export interface SchemaCatalogue {
  kubernetesVersion: string;
  definitions: Array<Record<string, unknown>>;
  entries: Map<string, SchemaEntry>;
  load(entry: SchemaEntry): Record<string, unknown>;
}

/** The package's schemas/ folder: the nearest ancestor of this module holding schemas/index.json
 * (src/manifests/ when run from source, dist/chunks/ when bundled). */
export const DEFAULT_SCHEMA_DIR = findSchemaDir(fileURLToPath(new URL('.', import.meta.url)));

function findSchemaDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'schemas', 'index.json'))) return join(dir, 'schemas') + sep;
    if (dirname(dir) === dir) return join(from, 'schemas') + sep; // reported as missing by readSchemaCatalogue
  }
}

/** Lookup key for a manifest's apiVersion and kind. */
export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Read index.json; throws (fail closed) when the catalogue is missing or malformed. */
export function readSchemaCatalogue(dir: string = DEFAULT_SCHEMA_DIR): SchemaCatalogue {
  const index = readJson(join(dir, 'index.json')) as {
    kubernetesVersion?: unknown;
    definitions?: unknown;
    kinds?: unknown;
  };
  if (typeof index.kubernetesVersion !== 'string' || !Array.isArray(index.definitions) || !Array.isArray(index.kinds)) {
    throw new Error(`${join(dir, 'index.json')}: expected kubernetesVersion, definitions[] and kinds[]`);
  }
  const entries = new Map<string, SchemaEntry>();
  for (const k of index.kinds as SchemaEntry[]) entries.set(kindKey(k.apiVersion, k.kind), k);
  return {
    kubernetesVersion: index.kubernetesVersion,
    definitions: (index.definitions as string[]).map((f) => readJson(join(dir, f))),
    entries,
    load: (entry) => readJson(join(dir, entry.file)),
  };
}
