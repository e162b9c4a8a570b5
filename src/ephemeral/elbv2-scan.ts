// Every ELBv2 load balancer and target group of the region with its tags: two paged listings plus DescribeTags in
// batches of 20 ARNs (⌈N/20⌉ tag look-ups, never one per resource). The listing is the authority on what exists;
// the Tagging API only nominates.
import type { Elbv2Facade } from '../aws/index.js';
import { isAwsNotFound } from '../aws/index.js';
import { mapLimit } from '../core/pool.js';
import type { Found } from './resources.js';

const TAG_BATCH = 20;
const TAG_CONCURRENCY = 4;

/** One load balancer or target group with its tags. */
export type Elbv2Item = Pick<Found, 'id' | 'type' | 'name' | 'tags' | 'vpcId' | 'usedBy' | 'createdAt'>;

/** Lists every load balancer and target group and reads their tags. */
export async function scanElbv2(elbv2: Elbv2Facade): Promise<Elbv2Item[]> {
  const [lbs, tgs] = await Promise.all([elbv2.describeLoadBalancers(), elbv2.describeTargetGroups()]);
  const tags = await tagsOf(elbv2, [...lbs.map((l) => l.arn), ...tgs.map((t) => t.arn)]);
  const items: Elbv2Item[] = [];
  for (const lb of lbs) {
    const t = tags.get(lb.arn);
    // No tags answer: it was deleted between the listing and the look-up.
    if (t) items.push({ id: lb.arn, type: 'elbv2:loadbalancer', name: lb.name, tags: t, vpcId: lb.vpcId, ...(lb.createdAt ? { createdAt: lb.createdAt.toISOString() } : {}) });
  }
  for (const tg of tgs) {
    const t = tags.get(tg.arn);
    if (t) items.push({ id: tg.arn, type: 'elbv2:targetgroup', name: tg.name, tags: t, vpcId: tg.vpcId, usedBy: [...tg.loadBalancerArns].sort() });
  }
  return items;
}

/**
 * Tags of `arns` in batches of 20. ELBv2 answers a whole batch with NotFound when one ARN in it is gone (deleted
 * since the listing), so such a batch is split in halves until the missing ARN is isolated and dropped.
 */
export async function tagsOf(elbv2: Elbv2Facade, arns: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  const batches: string[][] = [];
  for (let i = 0; i < arns.length; i += TAG_BATCH) batches.push(arns.slice(i, i + TAG_BATCH));
  const one = async (batch: string[]): Promise<void> => {
    try {
      for (const [arn, t] of await elbv2.describeTags(batch)) out.set(arn, t);
    } catch (error) {
      if (!isAwsNotFound(error)) throw error;
      if (batch.length === 1) return;
      const half = Math.ceil(batch.length / 2);
      await one(batch.slice(0, half));
      await one(batch.slice(half));
    }
  };
  // A few batches in flight: ELBv2 throttles bursts, and 250 sequential round trips would take seconds.
  await mapLimit(batches, TAG_CONCURRENCY, one);
  return out;
}
