// ELBv2 Describe* operations with the real service's limits (20 ARNs, PageSize 1-400) and not-found codes.
import { elbv2ArnList, elbv2KindOf, optElbv2Arn, reqElbv2Arn } from '../arns.js';
import { ParamError, SimError } from '../errors.js';
import type { LoadBalancer, TargetGroup } from '../model.js';
import { tagList } from '../model.js';
import { paginate } from '../paginate.js';
import { optInt, optStr, strList, objList } from '../protocol/params.js';
import type { Handler } from './context.js';
import { encodeListener, encodeLoadBalancer, encodeTargetGroup } from './elbv2-encode.js';

const MAX_PAGE = 400;
const lbKey = (lb: LoadBalancer): string => lb.arn;
const tgKey = (tg: TargetGroup): string => tg.arn;

/** ELBv2's not-found error for one or more ids. */
export function notFound(code: string, what: string, ids: string[]): SimError {
  return new SimError(code, `One or more ${what} not found: '${ids.join("', '")}'`, 400);
}

function max20(key: string, list: string[]): void {
  if (list.length > 20) throw new ParamError(`1 validation error detected: Value at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must have length less than or equal to 20`);
}

/** DescribeLoadBalancers: all, by Names or by LoadBalancerArns (at most 20), paginated by Marker. */
export const describeLoadBalancers: Handler = (p, { state }) => {
  const names = strList(p, 'Names');
  const arns = elbv2ArnList(p, 'LoadBalancerArns', 'loadbalancer');
  if (names.length && arns.length) throw new ParamError('Load balancer names and load balancer ARNs cannot be specified at the same time');
  max20('LoadBalancerArns', arns);
  max20('Names', names);
  const size = optInt(p, 'PageSize', 1, MAX_PAGE) ?? MAX_PAGE;
  const ghosts = state.ghosts.loadBalancers.take();
  let items: readonly LoadBalancer[] = ghosts.length ? [...state.loadBalancers.all(), ...ghosts] : state.loadBalancers.all();
  if (names.length || arns.length) {
    const byKey = new Map(items.map((lb) => [names.length ? lb.name : lb.arn, lb] as const));
    const wanted = names.length ? names : arns;
    const missing = wanted.filter((k) => !byKey.has(k));
    if (missing.length) throw notFound('LoadBalancerNotFound', 'load balancers', missing);
    items = wanted.map((k) => byKey.get(k) as LoadBalancer);
  }
  const page = paginate(items, lbKey, optStr(p, 'Marker'), size);
  return { LoadBalancers: page.items.map((lb) => encodeLoadBalancer(lb, state.region)), NextMarker: page.next };
};

/** DescribeTags: tags of up to 20 load balancers, target groups, listeners or rules. */
export const describeTags: Handler = (p, { state }) => {
  const arns = strList(p, 'ResourceArns');
  if (!arns.length) throw new ParamError("1 validation error detected: Value null at 'resourceArns' failed to satisfy constraint: Member must not be null");
  max20('ResourceArns', arns);
  const kinds = arns.map((arn) => {
    const kind = elbv2KindOf(arn);
    if (!kind) throw new ParamError(`'${arn}' is not a valid load balancer, target group, listener or listener rule ARN`);
    return kind;
  });
  const lbGhosts = new Map(state.ghosts.loadBalancers.take().map((g) => [g.arn, g] as const));
  const tgGhosts = new Map(state.ghosts.targetGroups.take().map((g) => [g.arn, g] as const));
  const TagDescriptions = arns.map((arn, i) => {
    switch (kinds[i]) {
      case 'loadbalancer': {
        const lb = state.loadBalancers.get(arn) ?? lbGhosts.get(arn);
        if (!lb) throw notFound('LoadBalancerNotFound', 'load balancers', [arn]);
        return { ResourceArn: arn, Tags: tagList(lb.tags) };
      }
      case 'targetgroup': {
        const tg = state.targetGroups.get(arn) ?? tgGhosts.get(arn);
        if (!tg) throw notFound('TargetGroupNotFound', 'target groups', [arn]);
        return { ResourceArn: arn, Tags: tagList(tg.tags) };
      }
      case 'listener':
        if (!state.listeners.has(arn)) throw notFound('ListenerNotFound', 'listeners', [arn]);
        return { ResourceArn: arn, Tags: [] };
      default:
        if (!state.hasRule(arn)) throw notFound('RuleNotFound', 'rules', [arn]);
        return { ResourceArn: arn, Tags: [] };
    }
  });
  return { TagDescriptions };
};

