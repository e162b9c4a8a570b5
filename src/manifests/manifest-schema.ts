// Strict, offline validation of rendered manifests (kubeconform `-strict` semantics) against the vendored
// schemas in schemas/. Import this module only from the validate task: ajv is heavy-ish, and each kind's
// schema is compiled on first use and cached for the life of the validator.
import type { Ajv, ValidateFunction } from 'ajv';
import type { EffectGate } from '../core/effects.js';
import type { Finding } from '../core/finding.js';
import { describeSchemaError } from './schema-errors.js';
import { kindKey, readSchemaCatalogue, type SchemaCatalogue } from './schema-store.js';

/** Where a document came from: the environment being rendered and helm's `# Source:` path. */
export interface ManifestWhere {
  env?: string;
  /** e.g. `jetscale/templates/ingress.yaml`, from the `# Source:` comment of `helm template`. */
  source?: string;
}

/** Validates one parsed manifest at a time; never throws for a bad document, only returns findings. */
export interface ManifestValidator {
  readonly kubernetesVersion: string;
  validate(doc: unknown, where?: ManifestWhere): Finding[];
  /** Loads ahead of time the validators `docs` need (kinds not prepared are compiled on first use instead). */
  prepare?(docs: Iterable<unknown>): Promise<void>;
}

/** Options: where the catalogue lives, and the repo directory helm's Source paths are relative to. */
export interface ManifestValidatorOptions {
  schemaDir?: string;
  /** Prefix that turns `jetscale/templates/x.yaml` into a repo path; default `charts`. */
  chartsDir?: string;
  /** Validators compiled ahead of time (see loadManifestValidator), by `kindKey`. */
  precompiled?: ReadonlyMap<string, ValidateFunction>;
}

// process.getBuiltinModule (Node ≥ 20.16) instead of `import 'node:module'`, whose ESM facade costs ~5 ms.
const { createRequire } = process.getBuiltinModule('node:module');

// allErrors: report every problem of a document at once (fail at end); verbose: keep the bad value;
// inlineRefs off: shared definitions compile once instead of being inlined per kind (halves compile time).
const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true, inlineRefs: false } as const;

/** Like createManifestValidator, but kinds come from the on-disk compiled-schema cache, one file per kind, loaded
 * by `prepare` for the kinds a render produced: a run loads the few validators it needs (~1–2 ms each) instead of
 * compiling them (~300 ms for the catalogue) or loading all of them (a 1 MB module, ~35 ms). */
export async function loadManifestValidator(options: Omit<ManifestValidatorOptions, 'precompiled'> & { gate?: EffectGate } = {}): Promise<ManifestValidator> {
  const catalogue = readSchemaCatalogue(options.schemaDir);
  const { loadValidators } = await import('../core/ajv-cache.js');
  const definitions = catalogue.definitions.map((d) => ({ key: String(d.$id), schema: d }));
  const precompiled = new Map<string, ValidateFunction>();
  const loading = new Map<string, Promise<void>>();
  const loadKind = (key: string): Promise<void> => {
    const entry = catalogue.entries.get(key);
    if (!entry) return Promise.resolve(); // unknown kind: validate() reports it
    let pending = loading.get(key);
    if (!pending) {
      const schema = catalogue.load(entry);
      pending = loadValidators({
        options: { ...AJV_OPTIONS, keywords: ['x-kubernetes-group-version-kind'] },
        schemas: [...definitions, { key: String(schema.$id), schema }],
        exports: { k: String(schema.$id) },
      }, options.gate).then((fns) => void precompiled.set(key, fns.k!));
      loading.set(key, pending);
    }
    return pending;
  };
  return {
    ...createManifestValidator({ ...options, precompiled }),
    async prepare(docs) {
      const keys = new Set<string>();
      for (const d of docs) if (isObject(d) && typeof d.apiVersion === 'string' && typeof d.kind === 'string') keys.add(kindKey(d.apiVersion, d.kind));
      await Promise.all([...keys].map(loadKind));
    },
  };
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Drop `key: null` from mappings: the API server treats an explicit null as "unset", and helm renders empty
 * values as null, so kubeconform's schemas accept null wherever a field is optional. Nulls in lists stay
 * (and fail), and a null in a required field becomes a missing field, which is what the API server says too.
 */
export function dropNullFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNullFields);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNullFields(v);
  return out;
}

