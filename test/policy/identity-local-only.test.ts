// Identity completeness (the keys that build secret paths) and local-only components (postgres, redis,
// testSecrets) on plain merged values.
import { describe, expect, it } from 'vitest';
import { checkIdentity } from '../../src/policy/identity.js';
import { runPolicies } from '../../src/policy/index.js';
import { checkLocalOnly } from '../../src/policy/local-only.js';
import { OPTS, albValues, makeEnv } from './fixtures.js';

function identity(overrides: Record<string, unknown> = {}, externalSecret: Record<string, unknown> = {}): Record<string, unknown> {
  const values = {
    global: { project_name: 'console', client_name: 'globex' },
    externalSecret: { enabled: true, awsSecretPrefix: 'globex-staging', irsaRoleArn: 'arn:aws:iam::111111111111:role/r', ...externalSecret },
  };
  Object.assign(values.global, overrides);
  return values;
}

describe('checkIdentity', () => {
  it('passes a complete identity', () => {
    expect(checkIdentity(makeEnv('staging/globex', identity()))).toEqual([]);
  });

  it('with External Secrets off, still requires project and client but not the secret prefix or IRSA role', () => {
    const keys = checkIdentity(makeEnv('staging/globex', { externalSecret: { enabled: false }, global: { project_name: '', client_name: 'globex' } })).map((f) => f.message.split(' ')[0]);
    expect(keys).toEqual(['global.project_name']);
  });

  it.each([
    { name: 'empty project_name', values: identity({ project_name: '' }), keys: ['global.project_name'] },
    { name: 'blank client_name', values: identity({ client_name: '   ' }), keys: ['global.client_name'] },
    { name: 'numeric project_name', values: identity({ project_name: 7 }), keys: ['global.project_name'] },
    { name: 'missing secret prefix', values: identity({}, { awsSecretPrefix: undefined }), keys: ['externalSecret.awsSecretPrefix'] },
    { name: 'null IRSA role', values: identity({}, { irsaRoleArn: null }), keys: ['externalSecret.irsaRoleArn'] },
    { name: 'nothing set', values: { externalSecret: { enabled: true } }, keys: ['global.project_name', 'global.client_name', 'externalSecret.awsSecretPrefix', 'externalSecret.irsaRoleArn'] },
  ])('$name → identity/empty in the environment file', ({ values, keys }) => {
    const findings = checkIdentity(makeEnv('staging/globex', values, [[['global'], { file: 'envs/staging/globex.yaml', line: 2, layer: 3 }]]));
    expect(findings.map((f) => f.message.split(' ')[0])).toEqual(keys);
    for (const f of findings) {
      expect(f).toMatchObject({ rule: 'identity/empty', severity: 'error', env: 'staging/globex', file: 'envs/staging/globex.yaml' });
      expect(f.hint).toContain('envs/staging/globex.yaml');
    }
  });
});

describe('checkLocalOnly', () => {
  it.each([
    { key: 'postgres', enabled: true, fires: true },
    { key: 'redis', enabled: true, fires: true },
    { key: 'testSecrets', enabled: true, fires: true },
    { key: 'postgres', enabled: false, fires: false },
    { key: 'redis', enabled: 'true', fires: false },
  ])('$key.enabled = $enabled → fires: $fires', ({ key, enabled, fires }) => {
    const env = makeEnv('live/console', { [key]: { enabled } }, [[[key, 'enabled'], { file: 'envs/live/default.yaml', line: 21, layer: 2 }]]);
    const findings = checkLocalOnly(env);
    expect(findings).toEqual(fires ? [expect.objectContaining({ rule: 'env/local-only', severity: 'error', env: 'live/console', file: 'envs/live/default.yaml', line: 21 })] : []);
    if (fires) expect(findings[0]?.message).toContain(`${key}.enabled`);
  });

  it('reports all three at once', () => {
    const env = makeEnv('live/console', { postgres: { enabled: true }, redis: { enabled: true }, testSecrets: { enabled: true } });
    expect(checkLocalOnly(env).map((f) => f.message.split('.')[0])).toEqual(['postgres', 'redis', 'testSecrets']);
  });
});

describe('runPolicies', () => {
  it('runs every per-environment and fleet rule and keeps each finding on its environment', () => {
    const ok = { ...identity({ client_name: 'preview' }, { awsSecretPrefix: 'preview-ephemeral', irsaRoleArn: 'arn:aws:iam::111111111111:role/p' }), ...albValues({}, { hosts: { 'preview.jetscale.ai': {} } }) };
    const envs = [
      makeEnv('preview/preview', ok),
      makeEnv('live/console', { ...identity({ project_name: '' }), ...albValues({ 'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:us-east-1:111111111111:certificate/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f' }), redis: { enabled: true } }),
    ];
    const got = runPolicies(envs, { ...OPTS, domain: 'jetscale.ai' }).map((f) => `${f.env} ${f.rule}`).sort();
    expect(got).toEqual(['live/console env/local-only', 'live/console identity/empty', 'live/console tls/parity']);
  });
});
