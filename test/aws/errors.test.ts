// SDK errors become jetscale errors once: credentials and access → exit 3 with the fix, throttling absorbed by
// retries, exhausted retries → exit 1, NotFound typed, other service errors keep their AWS code and request id.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwsNotFoundError, isAwsNotFound } from '../../src/aws/index.js';
import { InterruptedError } from '../../src/core/errors.js';
import { awsPerTest, EXAMPLE, requestKeys } from './harness.js';

const start = awsPerTest();
afterEach(() => vi.unstubAllEnvs());

/** The SDK's own loaders read files and instance metadata from process.env; point them at nothing. */
function isolateSdkLoaders(configText = ''): void {
  const dir = mkdtempSync(join(tmpdir(), 'jetscale-aws-'));
  writeFileSync(join(dir, 'config'), configText);
  writeFileSync(join(dir, 'credentials'), '');
  vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
    'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) vi.stubEnv(name, undefined);
}

describe('AWS errors: credentials and access (exit 3)', () => {
  it.each([
    ['sts:GetCallerIdentity', 'ExpiredToken', 403],
    ['secretsmanager:ListSecrets', 'UnrecognizedClientException', 400],
    ['eks:ListClusters', 'ExpiredTokenException', 403],
  ])('%s answering %s is a credentials error with the fix', async (key, code, status) => {
    const { aws, sim } = await start({ fixture: EXAMPLE });
    sim.fault(key, { error: { code, status } });
    const call = { 'sts:GetCallerIdentity': () => aws.sts.getCallerIdentity(), 'secretsmanager:ListSecrets': () => aws.secretsManager.listSecrets(), 'eks:ListClusters': () => aws.eks.listClusters() }[key];
    const err = await call?.().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_AWS_CREDENTIALS', exitCode: 3, awsCode: code, operation: key });
    expect((err as Error).message).toContain(key);
    expect((err as { hint: string }).hint).toContain('aws sso login');
    expect(requestKeys(sim)).toEqual([key]);
  });

  it('AccessDenied names the operation and exits 3', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE });
    sim.fault('secretsmanager:GetSecretValue', { error: { code: 'AccessDeniedException', status: 400 } });
    const err = await aws.secretsManager.getSecretValue('pr-7-ephemeral/application/aws/client').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_AWS_ACCESS_DENIED', exitCode: 3 });
    expect((err as Error).message).toMatch(/^secretsmanager:GetSecretValue on pr-7-ephemeral\/application\/aws\/client was denied: AccessDeniedException/);
    expect((err as { hint: string }).hint).toContain('secretsmanager:GetSecretValue');
  });

  it('no credentials anywhere is exit 3 before any request is sent', async () => {
    isolateSdkLoaders();
    const { aws, sim } = await start({ fixture: EXAMPLE, env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: 'jetscale-no-such-profile' } });
    const err = await aws.sts.getCallerIdentity().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_AWS_CREDENTIALS', exitCode: 3, awsCode: 'CredentialsProviderError' });
    expect(sim.requests).toEqual([]);
  });

  it('no region anywhere is exit 3 with the fix; AWS_DEFAULT_REGION and the profile config are used when given', async () => {
    isolateSdkLoaders('[profile sim]\nregion = ap-southeast-2\n');
    const none = await start({ fixture: EXAMPLE, env: { AWS_REGION: undefined } });
    const err = await none.aws.sts.getCallerIdentity().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_AWS_REGION', exitCode: 3 });
    expect((err as { hint: string }).hint).toContain('AWS_REGION');
    expect(none.sim.requests).toEqual([]);

    const byDefault = await start({ fixture: EXAMPLE, env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: 'eu-west-1' } });
    expect((await byDefault.aws.sts.getCallerIdentity()).account).toBe('111111111111');
    expect(await (await byDefault.aws.clients.get('sts')).config.region()).toBe('eu-west-1');

    const byProfile = await start({ fixture: EXAMPLE, env: { AWS_REGION: undefined, AWS_PROFILE: 'sim' } });
    await byProfile.aws.eks.listClusters();
    expect(await (await byProfile.aws.clients.get('eks')).config.region()).toBe('ap-southeast-2');
    expect(await (await byProfile.aws.clients.get('sts')).config.region()).toBe('ap-southeast-2');
  });
});

