// Discovery of one environment among thousands of load balancers and target groups: how many API calls (tag
// look-ups must be ⌈N/20⌉ batches plus the listing pages, never one per resource) and how long, real SDK
// against aws-sim. Used by the call-count test and by `npm run bench`.
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { createAws } from '../../../src/aws/index.js';
import { EffectGate } from '../../../src/core/effects.js';
import { discoverEnv } from '../../../src/ephemeral/discover.js';
import { startAwsSim } from '../../support/aws-sim/index.js';

export interface DiscoveryBench {
  loadBalancers: number;
  targetGroups: number;
  /** Calls per `service:Operation`. */
  calls: Record<string, number>;
  /** DescribeTags calls and the largest number of ARNs one carried. */
  tagLookups: number;
  largestTagBatch: number;
  /** DescribeLoadBalancers + DescribeTargetGroups pages. */
  pages: number;
  found: string[];
  wallMs: number;
}

const TARGET = 'pr-4242';

/** `total` resources, half load balancers, half target groups; the target env owns two of each. */
export async function benchDiscovery(total = 5000): Promise<DiscoveryBench> {
  const half = Math.floor(total / 2);
  const ids = Array.from({ length: half }, (_, i) => i);
  const owner = (i: number) => (i < 2 ? TARGET : `pr-${(i % 400) + 1}`);
  const sim = await startAwsSim({
    fixture: {
      elbv2: {
        loadBalancers: ids.map((i) => ({ name: `k8s-lb-${i}`, vpcId: `vpc-${owner(i)}`, tags: { 'elbv2.k8s.aws/cluster': owner(i) } })),
        targetGroups: ids.map((i) => ({ name: `k8s-tg-${i}`, vpcId: `vpc-${owner(i)}`, tags: { 'elbv2.k8s.aws/cluster': owner(i), ...(i < 2 ? { 'jetscale.env_id': TARGET } : {}) } })),
      },
    },
  });
  const aws = createAws({ gate: new EffectGate({ dryRun: false, ceiling: 'read' }), env: { ...sim.env() }, retryStrategy: (n) => new ConfiguredRetryStrategy(n, () => 1) });
  const opts = { tags: { envId: 'jetscale.env_id', clusterId: 'jetscale.cluster_id', lifecycle: 'jetscale.lifecycle', controllerCluster: 'elbv2.k8s.aws/cluster', protected: 'jetscale.protected' }, stateBucket: '', stateKeyPattern: 'ephemeral/{env}/terraform.tfstate' };
  try {
    // Warm-up on another environment: SDK loading and JIT are not part of the measurement.
    await discoverEnv(aws, { ...opts, env: 'pr-9999' });
    sim.clearRequests();
    const t0 = performance.now();
    const inv = await discoverEnv(aws, { ...opts, env: TARGET });
    const wallMs = performance.now() - t0;
    const calls: Record<string, number> = {};
    for (const r of sim.requests) calls[`${r.service}:${r.operation}`] = (calls[`${r.service}:${r.operation}`] ?? 0) + 1;
    const tagCalls = sim.requests.filter((r) => r.operation === 'DescribeTags');
    const arnsIn = (p: Record<string, unknown>) => (Array.isArray(p.ResourceArns) ? p.ResourceArns.length : 0);
    return {
      loadBalancers: half, targetGroups: half, calls, tagLookups: tagCalls.length,
      largestTagBatch: Math.max(0, ...tagCalls.map((r) => arnsIn(r.params as Record<string, unknown>))),
      pages: (calls['elbv2:DescribeLoadBalancers'] ?? 0) + (calls['elbv2:DescribeTargetGroups'] ?? 0),
      found: inv.found.map((f) => f.name).sort(), wallMs: Math.round(wallMs),
    };
  } finally {
    aws.destroy();
    await sim.stop();
  }
}
