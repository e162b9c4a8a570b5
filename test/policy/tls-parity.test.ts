// TLS parity across every public environment type (config publicEnvTypes, default preview and live): one
// certificate and one policy; the finding sits on the environment that differs, at the line that set its value.
import { describe, expect, it } from 'vitest';
import { checkTlsParity } from '../../src/policy/tls-parity.js';
import type { EnvUnderTest } from '../../src/policy/env-under-test.js';
import { checkConfiguredTypes } from '../../src/policy/env-types.js';
import { A, AZURE_LAYER, CERT, CLOUD_FILE, OPTS, OTHER_CERT, albValues, layeredEnv, lineIn, makeEnv } from './fixtures.js';

const CERT_PATH = ['ingress', 'annotations', `${A}certificate-arn`] as const;

/** An ALB environment whose certificate is `cert`, set in its own file (line 40) or inherited from the cloud layer. */
function env(id: string, cert: string | undefined, own = cert !== CERT): EnvUnderTest {
  const at = own ? { file: `envs/${id}.yaml`, line: 40, layer: 3 } : { file: CLOUD_FILE, line: 17 };
  return makeEnv(id, albValues({ [`${A}certificate-arn`]: cert }), [[CERT_PATH, at]]);
}

describe('checkTlsParity', () => {
  it.each([
    { name: 'preview and live share the cloud certificate', envs: [env('preview/preview', CERT), env('live/console', CERT)], want: [] },
    { name: 'staging may differ (not a parity type)', envs: [env('preview/preview', CERT), env('staging/acme', OTHER_CERT)], want: [] },
    { name: 'no preview/live environments', envs: [env('staging/acme', CERT)], want: [] },
    { name: 'nothing at all', envs: [], want: [] },
    { name: 'live overrides the certificate', envs: [env('preview/preview', CERT), env('live/console', OTHER_CERT)], want: [['live/console', 'envs/live/console.yaml', 40]] },
    {
      name: 'preview overrides it: every live environment is reported against the preview',
      envs: [env('live/a', CERT), env('preview/preview', OTHER_CERT), env('live/b', CERT)],
      want: [['live/a', CLOUD_FILE, 17], ['live/b', CLOUD_FILE, 17]],
    },
    { name: 'without a preview the first live environment is the reference', envs: [env('live/a', CERT), env('live/b', OTHER_CERT)], want: [['live/b', 'envs/live/b.yaml', 40]] },
    { name: 'a live environment without a certificate is left to tls/certificate', envs: [env('preview/preview', CERT), env('live/a', undefined)], want: [] },
  ])('$name', ({ envs, want }) => {
    const got = checkTlsParity(envs, OPTS);
    expect(got.map((f) => [f.env, f.file, f.line])).toEqual(want);
    for (const f of got) expect(f).toMatchObject({ rule: 'tls/parity', severity: 'error' });
  });

  it('names both certificates and the reference environment, and hints at the cloud file', () => {
    const [f] = checkTlsParity([env('preview/preview', CERT), env('live/console', OTHER_CERT)], OPTS);
    expect(f?.message).toContain(OTHER_CERT);
    expect(f?.message).toContain(CERT);
    expect(f?.message).toContain('preview/preview');
    expect(f?.hint).toContain(CLOUD_FILE);
  });

  it('ignores a live environment that is not on ALB', () => {
    const azure = makeEnv('live/az', { ingress: { enabled: true, className: 'azure-application-gateway', annotations: { [`${A}certificate-arn`]: OTHER_CERT } } });
    expect(checkTlsParity([env('preview/preview', CERT), azure], OPTS)).toEqual([]);
  });
});