describe('AWS errors: throttling, exhausted retries and service errors', () => {
  it('absorbs throttling with the retry strategy', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE });
    const arn = sim.list('elbv2:loadbalancer')[0]?.arn ?? '';
    sim.fault('elbv2:DescribeTags', { throttle: 2 });
    sim.fault('eks:ListClusters', { throttle: 2 });
    expect((await aws.elbv2.describeTags([arn])).get(arn)).toMatchObject({ 'elbv2.k8s.aws/cluster': 'pr-7' });
    expect(await aws.eks.listClusters()).toEqual(['pr-7']);
    expect(sim.requests.map((r) => `${r.operation}:${r.status}`)).toEqual([
      'DescribeTags:400', 'DescribeTags:400', 'DescribeTags:200', 'ListClusters:429', 'ListClusters:429', 'ListClusters:200',
    ]);
  });

  it('fails with exit 1 naming the attempts once retries are exhausted', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE, maxAttempts: 2 });
    sim.fault('elbv2:DescribeLoadBalancers', { throttle: 5 });
    const err = await aws.elbv2.describeLoadBalancers().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_AWS_RETRIES_EXHAUSTED', exitCode: 1, awsCode: 'Throttling' });
    expect((err as Error).message).toMatch(/^elbv2:DescribeLoadBalancers on \* still failed after 2 attempts: Throttling: Rate exceeded \(request id \S+\)$/);
    sim.fault('sts:GetCallerIdentity', { status: 503, times: 2 });
    await expect(aws.sts.getCallerIdentity()).rejects.toMatchObject({ code: 'E_AWS_RETRIES_EXHAUSTED', exitCode: 1 });
    expect(requestKeys(sim)).toEqual(['elbv2:DescribeLoadBalancers', 'elbv2:DescribeLoadBalancers', 'sts:GetCallerIdentity', 'sts:GetCallerIdentity']);
  });

  it('types "not found" so callers can tell gone from failed', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE });
    const bogusTg = sim.list('elbv2:targetgroup')[0]?.arn.replace(/[0-9a-f]{16}$/, '0000000000000000') ?? '';
    const misses = [
      aws.eks.describeCluster('pr-8'),
      aws.eks.describeNodegroup('pr-7', 'nope'),
      aws.elbv2.describeLoadBalancers({ names: ['nope'] }),
      aws.elbv2.describeTargetHealth(bogusTg),
      aws.secretsManager.describeSecret('pr-8/nothing'),
    ];
    const errors = await Promise.all(misses.map((p) => p.then(() => undefined, (e: unknown) => e)));
    expect(errors.map((e) => isAwsNotFound(e) && [e.operation, e.awsCode, e.exitCode])).toEqual([
      ['eks:DescribeCluster', 'ResourceNotFoundException', 1],
      ['eks:DescribeNodegroup', 'ResourceNotFoundException', 1],
      ['elbv2:DescribeLoadBalancers', 'LoadBalancerNotFoundException', 1],
      ['elbv2:DescribeTargetHealth', 'TargetGroupNotFoundException', 1],
      ['secretsmanager:DescribeSecret', 'ResourceNotFoundException', 1],
    ]);
    expect(errors[0]).toBeInstanceOf(AwsNotFoundError);
    expect((errors[0] as AwsNotFoundError).target).toBe('pr-8');
  });

  it('keeps the AWS code and request id of any other service error', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE });
    const tg = sim.list('elbv2:targetgroup')[0]?.arn ?? '';
    const err = await aws.elbv2.deleteTargetGroup(tg).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_AWS', exitCode: 1, awsCode: 'ResourceInUseException', requestId: expect.any(String) });
    expect(isAwsNotFound(err)).toBe(false);
    const { requestId } = err as { requestId: string };
    expect((err as Error).message).toBe(`elbv2:DeleteTargetGroup on ${tg} failed: ResourceInUseException: ${(err as { cause: Error }).cause.message} (request id ${requestId})`);
    expect(sim.list('elbv2:targetgroup')).toHaveLength(1);
  });
});

describe('AWS calls and Ctrl-C', () => {
  it('refuses new calls once the run is cancelled, and aborts one in flight with the run\'s reason', async () => {
    const controller = new AbortController();
    const { aws, sim, gate } = await start({ fixture: EXAMPLE, signal: controller.signal });
    sim.fault('sts:GetCallerIdentity', { latencyMs: 5_000 });
    const t0 = performance.now();
    const inFlight = aws.sts.getCallerIdentity().catch((e: unknown) => e);
    setTimeout(() => controller.abort(new InterruptedError('Ctrl-C')), 100);
    const err = await inFlight;
    expect(err).toBeInstanceOf(InterruptedError);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(gate.transcript.map((r) => [r.operation, r.status])).toEqual([['sts:GetCallerIdentity', 'failed']]);

    await expect(aws.eks.listClusters()).rejects.toBeInstanceOf(InterruptedError);
    expect(requestKeys(sim).filter((k) => k.startsWith('eks:'))).toEqual([]);
  });
});
