// STS AssumeRole through the real SDK: a session whose policy the simulator enforces (Allow needed, Deny wins),
// GetCallerIdentity answering the assumed role for the session's key, and STS's own validation errors.
import { DeleteLoadBalancerCommand, DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { AwsSim } from './index.js';
import { EXAMPLE_FIXTURE, simPerTest } from './per-test.js';
import type { SimClients } from './sdk-clients.js';

let sim: AwsSim;
let c: SimClients;
const start = simPerTest((s, clients) => ((sim = s), (c = clients)));
const ROLE = 'arn:aws:iam::111111111111:role/breakglass-read';
const READ_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Deny', NotAction: ['elasticloadbalancing:Describe*', 'secretsmanager:Get*', 'sts:GetCallerIdentity'], Resource: '*' },
  ],
});

async function assume(policy?: string) {
  const out = await c.sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'jetscale-diagnose', ...(policy ? { Policy: policy } : {}) }));
  const creds = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
  const config = { endpoint: sim.url, region: sim.region, credentials: creds, maxAttempts: 1 };
  return { out, sts: new STSClient(config), elbv2: new ElasticLoadBalancingV2Client(config), secrets: new SecretsManagerClient(config) };
}

describe('STS AssumeRole', () => {
  it('hands out a session; GetCallerIdentity answers the assumed role for its key and the fixture caller otherwise', async () => {
    await start({ fixture: EXAMPLE_FIXTURE });
    const s = await assume();
    expect(s.out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111111111111:assumed-role/breakglass-read/jetscale-diagnose');
    expect(s.out.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now());
    expect((await s.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(s.out.AssumedRoleUser?.Arn);
    expect((await c.sts.send(new GetCallerIdentityCommand({}))).Arn).toMatch(/github-actions-deployer/);
    [s.sts, s.elbv2, s.secrets].forEach((x) => x.destroy());
  });

  it('enforces the session policy: reads pass, a write or delete is AccessDenied and changes nothing', async () => {
    await start({ fixture: EXAMPLE_FIXTURE });
    const s = await assume(READ_ONLY);
    const [lb] = (await s.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    expect((await s.secrets.send(new GetSecretValueCommand({ SecretId: 'pr-7-ephemeral/application/aws/client' }))).SecretString).toContain('AWS_REGION');
    await expect(s.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb!.LoadBalancerArn! }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(s.secrets.send(new PutSecretValueCommand({ SecretId: 'pr-7-ephemeral/application/aws/client', SecretString: '{}' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(sim.list('elbv2:loadbalancer')).toHaveLength(1);
    expect(sim.requests.filter((r) => r.errorCode).map((r) => `${r.operation} ${r.errorCode}`)).toEqual(['DeleteLoadBalancer AccessDenied', 'PutSecretValue AccessDeniedException']);
    // The same write with the caller's own key is not narrowed by someone else's session.
    await expect(c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb!.LoadBalancerArn! }))).resolves.toBeDefined();
    [s.sts, s.elbv2, s.secrets].forEach((x) => x.destroy());
  });

  it('a session policy without an Allow allows nothing (the intersection with the role)', async () => {
    await start({ fixture: EXAMPLE_FIXTURE });
    const s = await assume(JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'elasticloadbalancing:Delete*', Resource: '*' }] }));
    await expect(s.elbv2.send(new DescribeLoadBalancersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    [s.sts, s.elbv2, s.secrets].forEach((x) => x.destroy());
  });

  it('rejects a bad role ARN, session name, duration and policy as STS does', async () => {
    await start({ fixture: EXAMPLE_FIXTURE });
    await expect(c.sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/x', RoleSessionName: 'ok-name' }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(c.sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a' }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(c.sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'ok-name', DurationSeconds: 60 }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(c.sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'ok-name', Policy: '{nope' }))).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await expect(c.sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'ok-name', Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::x' }] }) }))).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
  });
});
