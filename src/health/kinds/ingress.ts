// Ingress: Current once the controller published an address in status.loadBalancer.ingress (Argo CD's rule).
// Helm dropped this check because status is optional for controllers (helm#6792); the AWS Load Balancer
// Controller always writes it, so for class alb a missing address means the ALB does not exist (yet).
import { record, str } from '../object.js';
import { current, inProgress } from '../status.js';
import type { HealthObject } from '../object.js';
import type { KindRule } from './rule.js';

/** The first hostname (or IP) the controller published, if any. */
export function ingressAddress(obj: HealthObject): string | undefined {
  const list = record(record(obj.status).loadBalancer).ingress;
  for (const raw of Array.isArray(list) ? list : []) {
    const a = str(record(raw).hostname) ?? str(record(raw).ip);
    if (a) return a;
  }
  return undefined;
}

/** Judges an Ingress (networking.k8s.io/v1). */
export const ingressHealth: KindRule = (obj) => {
  const address = ingressAddress(obj);
  return address ? current('HasAddress', `address ${address}`) : inProgress('NoAddress', 'the ingress controller has not published an address (no load balancer yet)');
};
