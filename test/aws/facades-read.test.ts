// Every facade read against the example fixture through the real SDK: typed results, all pages collected.
import { describe, expect, it } from 'vitest';
import { awsPerTest, EXAMPLE, requestKeys } from './harness.js';

const start = awsPerTest();
const LB = 'k8s-pr7-jetscale-5e2b8d41c0';
const SECRET = 'pr-7-ephemeral/application/aws/client';

describe('AWS facades: reads', () => {
  it('STS answers the caller identity of the fixture', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE });
    expect(await aws.sts.getCallerIdentity()).toEqual({
      account: '111111111111',
      arn: 'arn:aws:sts::111111111111:assumed-role/github-actions-deployer/GitHubActions',
      userId: 'AROAEXAMPLEDEPLOYER01:GitHubActions',
    });
    expect(requestKeys(sim)).toEqual(['sts:GetCallerIdentity']);
  });

  it('ELBv2 describes the ALB, its tags, listeners, target groups and target health', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE });
    const [lb, ...rest] = await aws.elbv2.describeLoadBalancers();
    expect(rest).toEqual([]);
    const simLb = sim.list('elbv2:loadbalancer')[0];
    expect(lb).toMatchObject({ arn: simLb?.arn, name: LB, type: 'application', scheme: 'internet-facing', state: 'active', createdAt: new Date('2026-02-20T10:25:00Z') });
    expect(lb?.dnsName).toMatch(new RegExp(`^${LB}-\\d+\\.us-east-1\\.elb\\.amazonaws\\.com$`));

    const tags = await aws.elbv2.describeTags([lb?.arn ?? '']);
    expect(tags.get(lb?.arn ?? '')).toEqual({ 'elbv2.k8s.aws/cluster': 'pr-7', 'ingress.k8s.aws/stack': 'pr-7/jetscale', 'ingress.k8s.aws/resource': 'LoadBalancer' });

    const listeners = await aws.elbv2.describeListeners(lb?.arn ?? '');
    const tg = sim.list('elbv2:targetgroup')[0];
    expect(listeners.map((l) => [l.port, l.protocol])).toEqual([[80, 'HTTP'], [443, 'HTTPS']]);
    expect(listeners[0]?.defaultActions).toEqual([{ type: 'redirect', targetGroupArns: [], redirect: expect.objectContaining({ protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' }) }]);
    expect(listeners[1]?.defaultActions.flatMap((a) => a.targetGroupArns)).toEqual([tg?.arn]);
    expect(listeners[1]?.certificateArns).toEqual(['arn:aws:acm:us-east-1:111111111111:certificate/0b7e6c1a-0000-4000-8000-00000000a7e5']);

    const byLb = await aws.elbv2.describeTargetGroups({ loadBalancerArn: lb?.arn ?? '' });
    expect(byLb.map((t) => [t.name, t.port, t.targetType, t.loadBalancerArns])).toEqual([['k8s-pr7-frontend-3f9a1c2b7d', 3000, 'ip', [lb?.arn]]]);
    expect(await aws.elbv2.describeTargetGroups({ names: ['k8s-pr7-frontend-3f9a1c2b7d'] })).toEqual(byLb);

    const health = await aws.elbv2.describeTargetHealth(tg?.arn ?? '');
    expect(health.map((h) => [h.id, h.state, h.reason ?? null])).toEqual([['10.42.1.17', 'healthy', null], ['10.42.2.9', 'unhealthy', 'Target.ResponseCodeMismatch']]);
  });

  it('EKS lists and describes the cluster and its nodegroup', async () => {
    const { aws } = await start({ fixture: EXAMPLE });
    expect(await aws.eks.listClusters()).toEqual(['pr-7']);
    const cluster = await aws.eks.describeCluster('pr-7');
    expect(cluster).toMatchObject({ name: 'pr-7', status: 'ACTIVE', version: '1.31', arn: 'arn:aws:eks:us-east-1:111111111111:cluster/pr-7', createdAt: new Date('2026-02-20T10:00:00Z') });
    expect(cluster.tags).toMatchObject({ 'jetscale.env_id': 'pr-7', 'jetscale.lifecycle': 'ephemeral' });
    expect(cluster.endpoint).toMatch(/^https:\/\//);
    expect(await aws.eks.listNodegroups('pr-7')).toEqual(['pr-7-default']);
    expect(await aws.eks.describeNodegroup('pr-7', 'pr-7-default')).toMatchObject({ name: 'pr-7-default', clusterName: 'pr-7', status: 'ACTIVE', instanceTypes: ['t3.large'], desiredSize: 2 });
  });

  it('Secrets Manager lists by filter, describes, and reads a value that is then redacted everywhere', async () => {
    const { aws, secrets } = await start({ fixture: EXAMPLE });
    const found = await aws.secretsManager.listSecrets([{ key: 'tag-value', values: ['pr-7'] }]);
    expect(found.map((s) => [s.name, s.tags['jetscale.env_id']])).toEqual([[SECRET, 'pr-7']]);
    expect(await aws.secretsManager.listSecrets([{ key: 'name', values: ['pr-8'] }])).toEqual([]);
    expect(await aws.secretsManager.describeSecret(SECRET)).toMatchObject({ name: SECRET, description: 'Application AWS client credentials for pr-7', deletedAt: undefined });

    const before = secrets.size;
    const got = await aws.secretsManager.getSecretValue(SECRET);
    expect(JSON.parse(got.value)).toMatchObject({ AWS_SECRET_ACCESS_KEY: 'fake-fixture-secret' });
    expect(secrets.size).toBeGreaterThan(before);
    // The whole JSON and each field are masked, so a value logged after parsing is still hidden.
    expect(secrets.redact(`value=${got.value}`)).toBe('value=***');
    expect(secrets.redact('key fake-fixture-secret in a log line')).toBe('key *** in a log line');
  });

  it('Tagging returns every resource with exactly the requested tag values', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE });
    const byEnv = await aws.tagging.getResources([{ key: 'jetscale.env_id', values: ['pr-7'] }]);
    expect(byEnv.map((r) => r.arn.split(':')[2])).toEqual(['eks', 'eks', 'secretsmanager']);
    expect(byEnv.every((r) => r.tags['jetscale.env_id'] === 'pr-7')).toBe(true);
    const albs = await aws.tagging.getResources([{ key: 'elbv2.k8s.aws/cluster', values: ['pr-7'] }], { resourceTypes: ['elasticloadbalancing:loadbalancer'] });
    expect(albs.map((r) => r.arn)).toEqual(sim.list('elbv2:loadbalancer').map((lb) => lb.arn));
    expect(await aws.tagging.getResources([{ key: 'jetscale.env_id', values: ['pr-70'] }])).toEqual([]);
  });
});
