// The ELBv2 shapes jetscale works with, mapped once from the SDK's all-optional types.
import type { Action, Listener, LoadBalancer, Rule, TargetGroup, TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';

/** A load balancer as jetscale reads it. */
export interface LoadBalancerInfo {
  arn: string;
  name: string;
  dnsName: string;
  /** application | network | gateway. */
  type: string;
  scheme: string;
  /** active | provisioning | failed | … */
  state: string;
  vpcId: string | undefined;
  createdAt: Date | undefined;
  securityGroups: string[];
}

/** A listener or rule action, with every target group it forwards to. */
export interface ActionInfo {
  type: string;
  targetGroupArns: string[];
  redirect?: { protocol?: string; port?: string; host?: string; path?: string; statusCode?: string };
  fixedResponse?: { statusCode?: string; contentType?: string };
}

/** A listener with its certificates and default actions. */
export interface ListenerInfo {
  arn: string;
  loadBalancerArn: string;
  port: number | undefined;
  protocol: string;
  sslPolicy: string | undefined;
  certificateArns: string[];
  defaultActions: ActionInfo[];
}

/** A listener rule: conditions and actions (the default rule has isDefault). */
export interface RuleInfo {
  arn: string;
  priority: string;
  isDefault: boolean;
  conditions: Array<{ field: string; values: string[] }>;
  actions: ActionInfo[];
}

/** A target group and the load balancers that use it. */
export interface TargetGroupInfo {
  arn: string;
  name: string;
  protocol: string | undefined;
  port: number | undefined;
  targetType: string | undefined;
  vpcId: string | undefined;
  healthCheckPath: string | undefined;
  loadBalancerArns: string[];
}

/** One registered target and its health. */
export interface TargetHealthInfo {
  id: string;
  port: number | undefined;
  availabilityZone: string | undefined;
  /** healthy | unhealthy | initial | draining | unused | unavailable. */
  state: string;
  reason: string | undefined;
  description: string | undefined;
}

/** SDK LoadBalancer → LoadBalancerInfo. */
export function toLoadBalancer(lb: LoadBalancer): LoadBalancerInfo {
  return {
    arn: lb.LoadBalancerArn ?? '', name: lb.LoadBalancerName ?? '', dnsName: lb.DNSName ?? '', type: lb.Type ?? '', scheme: lb.Scheme ?? '',
    state: lb.State?.Code ?? '', vpcId: lb.VpcId, createdAt: lb.CreatedTime, securityGroups: lb.SecurityGroups ?? [],
  };
}

/** SDK Action → ActionInfo (forward targets from TargetGroupArn and ForwardConfig, deduplicated). */
export function toAction(a: Action): ActionInfo {
  const arns = new Set<string>();
  if (a.TargetGroupArn) arns.add(a.TargetGroupArn);
  for (const tg of a.ForwardConfig?.TargetGroups ?? []) if (tg.TargetGroupArn) arns.add(tg.TargetGroupArn);
  const r = a.RedirectConfig;
  const f = a.FixedResponseConfig;
  return {
    type: a.Type ?? '',
    targetGroupArns: [...arns],
    ...(r ? { redirect: { protocol: r.Protocol, port: r.Port, host: r.Host, path: r.Path, statusCode: r.StatusCode } } : {}),
    ...(f ? { fixedResponse: { statusCode: f.StatusCode, contentType: f.ContentType } } : {}),
  };
}

/** SDK Listener → ListenerInfo. */
export function toListener(l: Listener): ListenerInfo {
  return {
    arn: l.ListenerArn ?? '', loadBalancerArn: l.LoadBalancerArn ?? '', port: l.Port, protocol: l.Protocol ?? '', sslPolicy: l.SslPolicy,
    certificateArns: (l.Certificates ?? []).flatMap((c) => (c.CertificateArn ? [c.CertificateArn] : [])),
    defaultActions: (l.DefaultActions ?? []).map(toAction),
  };
}

/** SDK Rule → RuleInfo. */
export function toRule(r: Rule): RuleInfo {
  return {
    arn: r.RuleArn ?? '', priority: r.Priority ?? '', isDefault: r.IsDefault ?? false,
    conditions: (r.Conditions ?? []).map((c) => ({
      field: c.Field ?? '',
      values: c.Values ?? c.HostHeaderConfig?.Values ?? c.PathPatternConfig?.Values ?? c.HttpRequestMethodConfig?.Values ?? c.SourceIpConfig?.Values ?? [],
    })),
    actions: (r.Actions ?? []).map(toAction),
  };
}

/** SDK TargetGroup → TargetGroupInfo. */
export function toTargetGroup(tg: TargetGroup): TargetGroupInfo {
  return {
    arn: tg.TargetGroupArn ?? '', name: tg.TargetGroupName ?? '', protocol: tg.Protocol, port: tg.Port, targetType: tg.TargetType,
    vpcId: tg.VpcId, healthCheckPath: tg.HealthCheckPath, loadBalancerArns: tg.LoadBalancerArns ?? [],
  };
}

/** SDK TargetHealthDescription → TargetHealthInfo. */
export function toTargetHealth(d: TargetHealthDescription): TargetHealthInfo {
  return {
    id: d.Target?.Id ?? '', port: d.Target?.Port, availabilityZone: d.Target?.AvailabilityZone, state: d.TargetHealth?.State ?? '',
    reason: d.TargetHealth?.Reason, description: d.TargetHealth?.Description,
  };
}
