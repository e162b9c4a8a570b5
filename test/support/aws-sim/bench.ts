// Measure simulator overhead: start+stop of an empty sim, and a full paginated listing of 5,000 LBs + 5,000 TGs via the real SDK.
import { paginateDescribeLoadBalancers, paginateDescribeTargetGroups } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startAwsSim } from './index.js';
import { simClients } from './sdk-clients.js';

/** Bench results in milliseconds and the counts listed. */
export interface AwsSimBench {
  startStopMs: number;
  fullListingMs: number;
  loadBalancers: number;
  targetGroups: number;
  /** Of fullListingMs, the time the simulator spent handling the calls; the rest is the SDK (mostly XML parsing). */
  serverMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Median start/stop over `rounds` runs and one full listing over `count` LBs and `count` TGs (defaults 20 and 5,000). */
export async function benchAwsSim(opts: { count?: number; rounds?: number } = {}): Promise<AwsSimBench> {
  const count = opts.count ?? 5000;
  const times: number[] = [];
  for (let i = 0; i < (opts.rounds ?? 20); i++) {
    const t0 = performance.now();
    const sim = await startAwsSim();
    await sim.stop();
    times.push(performance.now() - t0);
  }
  const ids = Array.from({ length: count }, (_, i) => i);
  const sim = await startAwsSim({
    fixture: {
      elbv2: {
        loadBalancers: ids.map((i) => ({ name: `k8s-bench-lb-${i}`, tags: { 'elbv2.k8s.aws/cluster': `pr-${i % 50}` } })),
        targetGroups: ids.map((i) => ({ name: `k8s-bench-tg-${i}`, tags: { 'elbv2.k8s.aws/cluster': `pr-${i % 50}` } })),
      },
    },
  });
  const clients = simClients(sim);
  try {
    // Warm-up pages so the listing measures steady state, not SDK lazy loading and JIT compilation.
    const sdk = await import('@aws-sdk/client-elastic-load-balancing-v2');
    await clients.elbv2.send(new sdk.DescribeLoadBalancersCommand({ PageSize: 400 }));
    await clients.elbv2.send(new sdk.DescribeTargetGroupsCommand({ PageSize: 400 }));
    sim.clearRequests();
    const t0 = performance.now();
    let loadBalancers = 0;
    let targetGroups = 0;
    for await (const p of paginateDescribeLoadBalancers({ client: clients.elbv2 }, { PageSize: 400 })) loadBalancers += p.LoadBalancers?.length ?? 0;
    for await (const p of paginateDescribeTargetGroups({ client: clients.elbv2 }, { PageSize: 400 })) targetGroups += p.TargetGroups?.length ?? 0;
    const fullListingMs = performance.now() - t0;
    const serverMs = sim.requests.reduce((sum, r) => sum + r.ms, 0);
    return { startStopMs: round(median(times)), fullListingMs: round(fullListingMs), loadBalancers, targetGroups, serverMs: round(serverMs) };
  } finally {
    clients.destroy();
    await sim.stop();
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

// Run directly: node --import tsx test/support/aws-sim/bench.ts
if (process.argv[1]?.endsWith('bench.ts')) console.log(JSON.stringify(await benchAwsSim()));
