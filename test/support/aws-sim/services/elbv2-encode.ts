// ELBv2 records in the API's output shape (what DescribeLoadBalancers / DescribeTargetGroups return).
import type { LbAction, Listener, LoadBalancer, RuleCondition, TargetGroup } from '../model.js';

// The ALB/NLB hosted zone of us-east-1; other regions get the same value since nothing here resolves it.
const ALB_ZONE = 'Z35SXDOTRQ7X7K';
const NLB_ZONE = 'Z26RNL4JYFTOTI';

/** LoadBalancer output structure. */
export function encodeLoadBalancer(lb: LoadBalancer, region: string): Record<string, unknown> {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.type === 'network' ? NLB_ZONE : ALB_ZONE,
    CreatedTime: lb.createdAt,
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: lb.type,
    AvailabilityZones: [{ ZoneName: `${region}a`, SubnetId: 'subnet-0aa11bb22cc33dd44' }, { ZoneName: `${region}b`, SubnetId: 'subnet-0ee55ff66aa77bb88' }],
    SecurityGroups: lb.type === 'application' ? lb.securityGroups : undefined,
    IpAddressType: 'ipv4',
  };
}

/** Action output structures, with Order and the ForwardConfig the API adds to a single-target forward. */
export function encodeActions(actions: LbAction[]): Record<string, unknown>[] {
  return actions.map((a, i) => ({
    ...a,
    Order: i + 1,
    ForwardConfig: a.TargetGroupArn === undefined ? undefined : { TargetGroups: [{ TargetGroupArn: a.TargetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
  }));
}

const conditionConfig: Record<RuleCondition['field'], string> = {
  'host-header': 'HostHeaderConfig', 'path-pattern': 'PathPatternConfig', 'http-request-method': 'HttpRequestMethodConfig', 'source-ip': 'SourceIpConfig',
};

/** Rule condition output: Field, the legacy Values (host-header and path-pattern only) and the typed *Config. */
export function encodeCondition(c: RuleCondition): Record<string, unknown> {
  const legacy = c.field === 'host-header' || c.field === 'path-pattern';
  return { Field: c.field, Values: legacy ? c.values : undefined, [conditionConfig[c.field]]: { Values: c.values } };
}

/** Listener output structure. */
export function encodeListener(l: Listener): Record<string, unknown> {
  const first = l.certificates[0];
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.lbArn,
    Port: l.port,
    Protocol: l.protocol,
    Certificates: first === undefined ? undefined : [{ CertificateArn: first }],
    SslPolicy: l.sslPolicy,
    DefaultActions: encodeActions(l.defaultActions),
  };
}

/** TargetGroup output structure; LoadBalancerArns comes from the listeners that forward to it. */
export function encodeTargetGroup(tg: TargetGroup, lbArns: Set<string> | undefined): Record<string, unknown> {
  const http = tg.protocol.startsWith('HTTP');
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: http ? tg.protocol : 'TCP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 15,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 2,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: http ? tg.healthCheckPath : undefined,
    Matcher: http ? { HttpCode: '200' } : undefined,
    LoadBalancerArns: lbArns ? [...lbArns] : [],
    TargetType: tg.targetType,
    ProtocolVersion: http ? 'HTTP1' : undefined,
    IpAddressType: 'ipv4',
  };
}
