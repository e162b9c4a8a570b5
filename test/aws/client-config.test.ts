// Settings read from the env view, and the operation table: pure, no simulator.
import { describe, expect, it } from 'vitest';
import { readAwsEnv } from '../../src/aws/client-config.js';
import { createAwsClients } from '../../src/aws/index.js';
import { AWS_OPERATIONS, classifyOperation, operationKey } from '../../src/aws/operations.js';
import { matchesTags } from '../../src/aws/tagging.js';
import { describeTarget } from '../../src/aws/targets.js';
import { EffectGate } from '../../src/core/effects.js';
import { JetscaleError } from '../../src/core/errors.js';
import { Secrets } from '../../src/core/secrets.js';

const thrown = (f: () => unknown): JetscaleError => {
  try {
    f();
  } catch (e) {
    if (e instanceof JetscaleError) return e;
    throw e;
  }
  throw new Error('expected a JetscaleError');
};

describe('AWS settings from the env view', () => {
  it('takes AWS_REGION, then AWS_DEFAULT_REGION, else leaves the region to the SDK loader', () => {
    expect(readAwsEnv({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-2' }).region).toBe('eu-west-1');
    expect(readAwsEnv({ AWS_REGION: '', AWS_DEFAULT_REGION: 'us-east-2' }).region).toBe('us-east-2');
    expect(readAwsEnv({}).region).toBeUndefined();
  });

  it('uses env keys when both are set, the profile otherwise, and rejects half a key pair', () => {
    expect(readAwsEnv({ AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret', AWS_SESSION_TOKEN: 'fake-token', AWS_PROFILE: 'dev' }))
      .toMatchObject({ credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake-secret', sessionToken: 'fake-token' }, profile: 'dev' });
    expect(readAwsEnv({ AWS_PROFILE: 'dev' })).toMatchObject({ credentials: undefined, profile: 'dev' });
    const err = thrown(() => readAwsEnv({ AWS_ACCESS_KEY_ID: 'AKIAFAKE' }));
    expect(err).toMatchObject({ code: 'E_AWS_CREDENTIALS', exitCode: 3 });
    expect(err.message).toContain('AWS_SECRET_ACCESS_KEY');
  });

  it('prefers AWS_ENDPOINT_URL_<SERVICE> over AWS_ENDPOINT_URL and honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    const env = { AWS_ENDPOINT_URL: 'https://vpce.example.internal', AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://127.0.0.1:4566' };
    expect(readAwsEnv(env).endpoints).toEqual({
      sts: 'https://vpce.example.internal', elbv2: 'http://127.0.0.1:4566', eks: 'https://vpce.example.internal',
      secretsmanager: 'https://vpce.example.internal', tagging: 'https://vpce.example.internal', s3: 'https://vpce.example.internal',
    });
    expect(readAwsEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000' }).endpoints).toEqual({ s3: 'http://127.0.0.1:9000' });
    expect(readAwsEnv({ ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).endpoints).toEqual({});
  });

  it.each([
    ['AWS_ENDPOINT_URL_EKS', 'localhost:4566'],
    ['AWS_ENDPOINT_URL_SECRETS_MANAGER', '127.0.0.1:4566'],
    ['AWS_ENDPOINT_URL_STS', 'ftp://127.0.0.1'],
    ['AWS_ENDPOINT_URL', '/relative/path'],
    ['AWS_ENDPOINT_URL_S3', 'http//missing-colon'],
  ])('rejects %s=%s as a usage error naming the variable and its value', (name, value) => {
    const gate = new EffectGate({ dryRun: false, ceiling: 'read' });
    const err = thrown(() => createAwsClients({ gate, env: { AWS_REGION: 'us-east-1', [name]: value } }));
    expect(err).toMatchObject({ code: 'E_AWS_ENDPOINT', exitCode: 2 });
    expect(err.message).toBe(`${name}=${JSON.stringify(value)} is not an absolute http(s) URL`);
    expect(err.hint).toContain(name);
  });

  it('builds each client once with the configured retry mode and max attempts', async () => {
    const gate = new EffectGate({ dryRun: false, ceiling: 'read' });
    const env = { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret' };
    const adaptive = createAwsClients({ gate, env, retryMode: 'adaptive', maxAttempts: 7 });
    const defaults = createAwsClients({ gate, env });
    const modeOf = async (c: { config: { retryStrategy: () => Promise<object> } }) => ((await c.config.retryStrategy()) as { mode?: string }).mode;
    try {
      const sts = await adaptive.get('sts');
      expect(await adaptive.get('sts')).toBe(sts);
      expect(await sts.config.maxAttempts()).toBe(7);
      expect(await modeOf(sts)).toBe('adaptive');
      expect(await sts.config.region()).toBe('eu-central-1');
      const eks = await defaults.get('eks');
      expect([await eks.config.maxAttempts(), await modeOf(eks)]).toEqual([3, 'standard']);
      expect(eks.middlewareStack.identify().some((m) => m.startsWith('jetscaleEffectGate'))).toBe(true);
    } finally {
      adaptive.destroy();
      defaults.destroy();
    }
  });

  it('registers env credentials for redaction', () => {
    const secrets = new Secrets();
    createAwsClients({ gate: new EffectGate({ dryRun: false, ceiling: 'read' }), secrets, env: { AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret-value', AWS_SESSION_TOKEN: 'fake-session-token' } });
    expect(secrets.redact('fake-secret-value fake-session-token')).toBe('*** ***');
  });
});

describe('AWS operation table', () => {
  it('maps SDK client and command names to operation keys', () => {
    expect(operationKey('ElasticLoadBalancingV2Client', 'DeleteLoadBalancerCommand')).toEqual({ service: 'elbv2', key: 'elbv2:DeleteLoadBalancer' });
    expect(operationKey('ResourceGroupsTaggingAPIClient', 'GetResourcesCommand').key).toBe('tagging:GetResources');
    expect(operationKey('IAMClient', 'DeleteRoleCommand').key).toBe('iam:DeleteRole');
  });

  it('classifies listed operations and fails closed on the rest', () => {
    expect(classifyOperation('elbv2:DescribeLoadBalancers')).toBe('read');
    expect(classifyOperation('secretsmanager:PutSecretValue')).toBe('write');
    expect(classifyOperation('s3:DeleteObject')).toBe('destroy');
    expect(classifyOperation('elbv2:CreateLoadBalancer')).toBe('destroy');
    expect(classifyOperation('toString')).toBe('destroy');
    // Every read is named like a read, so a misfiled delete cannot hide in the table. The one exception mints
    // credentials and changes no resource (diagnose --role-arn narrows them with a read-only session policy).
    const credentialReads = new Set(['sts:AssumeRole']);
    for (const [key, effect] of Object.entries(AWS_OPERATIONS)) expect([key, effect === 'read']).toEqual([key, /:(Describe|List|Get|Head)/.test(key) || credentialReads.has(key)]);
  });

  it('names the target a human looks for', () => {
    expect(describeTarget('s3', { Bucket: 'b', Key: 'a/b.json' })).toBe('s3://b/a/b.json');
    expect(describeTarget('s3', { Bucket: 'b', Key: 'c', CopySource: 'b/a' })).toBe('s3://b/c (from b/a)');
    expect(describeTarget('eks', { clusterName: 'pr-7', nodegroupName: 'ng' })).toBe('pr-7/ng');
    expect(describeTarget('elbv2', { ResourceArns: ['a', 'b'] })).toBe('a,b');
    expect(describeTarget('tagging', { TagFilters: [{ Key: 'env', Values: ['pr-7', 'pr-8'] }, { Key: 'x' }] })).toBe('env=pr-7|pr-8,x=*');
    expect(describeTarget('sts', {})).toBe('*');
  });

  it('re-checks tag values exactly on the client side', () => {
    const tags = { 'jetscale.env_id': 'pr-70', lifecycle: 'ephemeral' };
    expect(matchesTags(tags, [{ key: 'jetscale.env_id', values: ['pr-7'] }])).toBe(false);
    expect(matchesTags(tags, [{ key: 'jetscale.env_id', values: ['pr-7', 'pr-70'] }, { key: 'lifecycle' }])).toBe(true);
    expect(matchesTags(tags, [{ key: 'missing' }])).toBe(false);
  });
});
