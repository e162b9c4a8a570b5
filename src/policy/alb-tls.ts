// DNS/TLS behaviour every ALB environment must share (seeds 001 §6.1, stack-chart-envs.md §9 I4.2–I4.6):
// otherwise an environment can be HTTP-only while users and workflows assume HTTPS.
import type { Finding } from '../core/finding.js';
import { cloudValue, finding, get, writtenAt, type EnvRule, type EnvUnderTest } from './env-under-test.js';

const A = 'alb.ingress.kubernetes.io/';
export const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const SSL_POLICY = /^ELBSecurityPolicy-[A-Za-z0-9-]+$/;

/** True when the environment's ingress is an ALB: merged, or as the cloud layer declares it (so an environment
 * cannot switch the rules off by overriding the class; tls/cloud-owned reports that override). */
export function usesAlb(env: EnvUnderTest): boolean {
  const cls = ['ingress', 'className'];
  return get(env, ['ingress', 'enabled']) === true && (get(env, cls) === 'alb' || cloudValue(env, cls) === 'alb');
}

function annotation(env: EnvUnderTest, name: string): unknown {
  return get(env, ['ingress', 'annotations', A + name]);
}

function listenPorts(raw: unknown): Array<Record<string, unknown>> | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as Array<Record<string, unknown>>) : undefined;
  } catch {
    return undefined;
  }
}

/** listen-ports 80+443, ssl-redirect "443", a well-formed certificate-arn, a pinned ssl-policy. */
export const checkAlbTls: EnvRule = (env) => {
  if (!usesAlb(env)) return [];
  const out: Finding[] = [];
  const at = (name: string) => ['ingress', 'annotations', A + name];
  // A missing value: point at the layer that deleted it with `null`, else at the cloud layer that should set it.
  const missingHere = (name: string) => {
    if (annotation(env, name) !== undefined) return undefined;
    const w = writtenAt(env, at(name));
    return w ? { file: w.file, line: w.line, col: w.col } : { file: env.cloudFile };
  };
  const add = (rule: string, name: string, message: string, hint: string) =>
    out.push(finding(env, at(name), { rule, severity: 'error', message, hint }, missingHere(name)));

  const ports = listenPorts(annotation(env, 'listen-ports'));
  const has = (proto: string, port: number) => ports?.some((p) => p[proto] === port) ?? false;
  if (!has('HTTP', 80) || !has('HTTPS', 443)) {
    add('tls/listen-ports', 'listen-ports', `${A}listen-ports must listen on HTTP 80 and HTTPS 443, got ${JSON.stringify(annotation(env, 'listen-ports') ?? null)}`, `set '[{"HTTP":80},{"HTTPS":443}]' in ${env.cloudFile}`);
  }
  if (annotation(env, 'ssl-redirect') !== '443') {
    add('tls/ssl-redirect', 'ssl-redirect', `${A}ssl-redirect must be the string "443", got ${JSON.stringify(annotation(env, 'ssl-redirect') ?? null)}`, `set ${A}ssl-redirect: "443" (quoted) in ${env.cloudFile}`);
  }
  const cert = annotation(env, 'certificate-arn');
  // The AWS Load Balancer Controller accepts several certificates, comma-separated.
  if (typeof cert !== 'string' || !cert.split(',').every((c) => ACM_ARN.test(c.trim()))) {
    add('tls/certificate', 'certificate-arn', cert === undefined ? `${A}certificate-arn is missing: the ALB would serve no HTTPS` : `${A}certificate-arn is not an ACM certificate ARN: ${JSON.stringify(cert)}`, `set the shared wildcard certificate ARN in ${env.cloudFile}`);
  }
  const policy = annotation(env, 'ssl-policy');
  if (typeof policy !== 'string' || !SSL_POLICY.test(policy)) {
    add('tls/ssl-policy', 'ssl-policy', policy === undefined ? `${A}ssl-policy is not pinned: the ALB would use its default TLS policy` : `${A}ssl-policy must name an ELBSecurityPolicy-*, got ${JSON.stringify(policy)}`, `pin e.g. ${A}ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06 in ${env.cloudFile}`);
  }
  return out;
};

/** The certificate ARN of an ALB environment, if any. */
export function certificateOf(env: EnvUnderTest): string | undefined {
  const cert = annotation(env, 'certificate-arn');
  return typeof cert === 'string' ? cert : undefined;
}
