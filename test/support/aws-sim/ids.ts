// Realistic ARNs, DNS names and IDs, derived from names by hashing so a fixture gives the same ARNs on every run.
import { createHash, randomUUID } from 'node:crypto';

/** Where generated ARNs live. */
export interface Scope {
  account: string;
  region: string;
}

/** Deterministic hex of length n derived from the given parts. */
export function hexOf(n: number, ...parts: string[]): string {
  let out = '';
  for (let i = 0; out.length < n; i++) out += createHash('sha256').update(`${i}\0${parts.join('\0')}`).digest('hex');
  return out.slice(0, n);
}

/** Deterministic decimal digits (DNS names of ALBs end with a number). */
function digitsOf(n: number, ...parts: string[]): string {
  return hexOf(n * 2, ...parts).replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10)).slice(0, n);
}

const lbKind = { application: 'app', network: 'net', gateway: 'gwy' } as const;

/** ARN of an ELBv2 load balancer: …:loadbalancer/app/<name>/<16 hex>. */
export function loadBalancerArn(s: Scope, type: keyof typeof lbKind, name: string): string {
  return `arn:aws:elasticloadbalancing:${s.region}:${s.account}:loadbalancer/${lbKind[type]}/${name}/${hexOf(16, 'lb', name)}`;
}

/** DNS name as ELBv2 assigns it (ALB: name-digits.region.elb.amazonaws.com, NLB: name-hex.elb.region…). */
export function loadBalancerDns(s: Scope, type: keyof typeof lbKind, scheme: string, name: string): string {
  const prefix = scheme === 'internal' ? 'internal-' : '';
  if (type === 'network') return `${prefix}${name}-${hexOf(16, 'dns', name)}.elb.${s.region}.amazonaws.com`;
  return `${prefix}${name}-${digitsOf(10, 'dns', name)}.${s.region}.elb.amazonaws.com`;
}

/** ARN of a listener, nested under its load balancer's ARN path. */
export function listenerArn(lbArn: string, port: number): string {
  return lbArn.replace(':loadbalancer/', ':listener/') + `/${hexOf(16, 'listener', lbArn, String(port))}`;
}

/** ARN of a listener rule. */
export function ruleArn(listener: string, priority: number): string {
  return listener.replace(':listener/', ':listener-rule/') + `/${hexOf(16, 'rule', listener, String(priority))}`;
}

/** ARN of a target group: …:targetgroup/<name>/<16 hex>. */
export function targetGroupArn(s: Scope, name: string): string {
  return `arn:aws:elasticloadbalancing:${s.region}:${s.account}:targetgroup/${name}/${hexOf(16, 'tg', name)}`;
}

/** ARN of an EKS cluster. */
export function clusterArn(s: Scope, name: string): string {
  return `arn:aws:eks:${s.region}:${s.account}:cluster/${name}`;
}

/** ARN of an EKS managed nodegroup (ends with a UUID-like id). */
export function nodegroupArn(s: Scope, cluster: string, name: string): string {
  const h = hexOf(32, 'ng', cluster, name);
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return `arn:aws:eks:${s.region}:${s.account}:nodegroup/${cluster}/${name}/${uuid}`;
}

/** ARN of a secret: the name plus a 6-character random suffix, as Secrets Manager appends. */
export function secretArn(s: Scope, name: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const suffix = hexOf(12, 'secret', name).match(/../g)?.map((b) => alphabet[parseInt(b, 16) % alphabet.length]).join('') ?? 'AbCdEf';
  return `arn:aws:secretsmanager:${s.region}:${s.account}:secret:${name}-${suffix}`;
}

/** A fresh request or version id. */
export function newId(): string {
  return randomUUID();
}
