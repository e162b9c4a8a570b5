// Facade listings collect every page (and DescribeTags batches of 20) through the real SDK's paginated calls.
import { describe, expect, it } from 'vitest';
import { awsPerTest } from './harness.js';

const start = awsPerTest();
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('AWS facades: pagination', () => {
  it('collects every page of ELBv2, EKS, Secrets Manager and Tagging listings, in order', async () => {
    const { aws, sim } = await start({
      fixture: {
        elbv2: { loadBalancers: range(401).map((i) => ({ name: `lb-${i}`, tags: { 'elbv2.k8s.aws/cluster': 'big', i: String(i) } })) },
        eks: { clusters: range(101).map((i) => ({ name: `c-${i}` })) },
        secretsManager: { secrets: range(101).map((i) => ({ name: `pr-${i}/app`, tags: { 'jetscale.env_id': `pr-${i}` } })) },
      },
    });
    const count = (op: string) => sim.requests.filter((r) => r.operation === op).length;

    const lbs = await aws.elbv2.describeLoadBalancers();
    expect(lbs.map((lb) => lb.name)).toEqual(range(401).map((i) => `lb-${i}`));
    expect(count('DescribeLoadBalancers')).toBe(2);

    const tags = await aws.elbv2.describeTags(lbs.slice(0, 45).map((lb) => lb.arn));
    expect([...tags.values()].map((t) => t.i)).toEqual(range(45).map(String));
    expect(sim.requests.filter((r) => r.operation === 'DescribeTags').map((r) => (r.params.ResourceArns as unknown[]).length))
      .toEqual([20, 20, 5]);

    expect(await aws.eks.listClusters()).toEqual(range(101).map((i) => `c-${i}`));
    expect(count('ListClusters')).toBe(2);

    expect((await aws.secretsManager.listSecrets()).map((s) => s.name)).toEqual(range(101).map((i) => `pr-${i}/app`));
    expect(count('ListSecrets')).toBe(2);

    const tagged = await aws.tagging.getResources([{ key: 'elbv2.k8s.aws/cluster', values: ['big'] }]);
    expect(tagged.map((r) => r.arn)).toEqual(lbs.map((lb) => lb.arn));
    expect(count('GetResources')).toBe(5);
  });
});
