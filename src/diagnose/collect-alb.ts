// Reads the ALB of the environment: found by its DNS name (from the Ingress status or the DNS CNAME) by listing every
// load balancer page by page and matching DNSName, because a controller-made name can be too long for
// `describe-load-balancers --names` (seeds §6.6); or, for a preview env, by the controller's cluster tag.
import type { Aws, LoadBalancerInfo } from '../aws/index.js';
import { normalizeDnsName, type ListenerFacts, type TargetGroupFacts } from '../health/index.js';

/** How to find the ALB. */
export interface AlbQuery {
  dnsName?: string;
  /** `elbv2.k8s.aws/cluster` = env id, for a preview env whose DNS name is unknown. */
  tag?: { key: string; value: string };
  /** Prefer the load balancer whose `ingress.k8s.aws/stack` is this (`<namespace>/<ingress>`). */
  stack?: string;
}

/** What was read about the ALB. */
export interface AlbEvidence {
  /** `DNS name k8s-….elb.amazonaws.com`, `tag elbv2.k8s.aws/cluster=pr-7`. */
  lookedFor: string;
  /** Load balancers listed (pages read in full). */
  listed: number;
  lb?: LoadBalancerInfo;
  listeners: ListenerFacts[];
  targetGroups: TargetGroupFacts[];
  /** Hosts in the 443 listener's host-header rules (where a preview env's public host can be learnt). */
  ruleHosts: string[];
}

/** Finds the ALB and reads its listeners, rules, target groups and target health. */
export async function collectAlb(aws: Aws, q: AlbQuery): Promise<AlbEvidence> {
  const all = await aws.elbv2.describeLoadBalancers();
  let lb: LoadBalancerInfo | undefined;
  let lookedFor: string;
  if (q.dnsName) {
    const want = normalizeDnsName(q.dnsName);
    lookedFor = `DNS name ${q.dnsName}`;
    lb = all.find((l) => normalizeDnsName(l.dnsName) === want);
  } else if (q.tag) {
    lookedFor = `tag ${q.tag.key}=${q.tag.value}`;
    const tags = await aws.elbv2.describeTags(all.map((l) => l.arn));
    const tagged = all.filter((l) => tags.get(l.arn)?.[q.tag!.key] === q.tag!.value);
    lb = tagged.find((l) => q.stack !== undefined && tags.get(l.arn)?.['ingress.k8s.aws/stack'] === q.stack) ?? tagged[0];
  } else {
    return { lookedFor: 'nothing', listed: all.length, listeners: [], targetGroups: [], ruleHosts: [] };
  }
  if (!lb) return { lookedFor, listed: all.length, listeners: [], targetGroups: [], ruleHosts: [] };
  const raw = await aws.elbv2.describeListeners(lb.arn);
  const ruleHosts: string[] = [];
  const listeners: ListenerFacts[] = await Promise.all(raw.map(async (l) => {
    const rules = (await aws.elbv2.describeRules(l.arn)).filter((r) => !r.isDefault);
    if (l.port === 443) for (const r of rules) for (const c of r.conditions) if (c.field === 'host-header') ruleHosts.push(...c.values);
    return { arn: l.arn, port: l.port, protocol: l.protocol, sslPolicy: l.sslPolicy, certificateArns: l.certificateArns, defaultActions: l.defaultActions, ruleActions: rules.flatMap((r) => r.actions) };
  }));
  const forwarded = new Set(listeners.flatMap((l) => [...l.defaultActions, ...l.ruleActions]).flatMap((a) => a.targetGroupArns));
  const groups = (await aws.elbv2.describeTargetGroups({ loadBalancerArn: lb.arn })).filter((g) => forwarded.size === 0 || forwarded.has(g.arn));
  const targetGroups = await Promise.all(groups.map(async (g) => ({ arn: g.arn, name: g.name, targets: await aws.elbv2.describeTargetHealth(g.arn) })));
  return { lookedFor, listed: all.length, lb, listeners, targetGroups, ruleHosts: [...new Set(ruleHosts)] };
}
