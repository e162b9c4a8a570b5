// What `diagnose` looks at: a preview environment (pr-N), a live environment (envs/live/<project>.yaml) or a bare
// public host, with everything the layers need to judge it (host, namespace, release, secret prefix, and the TLS
// promises the values make). Pure: the values are loaded by load-target.ts.
import { usageError } from '../core/errors.js';
import { normalizeHost } from '../net/index.js';

/** A preview environment id, as ephemeral:deploy creates them. */
export const PREVIEW_ID = /^pr-[1-9][0-9]{0,5}$/;
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The default backend endpoint probed next to `/`. */
export const DEFAULT_BACKEND_PATH = '/api/v2/system/ready';

/** The five Secrets the chart's ExternalSecrets materialise, by suffix of `<release>-`, with their values switch. */
export const SECRET_SUFFIXES = [
  ['db-secret', 'db'], ['redis-secret', 'redis'], ['common-secrets', 'common'], ['aws-client-secret', 'awsClient'], ['app-secrets', 'app'],
] as const;

/** What the environment's values promise about its ingress (the parity rule). */
export interface IngressExpectations {
  ingressClass?: string;
  /** The ingress annotations the values render (cloud layer and environment merged). */
  annotations: Record<string, string>;
  certificateArn?: string;
  sslPolicy?: string;
}

/** Everything diagnose knows about its target before it looks. */
export interface DiagnoseTarget {
  kind: 'preview' | 'live' | 'host';
  /** `pr-7`, `live/console` or the host. */
  label: string;
  /** The preview env id: the EKS cluster, namespace, release and controller cluster tag. */
  envId?: string;
  host?: string;
  namespace?: string;
  release?: string;
  /** `<prefix>/application/aws/client` is the live secret contract's secret. */
  secretPrefix?: string;
  backendPath: string;
  expect: IngressExpectations;
  /** Secret names that must exist in the namespace (names only). */
  expectedSecrets: string[];
  /** The values files the expectations came from. */
  valuesFiles: string[];
}

/** `pr-N` → preview; a DNS name → host (`pr-N-…` hosts also name their preview env); anything else is a usage error. */
export function parseDiagnoseArg(raw: string): { kind: 'preview'; envId: string } | { kind: 'host'; host: string; envId?: string } {
  const arg = normalizeHost(raw.replace(/^https?:\/\//i, '').replace(/\/.*$/, ''));
  if (PREVIEW_ID.test(arg)) return { kind: 'preview', envId: arg };
  if (!HOST.test(arg)) throw usageError(`"${raw}" is neither a preview environment (pr-<n>) nor a host name`, 'pass pr-7 or the public host, e.g. pr-7-my-branch.jetscale.ai');
  const env = /^(pr-[1-9][0-9]{0,5})-/.exec(arg)?.[1];
  return { kind: 'host', host: arg, ...(env ? { envId: env } : {}) };
}

/** `<release>-<suffix>` for each ExternalSecret the values switch on (all five unless switched off). */
export function expectedSecretNames(release: string, values: Record<string, unknown>): string[] {
  const es = record(values.externalSecret);
  if (es.enabled === false) return [];
  return SECRET_SUFFIXES.filter(([, key]) => record(es[key]).enabled !== false).map(([suffix]) => `${release}-${suffix}`);
}

/** The ingress promises of merged values. */
export function ingressExpectations(values: Record<string, unknown>): IngressExpectations {
  const ingress = record(values.ingress);
  const annotations = Object.fromEntries(Object.entries(record(ingress.annotations)).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
  const cert = annotations['alb.ingress.kubernetes.io/certificate-arn'];
  return {
    ...(typeof ingress.className === 'string' ? { ingressClass: ingress.className } : {}),
    annotations,
    ...(cert ? { certificateArn: cert.split(',')[0]!.trim() } : {}),
    ...(annotations['alb.ingress.kubernetes.io/ssl-policy'] ? { sslPolicy: annotations['alb.ingress.kubernetes.io/ssl-policy'] } : {}),
  };
}

/** The first ingress host of merged values (sorted, as the chart renders them). */
export function firstHost(values: Record<string, unknown>): string | undefined {
  return Object.keys(record(record(values.ingress).hosts)).sort()[0];
}

/** A plain-object view of a value. */
export function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
