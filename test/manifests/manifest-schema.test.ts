import { describe, expect, it } from 'vitest';
import { createManifestValidator, dropNullFields } from '../../src/manifests/manifest-schema.js';
import { parseRenderedManifests } from '../../src/manifests/parse-rendered.js';
import { HELM_OUTPUT, sampleDoc } from './fixtures.js';

const validator = createManifestValidator();
const where = { env: 'prod/console', source: 'jetscale/charts/backend-api/templates/deployment.yaml' };

type AnyObj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('createManifestValidator', () => {
  it('accepts every document of a realistic render', () => {
    const docs = parseRenderedManifests(HELM_OUTPUT);
    expect(docs.length).toBeGreaterThan(8);
    const findings = docs.flatMap((d) => validator.validate(d.doc, d.source !== undefined ? { source: d.source } : {}));
    expect(findings).toEqual([]);
  });

  it('pins the Kubernetes version of the vendored schemas', () => {
    expect(validator.kubernetesVersion).toMatch(/^v1\.\d+\.\d+$/);
  });

  it('rejects a misspelt field with kind, name and the dotted path', () => {
    const doc = sampleDoc('Deployment') as AnyObj;
    doc.spec.template.spec.contianers = doc.spec.template.spec.containers;
    delete doc.spec.template.spec.containers;
    const findings = validator.validate(doc, where);
    expect(findings.map((f) => f.message)).toContain('Deployment jetscale-backend-api: unknown field spec.template.spec.contianers');
    expect(findings.map((f) => f.message)).toContain('Deployment jetscale-backend-api: missing required field spec.template.spec.containers');
    expect(findings[0]).toMatchObject({
      rule: 'render/schema',
      severity: 'error',
      env: 'prod/console',
      file: 'charts/jetscale/charts/backend-api/templates/deployment.yaml',
    });
  });

  it('rejects a misspelt top-level spec (kubeconform #341)', () => {
    const doc = sampleDoc('Ingress') as AnyObj;
    doc.spce = doc.spec;
    delete doc.spec;
    expect(validator.validate(doc).map((f) => f.message)).toEqual(['Ingress jetscale: unknown field spce']);
  });

  it('rejects a wrong type and names the value', () => {
    const doc = sampleDoc('Deployment') as AnyObj;
    doc.spec.replicas = 'two';
    expect(validator.validate(doc).map((f) => f.message)).toEqual([
      'Deployment jetscale-backend-api: wrong type at spec.replicas: expected integer, got string "two"',
    ]);
  });

  it('rejects non-string label values and names the bracketed key', () => {
    const doc = sampleDoc('Deployment') as AnyObj;
    doc.metadata.labels['app.kubernetes.io/part-of'] = true;
    expect(validator.validate(doc).map((f) => f.message)).toEqual([
      'Deployment jetscale-backend-api: wrong type at metadata.labels["app.kubernetes.io/part-of"]: expected string, got boolean true',
    ]);
  });

  it('accepts int-or-string ports and numeric or string quantities, rejects other types there', () => {
    const doc = sampleDoc('Deployment') as AnyObj;
    const c = doc.spec.template.spec.containers[0];
    c.resources.limits.cpu = 0.5;
    c.livenessProbe.httpGet.port = 'http';
    expect(validator.validate(doc)).toEqual([]);
    c.resources.limits.cpu = true;
    c.livenessProbe.httpGet.port = ['http'];
    expect(validator.validate(doc).map((f) => f.message)).toEqual([
      'Deployment jetscale-backend-api: wrong type at spec.template.spec.containers[0].livenessProbe.httpGet.port: expected integer or string, got array',
      'Deployment jetscale-backend-api: wrong type at spec.template.spec.containers[0].resources.limits.cpu: expected string or number, got boolean true',
    ].sort());
  });

  it('requires container name and image', () => {
    const doc = sampleDoc('CronJob') as AnyObj;
    delete doc.spec.jobTemplate.spec.template.spec.containers[0].image;
    expect(validator.validate(doc).map((f) => f.message)).toEqual([
      'CronJob jetscale-backend-api-pull-coh: missing required field spec.jobTemplate.spec.template.spec.containers[0].image',
    ]);
  });

  it('treats null fields as unset, as the API server does, but not in required fields', () => {
    const doc = sampleDoc('Deployment') as AnyObj;
    doc.spec.strategy = null;
    expect(validator.validate(doc)).toEqual([]);
    doc.spec.template = null;
    expect(validator.validate(doc).map((f) => f.message)).toEqual(['Deployment jetscale-backend-api: missing required field spec.template']);
    expect(dropNullFields({ a: null, b: [null, { c: null }] })).toEqual({ b: [null, {}] });
  });

  it('accepts a valid ExternalSecret and SecretStore', () => {
    expect(validator.validate(sampleDoc('ExternalSecret', 'jetscale-db-secret'))).toEqual([]);
    expect(validator.validate(sampleDoc('ExternalSecret', 'jetscale-app-secrets'))).toEqual([]);
    expect(validator.validate(sampleDoc('SecretStore'))).toEqual([]);
  });

  it('rejects unknown fields and bad enums in an ExternalSecret', () => {
    const doc = sampleDoc('ExternalSecret', 'jetscale-db-secret') as AnyObj;
    doc.spec.data[0].remoteRef.proprety = 'host';
    doc.spec.target.creationPolicy = 'Owned';
    expect(validator.validate(doc).map((f) => f.message).sort()).toEqual([
      'ExternalSecret jetscale-db-secret: invalid value at spec.target.creationPolicy: "Owned" is not one of Owner, Orphan, Merge, None',
      'ExternalSecret jetscale-db-secret: unknown field spec.data[0].remoteRef.proprety',
    ]);
  });

  it('checks the AWS provider of a SecretStore strictly and requires exactly one provider', () => {
    const doc = sampleDoc('SecretStore') as AnyObj;
    doc.spec.provider.aws.auth.jwt.serviceAccountRef.nmae = 'x';
    delete doc.spec.provider.aws.auth.jwt.serviceAccountRef.name;
    expect(validator.validate(doc).map((f) => f.message).sort()).toEqual([
      'SecretStore jetscale-secrets-store: missing required field spec.provider.aws.auth.jwt.serviceAccountRef.name',
      'SecretStore jetscale-secrets-store: unknown field spec.provider.aws.auth.jwt.serviceAccountRef.nmae',
    ]);
    doc.spec.provider = {};
    expect(validator.validate(doc)[0]?.message).toMatch(/spec\.provider: must NOT have fewer than 1 properties/);
  });

  it('fails closed on a kind it has no schema for', () => {
    const findings = validator.validate(
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'jetscale' }, spec: {} },
      { source: 'jetscale/templates/httproute.yaml' },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'render/unknown-kind', severity: 'error' });
    expect(findings[0]?.message).toContain('no schema for gateway.networking.k8s.io/v1 HTTPRoute');
  });

  it('fails closed on a known kind under an unknown apiVersion', () => {
    const doc = sampleDoc('Ingress');
    doc.apiVersion = 'networking.k8s.io/v1beta1';
    expect(validator.validate(doc).map((f) => f.rule)).toEqual(['render/unknown-kind']);
  });

  it('reports missing apiVersion, kind or metadata.name', () => {
    expect(validator.validate({ kind: 'ConfigMap', metadata: {} })).toEqual([
      expect.objectContaining({ rule: 'render/missing-meta', message: 'ConfigMap (unnamed): missing apiVersion, metadata.name' }),
    ]);
    const noName = validator.validate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: {} } });
    expect(noName.map((f) => f.rule)).toEqual(['render/missing-meta']);
    expect(validator.validate('just a string').map((f) => f.rule)).toEqual(['render/missing-meta']);
    expect(validator.validate(undefined)[0]?.message).toContain('YAML did not parse');
  });

  it('compiles all schemas and validates 100 documents within budget (timings printed)', () => {
    const fresh = createManifestValidator();
    const docs = parseRenderedManifests(HELM_OUTPUT).map((d) => d.doc);
    const kinds = [
      ...docs,
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { selector: {}, serviceName: 's', template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] },
      { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'c' }, spec: { provider: { aws: { service: 'ParameterStore', region: 'eu-west-1' } } } },
    ];
    let t = performance.now();
    const first = kinds.flatMap((d) => fresh.validate(d));
    const compileMs = performance.now() - t;
    expect(first).toEqual([]);
    const hundred = Array.from({ length: 100 }, (_, i) => kinds[i % kinds.length]);
    t = performance.now();
    for (const d of hundred) fresh.validate(d);
    const validateMs = performance.now() - t;
    console.log(`manifest-schema: first use of ${kinds.length} docs / 16 kinds (read + compile) ${compileMs.toFixed(0)} ms; 100 documents ${validateMs.toFixed(1)} ms`);
    expect(compileMs).toBeLessThan(5_000);
    expect(validateMs).toBeLessThan(500);
  });
});
