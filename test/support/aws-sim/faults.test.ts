// Fault injection seen through the real SDK retry logic, and the request log used to assert call patterns.
import { DeleteTargetGroupCommand, DescribeLoadBalancersCommand, DescribeTagsCommand, ResourceInUseException } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import type { AwsSim, AwsSimOptions } from './index.js';
import { EXAMPLE_FIXTURE as EXAMPLE, simPerTest } from './per-test.js';
import type { SimClients } from './sdk-clients.js';

let sim: AwsSim;
let c: SimClients;
const boot = simPerTest((s, clients) => ((sim = s), (c = clients)));
const start = (fixture: AwsSimOptions['fixture'] = EXAMPLE) => boot({ fixture });

describe('faults', () => {
  it('throttling is absorbed by the SDK standard retry and visible in the log', async () => {
    await start();
    sim.fault('elbv2:DescribeLoadBalancers', { throttle: 2 });
    const out = await c.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(out.LoadBalancers).toHaveLength(1);
    expect(out.$metadata.attempts).toBe(3);
    expect(sim.requests.map((r) => [r.status, r.errorCode])).toEqual([[400, 'Throttling'], [400, 'Throttling'], [200, undefined]]);
  });

  it('throttling beyond maxAttempts surfaces as the throttling error', async () => {
    await start();
    sim.fault('secretsmanager:GetSecretValue', { throttle: 5 });
    const err = await c.secrets.send(new GetSecretValueCommand({ SecretId: 'pr-7-ephemeral/application/aws/client' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
    expect(sim.requests).toHaveLength(3);
  });

  it('HTTP 503 is retried; EKS REST-JSON too', async () => {
    await start();
    sim.fault('eks:DescribeCluster', { status: 503, times: 1 });
    const out = await c.eks.send(new DescribeClusterCommand({ name: 'pr-7' }));
    expect(out.cluster?.name).toBe('pr-7');
    expect(sim.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('an HTTP 500 that outlasts the retries surfaces with its status', async () => {
    await start();
    sim.fault('elbv2:*', { status: 500, times: 3 });
    const err = (await c.elbv2.send(new DescribeLoadBalancersCommand({})).catch((e: unknown) => e)) as { $metadata: { httpStatusCode: number } };
    expect(err.$metadata.httpStatusCode).toBe(500);
    expect(sim.requests.map((r) => r.status)).toEqual([500, 500, 500]);
  });

  it('adds latency', async () => {
    await start();
    sim.fault('sts:GetCallerIdentity', { latencyMs: 120, times: 1 });
    const t0 = performance.now();
    await c.sts.send(new (await import('@aws-sdk/client-sts')).GetCallerIdentityCommand({}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
    expect(sim.requests[0]?.ms).toBeGreaterThanOrEqual(115);
  });

  it('forces a dependency violation once, then the delete succeeds', async () => {
    await start({ elbv2: { targetGroups: [{ name: 'orphan' }] } });
    const arn = sim.list('elbv2:targetgroup')[0]?.arn;
    sim.fault('elbv2:DeleteTargetGroup', { inUse: 1 });
    await expect(c.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }))).rejects.toBeInstanceOf(ResourceInUseException);
    await c.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }));
    expect(sim.list('elbv2:targetgroup')).toEqual([]);
  });

  it('logs params so tests can assert read-only flows and DescribeTags batching', async () => {
    const loadBalancers = Array.from({ length: 45 }, (_, i) => ({ name: `lb-${i}` }));
    await start({ elbv2: { loadBalancers } });
    const arns = sim.list('elbv2:loadbalancer').map((lb) => lb.arn);
    for (let i = 0; i < arns.length; i += 20) await c.elbv2.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }));
    const tagCalls = sim.requests.filter((r) => r.operation === 'DescribeTags');
    expect(tagCalls.map((r) => (r.params.ResourceArns as string[]).length)).toEqual([20, 20, 5]);
    expect(sim.requests.every((r) => /^(Describe|List|Get)/.test(r.operation))).toBe(true);
    sim.clearRequests();
    expect(sim.requests).toEqual([]);
  });

  it('rejects unsigned requests and unknown operations in the protocol error shape', async () => {
    await start();
    const unsigned = await fetch(sim.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeLoadBalancers&Version=2015-12-01' });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    const unknown = await fetch(sim.url, { method: 'POST', headers: { authorization: 'AWS4-HMAC-SHA256 fake', 'x-amz-target': 'secretsmanager.RotateSecret', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
