// DNS verdicts: does the public host resolve, and does it lead to the ALB — through a CNAME chain that names the
// ALB, or (Route 53 alias records answer plain A/AAAA) to the same addresses the ALB's own name resolves to.
import { makeCheck, type Check } from './checks.js';
import { current, failed, notChecked } from './status.js';

/** What one DNS lookup found (the net adapter's answer, or a `--resolve` override). */
export interface DnsFacts {
  host: string;
  source: 'override' | 'dns';
  /** A and AAAA addresses. */
  addresses: string[];
  /** CNAME targets in the order followed. */
  cnames: string[];
  error?: { code: string; message: string };
}

/** Lower-case, no trailing dot, no `dualstack.` prefix: how Route 53 alias and ALB names compare. */
export function normalizeDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '').replace(/^dualstack\./, '');
}

const NO_ANSWER = new Set(['ETIMEOUT', 'ECONNREFUSED', 'ESERVFAIL', 'ECANCELLED', 'EREFUSED', 'ECONNRESET']);

/** Evidence lines for one lookup. */
export function describeDns(f: DnsFacts): string[] {
  if (f.error) return [`${f.host}: ${f.error.code} (${f.error.message})`];
  const via = f.cnames.length ? ` via CNAME ${f.cnames.join(' → ')}` : '';
  return [`${f.host} → ${f.addresses.join(', ') || 'no address'}${via}${f.source === 'override' ? ' (from --resolve)' : ''}`];
}

/** `dns.resolves`: the host has at least one address. */
export function judgeResolves(f: DnsFacts): Check {
  const ev = describeDns(f);
  if (f.error && NO_ANSWER.has(f.error.code)) return makeCheck('dns.resolves', f.host, notChecked(`the resolver did not answer (${f.error.code})`), ev);
  if (f.error) return makeCheck('dns.resolves', f.host, failed(f.error.code === 'ENOTFOUND' ? 'NXDOMAIN' : f.error.code, `${f.host} does not resolve: ${f.error.code}`), ev);
  if (f.addresses.length === 0) return makeCheck('dns.resolves', f.host, failed('NoAddress', `${f.host} has no A/AAAA record`), ev);
  return makeCheck('dns.resolves', f.host, current('Resolves', `${f.host} resolves to ${f.addresses.join(', ')}`), ev);
}

/** `dns.points-at-alb`: the host's answer leads to the ALB named `albDnsName` (whose own lookup is `alb`). */
export function judgePointsAtAlb(f: DnsFacts, albDnsName: string | undefined, alb: DnsFacts | undefined): Check {
  const subject = f.host;
  if (!albDnsName) return makeCheck('dns.points-at-alb', subject, notChecked('the load balancer of this environment is not known'));
  if (f.error || f.addresses.length === 0) return makeCheck('dns.points-at-alb', subject, notChecked(`${f.host} does not resolve`));
  const want = normalizeDnsName(albDnsName);
  if (f.cnames.some((c) => normalizeDnsName(c) === want)) return makeCheck('dns.points-at-alb', subject, current('CnameToAlb', `CNAME to ${albDnsName}`), describeDns(f));
  const ev = [...describeDns(f), ...(alb ? describeDns(alb) : [])];
  if (!alb || alb.error || alb.addresses.length === 0) return makeCheck('dns.points-at-alb', subject, notChecked(`the ALB name ${albDnsName} does not resolve${alb?.error ? ` (${alb.error.code})` : ''}`), ev);
  const shared = f.addresses.filter((a) => alb.addresses.includes(a));
  if (shared.length > 0) return makeCheck('dns.points-at-alb', subject, current('SameAddresses', `resolves to the ALB's addresses (${shared.join(', ')})`), ev);
  return makeCheck('dns.points-at-alb', subject, failed('PointsElsewhere', `${f.host} resolves to ${f.addresses.join(', ')}, but the ALB ${albDnsName} is at ${alb.addresses.join(', ')}`), ev);
}
