// ELBv2 facade: the load balancers, listeners, rules and target groups the janitor and diagnose read and delete.
import type { Performed } from '../core/effects.js';
import type { AwsClients } from './clients.js';
import {
  toListener, toLoadBalancer, toRule, toTargetGroup, toTargetHealth,
  type ListenerInfo, type LoadBalancerInfo, type RuleInfo, type TargetGroupInfo, type TargetHealthInfo,
} from './elbv2-records.js';
import { chunk, collectPages, tagRecord } from './paginate.js';
import { ranOutput, toPerformed } from './skipped.js';

export type * from './elbv2-records.js';

/** DescribeTags accepts at most 20 ARNs per call. */
const TAG_BATCH = 20;
const PAGE_SIZE = 400;

/** Which target groups to describe: all, those of one load balancer, or by ARN/name. */
export type TargetGroupQuery = { loadBalancerArn: string } | { arns: string[] } | { names: string[] } | Record<string, never>;

/** The ELBv2 operations jetscale uses; listings are complete (every page). */
export interface Elbv2Facade {
  describeLoadBalancers(query?: { arns?: string[]; names?: string[] }): Promise<LoadBalancerInfo[]>;
  /** Tags per ARN, in batches of 20. */
  describeTags(arns: readonly string[]): Promise<Map<string, Record<string, string>>>;
  describeListeners(loadBalancerArn: string): Promise<ListenerInfo[]>;
  describeRules(listenerArn: string): Promise<RuleInfo[]>;
  describeTargetGroups(query?: TargetGroupQuery): Promise<TargetGroupInfo[]>;
  describeTargetHealth(targetGroupArn: string): Promise<TargetHealthInfo[]>;
  deleteLoadBalancer(arn: string): Promise<Performed<void>>;
  deleteListener(arn: string): Promise<Performed<void>>;
  deleteTargetGroup(arn: string): Promise<Performed<void>>;
}

/** Builds the ELBv2 facade over the run's clients. */
export function createElbv2(clients: AwsClients): Elbv2Facade {
  const sdk = () => import('@aws-sdk/client-elastic-load-balancing-v2');
  const client = () => clients.get('elbv2');
  const none = () => undefined;
  return {
    async describeLoadBalancers(query = {}) {
      const { DescribeLoadBalancersCommand: C } = await sdk();
      const c = await client();
      const byName = query.names?.length || query.arns?.length;
      return (await collectPages('elbv2:DescribeLoadBalancers', async (Marker) => {
        const out = ranOutput(await c.send(new C({ LoadBalancerArns: query.arns, Names: query.names, Marker, PageSize: byName ? undefined : PAGE_SIZE }), clients.sendOptions));
        return { items: out.LoadBalancers, next: out.NextMarker };
      })).map(toLoadBalancer);
    },
    async describeTags(arns) {
      const { DescribeTagsCommand: C } = await sdk();
      const c = await client();
      const tags = new Map<string, Record<string, string>>();
      for (const batch of chunk(arns, TAG_BATCH)) {
        const out = ranOutput(await c.send(new C({ ResourceArns: batch }), clients.sendOptions));
        for (const d of out.TagDescriptions ?? []) if (d.ResourceArn) tags.set(d.ResourceArn, tagRecord(d.Tags));
      }
      return tags;
    },
    async describeListeners(loadBalancerArn) {
      const { DescribeListenersCommand: C } = await sdk();
      const c = await client();
      return (await collectPages('elbv2:DescribeListeners', async (Marker) => {
        const out = ranOutput(await c.send(new C({ LoadBalancerArn: loadBalancerArn, Marker, PageSize: PAGE_SIZE }), clients.sendOptions));
        return { items: out.Listeners, next: out.NextMarker };
      })).map(toListener);
    },
    async describeRules(listenerArn) {
      const { DescribeRulesCommand: C } = await sdk();
      const c = await client();
      return (await collectPages('elbv2:DescribeRules', async (Marker) => {
        const out = ranOutput(await c.send(new C({ ListenerArn: listenerArn, Marker, PageSize: PAGE_SIZE }), clients.sendOptions));
        return { items: out.Rules, next: out.NextMarker };
      })).map(toRule);
    },
    async describeTargetGroups(query = {}) {
      const { DescribeTargetGroupsCommand: C } = await sdk();
      const c = await client();
      const input = 'loadBalancerArn' in query ? { LoadBalancerArn: query.loadBalancerArn } : 'arns' in query ? { TargetGroupArns: query.arns } : 'names' in query ? { Names: query.names } : {};
      const paged = !('arns' in query) && !('names' in query);
      return (await collectPages('elbv2:DescribeTargetGroups', async (Marker) => {
        const out = ranOutput(await c.send(new C({ ...input, Marker, PageSize: paged ? PAGE_SIZE : undefined }), clients.sendOptions));
        return { items: out.TargetGroups, next: out.NextMarker };
      })).map(toTargetGroup);
    },
    async describeTargetHealth(targetGroupArn) {
      const { DescribeTargetHealthCommand: C } = await sdk();
      const out = ranOutput(await (await client()).send(new C({ TargetGroupArn: targetGroupArn }), clients.sendOptions));
      return (out.TargetHealthDescriptions ?? []).map(toTargetHealth);
    },
    async deleteLoadBalancer(arn) {
      const { DeleteLoadBalancerCommand: C } = await sdk();
      return toPerformed(await (await client()).send(new C({ LoadBalancerArn: arn }), clients.sendOptions), none);
    },
    async deleteListener(arn) {
      const { DeleteListenerCommand: C } = await sdk();
      return toPerformed(await (await client()).send(new C({ ListenerArn: arn }), clients.sendOptions), none);
    },
    async deleteTargetGroup(arn) {
      const { DeleteTargetGroupCommand: C } = await sdk();
      return toPerformed(await (await client()).send(new C({ TargetGroupArn: arn }), clients.sendOptions), none);
    },
  };
}
