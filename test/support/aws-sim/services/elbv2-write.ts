// ELBv2 deletions: a load balancer takes its listeners with it; a target group refuses while anything forwards to it.
import { reqElbv2Arn } from '../arns.js';
import { SimError } from '../errors.js';
import type { Handler } from './context.js';
import { describeListenerCertificates, describeListeners, describeLoadBalancers, describeTags, describeTargetGroups, describeTargetHealth } from './elbv2-read.js';
import { describeRules } from './elbv2-rules.js';

/** DeleteLoadBalancer: idempotent, as documented ("if the load balancer does not exist … the call succeeds"). */
export const deleteLoadBalancer: Handler = (p, { state, staleReads }) => {
  const arn = reqElbv2Arn(p, 'LoadBalancerArn', 'loadbalancer');
  const lb = state.loadBalancers.get(arn);
  if (!lb) return {};
  for (const l of state.listenersOf(arn)) state.deleteListener(l.arn);
  state.loadBalancers.delete(arn);
  state.lbByName.delete(lb.name);
  state.ghosts.loadBalancers.add(arn, lb, staleReads);
  return {};
};

/** DeleteListener: ListenerNotFound when absent. */
export const deleteListener: Handler = (p, { state }) => {
  const arn = reqElbv2Arn(p, 'ListenerArn', 'listener');
  if (!state.listeners.has(arn)) throw new SimError('ListenerNotFound', `One or more listeners not found: '${arn}'`);
  state.deleteListener(arn);
  return {};
};

/** DeleteTargetGroup: ResourceInUse while a listener default action or rule forwards to it; absent is a no-op. */
export const deleteTargetGroup: Handler = (p, { state, staleReads }) => {
  const arn = reqElbv2Arn(p, 'TargetGroupArn', 'targetgroup');
  const tg = state.targetGroups.get(arn);
  if (!tg) return {};
  if (state.tgUsage().has(arn)) throw new SimError('ResourceInUse', `Target group '${arn}' is currently in use by a listener or a rule`);
  state.targetGroups.delete(arn);
  state.tgByName.delete(tg.name);
  state.ghosts.targetGroups.add(arn, tg, staleReads);
  return {};
};

/** Every ELBv2 operation the simulator speaks, by Action name. */
export const elbv2Handlers: Record<string, Handler> = {
  DescribeLoadBalancers: describeLoadBalancers,
  DescribeTags: describeTags,
  DescribeListeners: describeListeners,
  DescribeListenerCertificates: describeListenerCertificates,
  DescribeTargetGroups: describeTargetGroups,
  DescribeTargetHealth: describeTargetHealth,
  DescribeRules: describeRules,
  DeleteLoadBalancer: deleteLoadBalancer,
  DeleteListener: deleteListener,
  DeleteTargetGroup: deleteTargetGroup,
};
