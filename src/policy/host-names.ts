// Hosts an environment serves (ingress.hosts keys and the external-dns hostname annotation) must be concrete,
// lowercase DNS names one label under the configured zone (`dns.domain`): the shared wildcard certificate
// *.<domain> covers exactly one level, so `a.b.<domain>` or the apex would serve a certificate error.
import type { Finding } from '../core/finding.js';
import type { PathSegment } from '../values/values-doc.js';
import { finding, get, type EnvUnderTest, type FleetRule } from './env-under-test.js';
import { ingressOn } from './tls-contract.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const EXTERNAL_DNS = 'external-dns.alpha.kubernetes.io/hostname';

/** One host an environment claims and the values path that claims it. */
export interface HostClaim {
  host: string;
  path: PathSegment[];
}

/** The hosts of an environment with its ingress on: every ingress.hosts key and external-dns hostname. */
export function hostsOf(env: EnvUnderTest): HostClaim[] {
  if (!ingressOn(env)) return [];
  const hosts = get(env, ['ingress', 'hosts']);
  const claims: HostClaim[] = hosts !== null && typeof hosts === 'object' && !Array.isArray(hosts) ? Object.keys(hosts).map((h) => ({ host: h, path: ['ingress', 'hosts', h] })) : [];
  const dns = get(env, ['ingress', 'annotations', EXTERNAL_DNS]);
  if (typeof dns === 'string') {
    for (const h of dns.split(',').map((s) => s.trim()).filter(Boolean)) claims.push({ host: h, path: ['ingress', 'annotations', EXTERNAL_DNS] });
  }
  return claims;
}

/** `jetscale.ai` from `jetscale.ai`, `.jetscale.ai`, `*.jetscale.ai.` or `JetScale.AI`. */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^\*\./, '').replace(/^\.+|\.+$/g, '');
}

/** Why `host` is not a host the wildcard certificate of `domain` covers; '' domain checks the DNS shape only. */
export function hostProblem(host: string, domain: string): string | undefined {
  if (host.startsWith('*.')) return 'is a wildcard; an environment serves concrete hosts';
  if (host.length > 253 || !host.split('.').every((l) => LABEL.test(l))) return 'is not a valid lowercase DNS name (dot-separated labels of a-z, 0-9 and -, each at most 63 characters)';
  if (domain === '') return undefined;
  if (host === domain) return `is the apex ${domain}, which the wildcard certificate *.${domain} does not cover`;
  if (!host.endsWith(`.${domain}`)) return `is not under the configured domain ${domain} (dns.domain)`;
  const depth = host.slice(0, -(domain.length + 1)).split('.').length;
  return depth === 1 ? undefined : `is ${depth} labels under ${domain}, but the wildcard certificate *.${domain} covers one level`;
}

/** Every host checked against dns.domain; without one, the DNS shape only and one info saying so. */
export const checkHostNames: FleetRule = (envs, opts) => {
  const domain = normalizeDomain(opts.domain);
  const out: Finding[] = [];
  let anyHost = false;
  for (const env of envs) {
    for (const { host, path } of hostsOf(env)) {
      anyHost = true;
      const problem = hostProblem(host, domain);
      if (!problem) continue;
      const label = domain ? `<name>.${domain}` : '<name>.<your domain>';
      out.push(finding(env, path, { rule: 'ingress/host-name', severity: 'error', message: `host ${JSON.stringify(host)} ${problem}`, hint: `use a host of the form ${label} (one lowercase DNS label)` }));
    }
  }
  if (anyHost && domain === '') {
    out.push({ rule: 'ingress/host-name', severity: 'info', message: 'dns.domain is not configured, so hosts are checked as DNS names only, not as one label under the wildcard certificate\'s domain', hint: 'set dns.domain in jetscale.config.yaml (e.g. jetscale.ai)' });
  }
  return out;
};