/** DescribeListeners: by LoadBalancerArn or ListenerArns, paginated. */
export const describeListeners: Handler = (p, { state }) => {
  const lbArn = optElbv2Arn(p, 'LoadBalancerArn', 'loadbalancer');
  const arns = elbv2ArnList(p, 'ListenerArns', 'listener');
  if (!lbArn && !arns.length) throw new ParamError('You must specify either listener ARNs or a load balancer ARN');
  if (lbArn && arns.length) throw new ParamError('Listener ARNs and a load balancer ARN cannot be specified at the same time');
  const size = optInt(p, 'PageSize', 1, MAX_PAGE) ?? MAX_PAGE;
  let items;
  if (lbArn) {
    if (!state.loadBalancers.has(lbArn)) throw notFound('LoadBalancerNotFound', 'load balancers', [lbArn]);
    items = state.listenersOf(lbArn);
  } else {
    const missing = arns.filter((a) => !state.listeners.has(a));
    if (missing.length) throw notFound('ListenerNotFound', 'listeners', missing);
    items = arns.map((a) => state.listeners.get(a)).filter((l) => l !== undefined);
  }
  const page = paginate(items, (l) => l.arn, optStr(p, 'Marker'), size);
  return { Listeners: page.items.map(encodeListener), NextMarker: page.next };
};

/** DescribeListenerCertificates: the default certificate first, then the others. */
export const describeListenerCertificates: Handler = (p, { state }) => {
  const arn = reqElbv2Arn(p, 'ListenerArn', 'listener');
  const l = state.listeners.get(arn);
  if (!l) throw notFound('ListenerNotFound', 'listeners', [arn]);
  const certs = l.certificates.map((c, i) => ({ CertificateArn: c, IsDefault: i === 0 }));
  const page = paginate(certs, (c) => c.CertificateArn, optStr(p, 'Marker'), optInt(p, 'PageSize', 1, MAX_PAGE) ?? MAX_PAGE);
  return { Certificates: page.items, NextMarker: page.next };
};

/** DescribeTargetGroups: all, by LoadBalancerArn, Names or TargetGroupArns, paginated. */
export const describeTargetGroups: Handler = (p, { state }) => {
  const lbArn = optElbv2Arn(p, 'LoadBalancerArn', 'loadbalancer');
  const names = strList(p, 'Names');
  const arns = elbv2ArnList(p, 'TargetGroupArns', 'targetgroup');
  if ([lbArn !== undefined, names.length > 0, arns.length > 0].filter(Boolean).length > 1) throw new ParamError('Specify only one of load balancer ARN, target group ARNs or target group names');
  const size = optInt(p, 'PageSize', 1, MAX_PAGE) ?? MAX_PAGE;
  const usage = state.tgUsage();
  const ghosts = state.ghosts.targetGroups.take();
  let items: readonly TargetGroup[] = ghosts.length ? [...state.targetGroups.all(), ...ghosts] : state.targetGroups.all();
  if (lbArn !== undefined) {
    if (!state.loadBalancers.has(lbArn)) throw notFound('LoadBalancerNotFound', 'load balancers', [lbArn]);
    items = items.filter((tg) => usage.get(tg.arn)?.has(lbArn));
  } else if (names.length || arns.length) {
    const byKey = new Map(items.map((tg) => [names.length ? tg.name : tg.arn, tg] as const));
    const wanted = names.length ? names : arns;
    const missing = wanted.filter((k) => !byKey.has(k));
    if (missing.length) throw notFound('TargetGroupNotFound', 'target groups', missing);
    items = wanted.map((k) => byKey.get(k) as TargetGroup);
  }
  const page = paginate(items, tgKey, optStr(p, 'Marker'), size);
  return { TargetGroups: page.items.map((tg) => encodeTargetGroup(tg, usage.get(tg.arn))), NextMarker: page.next };
};

/** DescribeTargetHealth: every registered target, or only the asked ones (unregistered ones report unused). */
export const describeTargetHealth: Handler = (p, { state }) => {
  const arn = reqElbv2Arn(p, 'TargetGroupArn', 'targetgroup');
  const tg = state.targetGroups.get(arn);
  if (!tg) throw notFound('TargetGroupNotFound', 'target groups', [arn]);
  const asked = objList(p, 'Targets').map((t) => ({ id: String(t.Id ?? ''), port: t.Port === undefined ? undefined : Number(t.Port) }));
  const inUse = state.tgUsage().has(arn);
  const targets = asked.length
    ? asked.map((a) => tg.targets.find((t) => t.id === a.id && (a.port === undefined || t.port === a.port)) ?? { id: a.id, port: a.port, availabilityZone: undefined, health: 'unused', reason: 'Target.NotRegistered', description: 'Target is not registered to the target group' })
    : tg.targets;
  return {
    TargetHealthDescriptions: targets.map((t) => {
      const unused = !inUse && t.reason !== 'Target.NotRegistered';
      return {
        Target: { Id: t.id, Port: t.port, AvailabilityZone: t.availabilityZone },
        HealthCheckPort: String(t.port ?? tg.port),
        TargetHealth: unused
          ? { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' }
          : { State: t.health, Reason: t.reason, Description: t.description },
      };
    }),
  };
};
