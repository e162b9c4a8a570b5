// What each cloud layer promises, as data: the ingress keys only the cloud layer may set, and the TLS contract
// those keys must fulfil (listen on 80 and 443, redirect to HTTPS, one wildcard certificate, a pinned policy).
// Keyed by the ingress class the cloud layer declares (envs/<cloud>.yaml `ingress.className`); the chart's
// values.schema.json is closed at the top level, so the cloud file itself cannot carry this table.
// Adding a cloud = adding a row here; tls-contract.ts, cloud-owned.ts and tls-parity.ts interpret the rows.

/** How one annotation value is judged. */
export type ValueCheck =
  | { kind: 'one-of'; values: readonly string[] }
  | { kind: 'pattern'; pattern: RegExp; separator?: string }
  | { kind: 'json-includes'; items: ReadonlyArray<Readonly<Record<string, unknown>>> }
  | { kind: 'absent' };

/** One promise of the TLS contract, on one annotation. */
export interface TlsPromise {
  /** Finding rule id, e.g. `tls/ssl-redirect`. */
  rule: string;
  annotation: string;
  check: ValueCheck;
  /** What a compliant value is, in words: "must be <expect>". */
  expect: string;
  /** A compliant value as YAML, for the fix hint. */
  example?: string;
  /** Unset is fine; the check applies only to a value that is set. */
  optional?: boolean;
  /** Must be identical in every public environment (tls/parity). */
  parity?: boolean;
  /** Completes "<annotation> …" when the value is missing: what breaks. */
  whenMissing?: string;
}

/** The contract of one ingress controller. */
export interface CloudContract {
  ingressClass: string;
  controller: string;
  /** Paths only the cloud layer may set; a type default or an environment changing one is `tls/cloud-owned`. */
  owns: ReadonlyArray<readonly string[]>;
  tls: readonly TlsPromise[];
}

const annotations = (prefix: string, names: readonly string[]) => names.map((n) => ['ingress', 'annotations', prefix + n] as const);

const ALB = 'alb.ingress.kubernetes.io/';
/** An ACM certificate ARN (the AWS Load Balancer Controller takes several, comma-separated). */
export const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;

/** AWS Load Balancer Controller (EKS). */
export const ALB_CONTRACT: CloudContract = {
  ingressClass: 'alb',
  controller: 'AWS Load Balancer Controller',
  owns: [['ingress', 'className'], ...annotations(ALB, ['scheme', 'target-type', 'listen-ports', 'ssl-redirect', 'ssl-policy', 'certificate-arn'])],
  tls: [
    { rule: 'tls/listen-ports', annotation: `${ALB}listen-ports`, check: { kind: 'json-includes', items: [{ HTTP: 80 }, { HTTPS: 443 }] }, expect: 'a JSON list that listens on HTTP 80 and HTTPS 443', example: `'[{"HTTP":80},{"HTTPS":443}]'`, whenMissing: 'is missing: the ALB would listen on HTTP 80 only' },
    { rule: 'tls/ssl-redirect', annotation: `${ALB}ssl-redirect`, check: { kind: 'one-of', values: ['443'] }, expect: 'the string "443"', example: '"443"', whenMissing: 'is missing: HTTP would not redirect to HTTPS' },
    { rule: 'tls/certificate', annotation: `${ALB}certificate-arn`, check: { kind: 'pattern', pattern: ACM_ARN, separator: ',' }, expect: 'an ACM certificate ARN', example: 'arn:aws:acm:<region>:<account>:certificate/<id>', parity: true, whenMissing: 'is missing: the ALB would serve no HTTPS' },
    { rule: 'tls/ssl-policy', annotation: `${ALB}ssl-policy`, check: { kind: 'pattern', pattern: /^ELBSecurityPolicy-[A-Za-z0-9-]+$/ }, expect: 'an ELBSecurityPolicy-* name', example: 'ELBSecurityPolicy-TLS13-1-2-2021-06', parity: true, whenMissing: 'is not pinned: the ALB would use its default TLS policy' },
  ],
};

const AGW = 'appgw.ingress.kubernetes.io/';
/** An Application Gateway child resource name (certificate, SSL profile): 1–80 of [A-Za-z0-9_.-], alphanumeric first. */
const APPGW_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

/** Application Gateway Ingress Controller (AKS). The TLS policy itself is pinned on the gateway (IaC); an
 * environment may only name an SSL profile, and then every public environment must name the same one. */
export const APPGW_CONTRACT: CloudContract = {
  ingressClass: 'azure-application-gateway',
  controller: 'Application Gateway Ingress Controller',
  owns: [['ingress', 'className'], ...annotations(AGW, ['ssl-redirect', 'appgw-ssl-certificate', 'appgw-ssl-profile', 'appgw-trusted-root-certificate', 'override-frontend-port', 'backend-protocol', 'use-private-ip'])],
  tls: [
    { rule: 'tls/listen-ports', annotation: `${AGW}override-frontend-port`, check: { kind: 'absent' }, expect: 'unset, so the gateway listens on 80 and 443' },
    { rule: 'tls/ssl-redirect', annotation: `${AGW}ssl-redirect`, check: { kind: 'one-of', values: ['true'] }, expect: 'the string "true"', example: '"true"', whenMissing: 'is missing: HTTP would not redirect to HTTPS' },
    { rule: 'tls/certificate', annotation: `${AGW}appgw-ssl-certificate`, check: { kind: 'pattern', pattern: APPGW_NAME }, expect: 'the name of a certificate installed on the gateway', example: '<certificate name>', parity: true, whenMissing: 'is missing: the gateway would have no HTTPS listener' },
    { rule: 'tls/ssl-policy', annotation: `${AGW}appgw-ssl-profile`, check: { kind: 'pattern', pattern: APPGW_NAME }, expect: 'the name of an SSL profile on the gateway', optional: true, parity: true },
  ],
};

/** Every known contract, by the ingress class a cloud layer declares. */
export const CLOUD_CONTRACTS: Readonly<Record<string, CloudContract>> = Object.fromEntries([ALB_CONTRACT, APPGW_CONTRACT].map((c) => [c.ingressClass, c]));

/** `ingress.annotations.<name>` as a path. */
export function annotationPath(name: string): readonly string[] {
  return ['ingress', 'annotations', name];
}

/** Why `value` breaks the promise, or undefined when it keeps it (a missing value is judged by the caller). */
export function judge(p: TlsPromise, value: unknown): string | undefined {
  const got = `got ${JSON.stringify(value ?? null)}`;
  const c = p.check;
  if (c.kind === 'absent') return value === undefined ? undefined : `${p.annotation} must be ${p.expect}; ${got}`;
  if (value === undefined) return p.optional ? undefined : `${p.annotation} ${p.whenMissing ?? 'is missing'}`;
  const ok =
    typeof value === 'string' &&
    (c.kind === 'one-of' ? c.values.includes(value) : c.kind === 'pattern' ? (c.separator ? value.split(c.separator) : [value]).every((v) => c.pattern.test(v.trim())) : includesAll(value, c.items));
  return ok ? undefined : `${p.annotation} must be ${p.expect}, ${got}`;
}

function includesAll(raw: string, items: ReadonlyArray<Readonly<Record<string, unknown>>>): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return false;
  }
  if (!Array.isArray(parsed)) return false;
  return items.every((want) => parsed.some((p: unknown) => typeof p === 'object' && p !== null && Object.entries(want).every(([k, v]) => (p as Record<string, unknown>)[k] === v)));
}
