// Service: a ClusterIP (or headless/ExternalName) service exists as soon as it has its address; a LoadBalancer
// service needs the external address too (Argo CD's rule; kstatus stops at the ClusterIP). Whether anything
// answers behind it is the endpoints question, which diagnose asks separately.
import { record, str } from '../object.js';
import { current, inProgress } from '../status.js';
import type { KindRule } from './rule.js';

/** Judges a Service (v1). */
export const serviceHealth: KindRule = (obj) => {
  const spec = record(obj.spec);
  const type = str(spec.type) ?? 'ClusterIP';
  if (type === 'ExternalName') return current('ExternalName', `points at ${str(spec.externalName) ?? '?'}`);
  if (type === 'LoadBalancer') {
    const ingress = record(record(obj.status).loadBalancer).ingress;
    const first = Array.isArray(ingress) ? record(ingress[0]) : {};
    const address = str(first.hostname) ?? str(first.ip);
    return address ? current('HasAddress', `load balancer ${address}`) : inProgress('NoAddress', 'the load balancer has no address yet');
  }
  const ip = str(spec.clusterIP);
  return ip ? current('HasClusterIP', ip === 'None' ? 'headless' : `cluster IP ${ip}`) : inProgress('NoClusterIP', 'no cluster IP assigned yet');
};
