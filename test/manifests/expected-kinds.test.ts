import { describe, expect, it } from 'vitest';
import { checkExpectedKinds, valueAt } from '../../src/manifests/expected-kinds.js';
import { parseRenderedManifests } from '../../src/manifests/parse-rendered.js';
import { HELM_OUTPUT } from './fixtures.js';

const docs = parseRenderedManifests(HELM_OUTPUT);
// The fixture renders the db and app ExternalSecrets only.
const values = {
  ingress: { enabled: true },
  externalSecret: { enabled: true, db: { enabled: true }, app: { enabled: true }, redis: { enabled: false }, common: { enabled: false }, awsClient: { enabled: false } },
};

describe('checkExpectedKinds', () => {
  it('passes when everything switched on was rendered', () => {
    expect(checkExpectedKinds(docs, values, { release: 'jetscale' })).toEqual([]);
  });

  it('fires when the Ingress is missing although ingress.enabled is true', () => {
    const withoutIngress = docs.filter((d) => (d.doc as { kind?: string }).kind !== 'Ingress');
    const findings = checkExpectedKinds(withoutIngress, values, { release: 'jetscale', env: 'prod/console' });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'render/expected-kinds',
        severity: 'error',
        env: 'prod/console',
        message: 'expected Ingress because ingress.enabled is true, but the render has none',
      }),
    ]);
    expect(checkExpectedKinds(withoutIngress, { ...values, ingress: { enabled: false } }, { release: 'jetscale' })).toEqual([]);
  });

  it('fires on two Ingresses', () => {
    const ingress = docs.find((d) => (d.doc as { kind?: string }).kind === 'Ingress');
    const findings = checkExpectedKinds([...docs, ingress!], values, { release: 'jetscale' });
    expect(findings.map((f) => f.message)).toEqual(['expected exactly one Ingress, the render has 2']);
  });

  it('expects each switched-on ExternalSecret by release-prefixed name, defaulting toggles to the chart defaults', () => {
    const findings = checkExpectedKinds(docs, { ingress: { enabled: true } }, { release: 'jetscale' });
    expect(findings.map((f) => f.message)).toEqual([
      'expected ExternalSecret jetscale-redis-secret because externalSecret.enabled and externalSecret.redis.enabled is true, but the render has none',
      'expected ExternalSecret jetscale-common-secrets because externalSecret.enabled and externalSecret.common.enabled is true, but the render has none',
      'expected ExternalSecret jetscale-aws-client-secret because externalSecret.enabled and externalSecret.awsClient.enabled is true, but the render has none',
    ]);
  });

  it('uses the release name it is given', () => {
    const findings = checkExpectedKinds(docs, values, { release: 'pr-42' });
    expect(findings.map((f) => f.message)).toEqual([
      'expected ExternalSecret pr-42-db-secret because externalSecret.enabled and externalSecret.db.enabled is true, but the render has none',
      'expected ExternalSecret pr-42-app-secrets because externalSecret.enabled and externalSecret.app.enabled is true, but the render has none',
    ]);
  });

  it('expects a SecretStore unless an existing store is named, and nothing when ESO is off', () => {
    const noStore = docs.filter((d) => (d.doc as { kind?: string }).kind !== 'SecretStore');
    expect(checkExpectedKinds(noStore, values, { release: 'jetscale' }).map((f) => f.message)).toEqual([
      'expected SecretStore because externalSecret.enabled (and no externalSecret.secretStoreName) is true, but the render has none',
    ]);
    const named = { ...values, externalSecret: { ...values.externalSecret, secretStoreName: 'terraform-store' } };
    expect(checkExpectedKinds(noStore, named, { release: 'jetscale' })).toEqual([]);
    expect(checkExpectedKinds([], { ingress: { enabled: false }, externalSecret: { enabled: false } }, { release: 'jetscale' })).toEqual([]);
  });

  it('reads dotted values paths with fallbacks', () => {
    expect(valueAt({ a: { b: false } }, 'a.b', true)).toBe(false);
    expect(valueAt({ a: null }, 'a.b', true)).toBe(true);
    expect(valueAt(undefined, 'a', 'x')).toBe('x');
  });
});
