// Generates strict JSON schemas (kubeconform `-strict` semantics) for the Kubernetes kinds our chart renders,
// offline, from the model classes of the installed @kubernetes/client-node, and writes schemas/index.json.
// Run: node --import tsx scripts/generate-kube-schemas.ts
//
// Why client-node: it is already a dependency, ships every API type's fields (`attributeTypeMap`) and marks
// required fields as non-optional in its .d.ts files, and its models are generated from one pinned Kubernetes
// OpenAPI spec (named in each model's header), so the schemas are reproducible without network.
import { readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';

type JsonSchema = Record<string, unknown>;
interface Attribute { name: string; baseName: string; type: string; format: string }
interface ModelClass { attributeTypeMap?: Attribute[] }

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemasDir = join(repoRoot, 'schemas');
// Base of every `$id`: the `.invalid` TLD guarantees no validator ever tries to fetch it.
const SCHEMA_ID_BASE = 'https://jetscale.invalid/schemas/';

/** The kinds the chart renders: group/version, kind, client-node class, and whether `spec` is required. */
const ROOTS: ReadonlyArray<{ apiVersion: string; kind: string; cls: string; specRequired?: boolean }> = [
  { apiVersion: 'v1', kind: 'ConfigMap', cls: 'V1ConfigMap' },
  { apiVersion: 'v1', kind: 'Secret', cls: 'V1Secret' },
  { apiVersion: 'v1', kind: 'ServiceAccount', cls: 'V1ServiceAccount' },
  { apiVersion: 'v1', kind: 'Service', cls: 'V1Service' },
  { apiVersion: 'apps/v1', kind: 'Deployment', cls: 'V1Deployment', specRequired: true },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', cls: 'V1StatefulSet', specRequired: true },
  { apiVersion: 'batch/v1', kind: 'Job', cls: 'V1Job', specRequired: true },
  { apiVersion: 'batch/v1', kind: 'CronJob', cls: 'V1CronJob', specRequired: true },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', cls: 'V1Ingress' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', cls: 'V1PodDisruptionBudget' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', cls: 'V2HorizontalPodAutoscaler', specRequired: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', cls: 'V1Role' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', cls: 'V1RoleBinding' },
];

/** resource.Quantity fields: client-node types them as plain strings, the API accepts strings and numbers. */
const QUANTITY_FIELDS = new Set([
  'V1ResourceRequirements.limits', 'V1ResourceRequirements.requests',
  'V1VolumeResourceRequirements.limits', 'V1VolumeResourceRequirements.requests',
  'V1EmptyDirVolumeSource.sizeLimit', 'V1ResourceFieldSelector.divisor', 'V1PodSpec.overhead',
  'V2MetricTarget.value', 'V2MetricTarget.averageValue',
  'V2MetricValueStatus.value', 'V2MetricValueStatus.averageValue',
  'V1PersistentVolumeClaimStatus.capacity', 'V1PersistentVolumeClaimStatus.allocatedResources',
  'V1ContainerStatus.allocatedResources', 'V1NodeStatus.capacity', 'V1NodeStatus.allocatable',
]);

/** Fields the API server requires although the OpenAPI spec leaves them optional (apiserver validation). */
const EXTRA_REQUIRED: Record<string, string[]> = {
  // Optional in OpenAPI only "to allow higher level config management to default"; pods reject a missing image.
  V1Container: ['image'],
};

const QUANTITY: JsonSchema = { type: ['string', 'number'] };

function modelsDir(): string {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('@kubernetes/client-node/package.json');
  return join(dirname(pkgJson), 'dist', 'gen', 'models');
}

/** Required properties: client-node declares them without `?` in the class declaration. */
function requiredOf(cls: string): string[] {
  const dts = readFileSync(join(modelsDir(), `${cls}.d.ts`), 'utf8');
  const required: string[] = [];
  for (const m of dts.matchAll(/^ {4}'([^']+)'(\??):/gm)) {
    if (m[2] === '' && m[1] !== undefined) required.push(m[1]);
  }
  return [...required, ...(EXTRA_REQUIRED[cls] ?? [])];
}

function modelClass(cls: string): ModelClass {
  const found = (k8s as unknown as Record<string, ModelClass | undefined>)[cls];
  if (!found?.attributeTypeMap) throw new Error(`client-node has no model class ${cls}`);
  return found;
}

/** The Kubernetes version the models were generated from, read from a model file header. */
function kubernetesVersion(): string {
  const header = readFileSync(join(modelsDir(), 'V1Deployment.js'), 'utf8');
  const m = /OpenAPI spec version: (v\d+\.\d+\.\d+)/.exec(header);
  if (!m?.[1]) throw new Error('cannot find the OpenAPI spec version in client-node models');
  return m[1];
}

function clientNodeVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@kubernetes/client-node/package.json') as { version: string }).version;
}

class Generator {
  readonly definitions: Record<string, JsonSchema> = {};