describe('checkTlsParity across the configured public types', () => {
  const staging = { ...OPTS, publicEnvTypes: ['preview', 'live', 'staging'] };

  it('a third public type is compared too; with the defaults it is not', () => {
    const envs = [env('preview/preview', CERT), env('live/console', CERT), env('staging/acme', OTHER_CERT)];
    expect(checkTlsParity(envs, OPTS)).toEqual([]);
    expect(checkTlsParity(envs, staging).map((f) => [f.rule, f.env, f.file, f.line])).toEqual([['tls/parity', 'staging/acme', 'envs/staging/acme.yaml', 40]]);
    expect(checkTlsParity(envs, staging)[0]?.message).toContain('(preview, live, staging)');
  });

  it('without preview, the first configured type is the reference', () => {
    const envs = [env('live/a', OTHER_CERT), env('staging/b', CERT)];
    expect(checkTlsParity(envs, { ...OPTS, publicEnvTypes: ['staging', 'live'] }).map((f) => f.env)).toEqual(['live/a']);
  });

  it('compares the pinned ssl-policy as well as the certificate', () => {
    const other = makeEnv('live/console', albValues({ [`${A}ssl-policy`]: 'ELBSecurityPolicy-2016-08' }), [[['ingress', 'annotations', `${A}ssl-policy`], { file: 'envs/live/console.yaml', line: 12, layer: 3 }]]);
    const got = checkTlsParity([env('preview/preview', CERT), other], OPTS);
    expect(got.map((f) => [f.env, f.line, f.message.split(' ')[0]])).toEqual([['live/console', 12, 'ssl-policy']]);
  });

  it('a public environment with its ingress off is an error where it was switched off', () => {
    const yaml = 'ingress:\n  enabled: false\n';
    const off = layeredEnv('live/console', { env: yaml });
    const got = checkTlsParity([off], OPTS);
    expect(got).toEqual([expect.objectContaining({ rule: 'tls/parity', severity: 'error', file: 'envs/live/console.yaml', line: lineIn(yaml, 'enabled') })]);
    expect(got[0]?.message).toMatch(/live is a public environment type .* switches its ingress off/);
    expect(checkTlsParity([layeredEnv('staging/acme', { env: yaml })], OPTS)).toEqual([]);
  });

  it('Application Gateway environments share one certificate name', () => {
    const hosts = 'ingress:\n  hosts:\n    console.jetscale.ai: {}\n';
    const own = `${hosts}  annotations:\n    appgw.ingress.kubernetes.io/appgw-ssl-certificate: other-cert\n`;
    const az = (id: string, yaml: string) => layeredEnv(id, { cloud: AZURE_LAYER, cloudFile: 'envs/azure.yaml', env: yaml });
    const got = checkTlsParity([az('preview/preview', hosts), az('live/console', own)], OPTS);
    expect(got).toEqual([expect.objectContaining({ rule: 'tls/parity', env: 'live/console', file: 'envs/live/console.yaml', line: lineIn(own, 'appgw-ssl-certificate') })]);
    expect(got[0]?.message).toMatch(/appgw-ssl-certificate other-cert differs from envs\/azure\.yaml's jetscale-wildcard/);
  });
});

describe('checkConfiguredTypes', () => {
  it('warns once per public type with no environment, never silently skips it', () => {
    const got = checkConfiguredTypes([env('live/console', CERT)], { ...OPTS, publicEnvTypes: ['preview', 'live', 'demo'] });
    expect(got.map((f) => [f.rule, f.severity, f.message.split(' ').slice(0, 4).join(' ')])).toEqual([
      ['tls/parity', 'warning', 'public environment type preview'],
      ['tls/parity', 'warning', 'public environment type demo'],
    ]);
    expect(got[0]?.hint).toContain('publicEnvTypes');
  });

  it('counts types whose files did not parse (envTypes) as present', () => {
    expect(checkConfiguredTypes([], { ...OPTS, envTypes: ['preview', 'live'] })).toEqual([]);
  });

  it('warns about a requiredKinds type with no environment', () => {
    const got = checkConfiguredTypes([env('preview/p', CERT), env('live/console', CERT)], { ...OPTS, requiredKinds: { live: ['Ingress'], prod: ['Ingress'], empty: [] } });
    expect(got).toEqual([expect.objectContaining({ rule: 'render/expected-kinds', severity: 'warning', message: expect.stringContaining('type prod (Ingress)') })]);
  });
});
