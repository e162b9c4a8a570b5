// The cost of discovering one environment among many load balancers and target groups, counted in API calls
// (never timed here; `npm run bench` reports the wall time): the controller tag is read with DescribeTags in
// batches of 20 ARNs — ⌈N/20⌉ look-ups plus the listing pages — never one call per resource.
import { describe, expect, it } from 'vitest';
import { benchDiscovery } from './support/discovery-bench.js';

describe('discovery cost', () => {
  it('1,200 load balancers and target groups: ⌈N/20⌉ tag look-ups of 20 ARNs, 2 pages per listing, a fixed number of other calls', async () => {
    const b = await benchDiscovery(1200);
    const n = b.loadBalancers + b.targetGroups;
    expect(b.tagLookups).toBe(Math.ceil(n / 20));
    expect(b.largestTagBatch).toBe(20);
    expect(b.pages).toBe(Math.ceil(b.loadBalancers / 400) + Math.ceil(b.targetGroups / 400));
    // Everything else is per environment, not per resource: the Tagging queries, the cluster, secrets.
    const other = Object.entries(b.calls).filter(([k]) => !['elbv2:DescribeTags', 'elbv2:DescribeLoadBalancers', 'elbv2:DescribeTargetGroups'].includes(k));
    expect(Object.fromEntries(other)).toEqual({ 'tagging:GetResources': 2, 'eks:DescribeCluster': 1, 'secretsmanager:ListSecrets': 1 });
    expect(b.found).toEqual(['k8s-lb-0', 'k8s-lb-1', 'k8s-tg-0', 'k8s-tg-1']);
  });
});