  /** Schema for one client-node type expression; registers referenced classes. */
  typeSchema(type: string, format: string, owner: string, field: string): JsonSchema {
    if (QUANTITY_FIELDS.has(`${owner}.${field}`)) {
      return type.startsWith('{') ? { type: 'object', additionalProperties: QUANTITY } : QUANTITY;
    }
    const arr = /^Array<(.+)>$/.exec(type);
    if (arr?.[1]) return { type: 'array', items: this.typeSchema(arr[1], '', owner, field) };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map?.[1]) return { type: 'object', additionalProperties: this.typeSchema(map[1], '', owner, field) };
    switch (type) {
      case 'string':
      case 'Date':
        return { type: 'string' };
      case 'boolean':
        return { type: 'boolean' };
      case 'number':
        return format === 'int32' || format === 'int64' ? { type: 'integer' } : { type: 'number' };
      case 'IntOrString':
        return { type: ['integer', 'string'] };
      case 'any':
        return {};
      default:
        this.define(type);
        return { $ref: `#/definitions/${type}` };
    }
  }

  define(cls: string): void {
    if (this.definitions[cls]) return;
    const schema: JsonSchema = { type: 'object', additionalProperties: false };
    this.definitions[cls] = schema; // registered before recursion: the type graph has cycles
    const properties: Record<string, JsonSchema> = {};
    for (const a of modelClass(cls).attributeTypeMap ?? []) {
      properties[a.baseName] = this.typeSchema(a.type, a.format, cls, a.name);
    }
    schema.properties = properties;
    const required = requiredOf(cls);
    if (required.length > 0) schema.required = required;
  }
}

// `deployment-apps-v1.json`, `configmap-v1.json`: kind, full group, version.
function schemaFileName(apiVersion: string, kind: string): string {
  return `${kind.toLowerCase()}-${apiVersion.replace('/', '-')}.json`;
}

// A kind file lives beside _definitions.json, so its local `#/definitions/X` refs must point into that file.
function toDefinitionsFile(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/definitions/', '"$ref":"_definitions.json#/definitions/')) as JsonSchema;
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function generateKubernetes(version: string): Array<{ apiVersion: string; kind: string; file: string }> {
  const outDir = join(schemasDir, 'kubernetes', version);
  if (existsSync(outDir)) rmSync(outDir, { recursive: true });
  const gen = new Generator();
  const index: Array<{ apiVersion: string; kind: string; file: string }> = [];
  const defsId = `${SCHEMA_ID_BASE}kubernetes/${version}/_definitions.json`;
  for (const root of ROOTS) {
    gen.define(root.cls);
    const base = gen.definitions[root.cls] as { properties: Record<string, JsonSchema>; required?: string[] };
    const properties: Record<string, JsonSchema> = {};
    for (const [name, prop] of Object.entries(base.properties)) properties[name] = toDefinitionsFile(prop);
    properties.apiVersion = { type: 'string', enum: [root.apiVersion] };
    properties.kind = { type: 'string', enum: [root.kind] };
    const required = new Set(['apiVersion', 'kind', 'metadata', ...(base.required ?? [])]);
    if (root.specRequired) required.add('spec');
    const file = join('kubernetes', version, schemaFileName(root.apiVersion, root.kind));
    writeJson(join(schemasDir, file), {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `${SCHEMA_ID_BASE}${file}`,
      description: `${root.kind} (${root.apiVersion}), Kubernetes ${version}, strict`,
      'x-kubernetes-group-version-kind': { apiVersion: root.apiVersion, kind: root.kind },
      type: 'object',
      additionalProperties: false,
      required: [...required],
      properties,
    });
    index.push({ apiVersion: root.apiVersion, kind: root.kind, file });
  }
  const sorted = Object.fromEntries(Object.entries(gen.definitions).sort(([a], [b]) => a.localeCompare(b)));
  writeJson(join(outDir, '_definitions.json'), {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: defsId,
    description: `Kubernetes ${version} API types, generated from @kubernetes/client-node ${clientNodeVersion()}`,
    definitions: sorted,
  });
  return index;
}

/** Hand-written CRD schemas under schemas/crds/ name their kind in `x-kubernetes-group-version-kind`. */
// Files starting with `_` hold shared definitions and are listed separately.
function indexCrds(definitions: string[]): Array<{ apiVersion: string; kind: string; file: string }> {
  const crdDir = join(schemasDir, 'crds');
  if (!existsSync(crdDir)) return [];
  const out: Array<{ apiVersion: string; kind: string; file: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json') && entry.name.startsWith('_')) definitions.push(relative(schemasDir, full));
      else if (entry.name.endsWith('.json')) {
        const s = JSON.parse(readFileSync(full, 'utf8')) as { 'x-kubernetes-group-version-kind'?: { apiVersion: string; kind: string } };
        const gvk = s['x-kubernetes-group-version-kind'];
        if (!gvk) throw new Error(`${full}: missing x-kubernetes-group-version-kind`);
        out.push({ apiVersion: gvk.apiVersion, kind: gvk.kind, file: relative(schemasDir, full) });
      }
    }
  };
  walk(crdDir);
  return out;
}

function main(): void {
  const version = kubernetesVersion();
  const definitions = [`kubernetes/${version}/_definitions.json`];
  const kinds = [...generateKubernetes(version), ...indexCrds(definitions)];
  writeJson(join(schemasDir, 'index.json'), {
    kubernetesVersion: version,
    generatedFrom: `@kubernetes/client-node@${clientNodeVersion()}`,
    definitions,
    kinds,
  });
  console.log(`wrote ${kinds.length} kind schemas for Kubernetes ${version} to ${relative(repoRoot, schemasDir)}/`);
}

main();