/** Build a validator over the vendored catalogue; the catalogue is read and ajv created on first validate. */
export function createManifestValidator(options: ManifestValidatorOptions = {}): Omit<ManifestValidator, 'prepare'> {
  let catalogue: SchemaCatalogue | undefined;
  let ajv: Ajv | undefined;
  const compiled = new Map<string, ValidateFunction>();

  const cat = (): SchemaCatalogue => (catalogue ??= readSchemaCatalogue(options.schemaDir));
  const compiler = (): Ajv => {
    if (!ajv) {
      // ajv itself (~120 KB) is loaded only to compile a kind the compiled-schema cache did not have.
      const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as { Ajv: new (o: object) => Ajv };
      ajv = new AjvClass({ ...AJV_OPTIONS, schemas: cat().definitions });
      ajv.addKeyword('x-kubernetes-group-version-kind');
    }
    return ajv;
  };

  const validatorFor = (apiVersion: string, kind: string): ValidateFunction | undefined => {
    const key = kindKey(apiVersion, kind);
    const cached = compiled.get(key) ?? options.precompiled?.get(key);
    if (cached) return cached;
    const entry = cat().entries.get(key);
    if (!entry) return undefined;
    const fn = compiler().compile(cat().load(entry));
    compiled.set(key, fn);
    return fn;
  };

  return {
    get kubernetesVersion() {
      return cat().kubernetesVersion;
    },
    validate(doc, where = {}) {
      const base: Pick<Finding, 'severity' | 'env' | 'file'> = { severity: 'error' };
      if (where.env !== undefined) base.env = where.env;
      if (where.source !== undefined) base.file = `${options.chartsDir ?? 'charts'}/${where.source}`;
      const at = where.source ? ` (${where.source})` : '';

      if (!isObject(doc)) {
        const what = doc === undefined ? 'no document (YAML did not parse?)' : `a ${Array.isArray(doc) ? 'list' : typeof doc}`;
        return [{ ...base, rule: 'render/missing-meta', message: `rendered document is not a mapping but ${what}${at}` }];
      }
      const { apiVersion, kind } = doc;
      const metadata = isObject(doc.metadata) ? doc.metadata : {};
      const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : undefined;
      const findings: Finding[] = [];
      const missing = [
        typeof apiVersion === 'string' && apiVersion !== '' ? undefined : 'apiVersion',
        typeof kind === 'string' && kind !== '' ? undefined : 'kind',
        name !== undefined || typeof metadata.generateName === 'string' ? undefined : 'metadata.name',
      ].filter((m): m is string => m !== undefined);
      if (missing.length > 0) {
        findings.push({
          ...base,
          rule: 'render/missing-meta',
          message: `${typeof kind === 'string' ? kind : 'document'} ${name ?? '(unnamed)'}: missing ${missing.join(', ')}${at}`,
          hint: 'every rendered manifest needs apiVersion, kind and metadata.name',
        });
      }
      if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return findings;

      const label = `${kind} ${name ?? '(unnamed)'}`;
      const check = validatorFor(apiVersion, kind);
      if (!check) {
        findings.push({
          ...base,
          rule: 'render/unknown-kind',
          message: `${label}: no schema for ${apiVersion} ${kind} (Kubernetes ${cat().kubernetesVersion} catalogue)${at}`,
          hint: 'fix apiVersion/kind, or vendor a schema for it under schemas/ (see schemas/README.md)',
        });
        return findings;
      }
      if (!check(dropNullFields(doc))) {
        const seen = new Set<string>();
        for (const err of check.errors ?? []) {
          const message = `${label}: ${describeSchemaError(err)}`;
          if (seen.has(message)) continue;
          seen.add(message);
          findings.push({ ...base, rule: 'render/schema', message });
        }
      }
      return findings;
    },
  };
}
