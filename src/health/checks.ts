// The named checks of the path from a browser to a pod, shared by the deploy gate and diagnose: each check judges
// one link (DNS, TLS, a listener, target health, pods, an ExternalSecret…) and says which layer it belongs to, so
// causes.ts can walk from a symptom to its cause and renderers can group by layer.
import type { Health } from './status.js';

/** The layers, outside in: what a user's request meets first comes first. */
export const LAYERS = ['dns', 'https', 'alb', 'kubernetes', 'secrets'] as const;
export type Layer = (typeof LAYERS)[number];

/** Every check id with its layer and a short title; the union is derived from this table. */
export const CHECKS = {
  'dns.resolves': { layer: 'dns', title: 'public host resolves' },
  'dns.points-at-alb': { layer: 'dns', title: 'public host points at the ALB' },
  'https.connect': { layer: 'https', title: 'TCP+TLS connection to port 443' },
  'tls.certificate': { layer: 'https', title: 'certificate is trusted, covers the host and is not expiring' },
  'http.root': { layer: 'https', title: 'HEAD / answers' },
  'http.backend': { layer: 'https', title: 'backend endpoint answers' },
  'http.redirect': { layer: 'https', title: 'HTTP on port 80 redirects to HTTPS' },
  'alb.found': { layer: 'alb', title: 'load balancer exists' },
  'alb.state': { layer: 'alb', title: 'load balancer is active' },
  'alb.listener-https': { layer: 'alb', title: 'HTTPS listener on 443 forwards to targets' },
  'alb.listener-http': { layer: 'alb', title: 'HTTP listener on 80 redirects to 443' },
  'alb.certificate': { layer: 'alb', title: '443 listener serves the expected certificate' },
  'alb.ssl-policy': { layer: 'alb', title: '443 listener uses the pinned TLS policy' },
  'alb.targets': { layer: 'alb', title: 'target groups have healthy targets' },
  'kube.ingress': { layer: 'kubernetes', title: 'Ingress exists and has an address' },
  'kube.ingress-annotations': { layer: 'kubernetes', title: 'Ingress annotations keep the TLS/DNS contract' },
  'kube.service-endpoints': { layer: 'kubernetes', title: 'Services behind the Ingress have ready endpoints' },
  'kube.deployments': { layer: 'kubernetes', title: 'Deployments are available' },
  'kube.pods': { layer: 'kubernetes', title: 'Pods are ready' },
  'kube.external-secrets': { layer: 'kubernetes', title: 'ExternalSecrets are synced' },
  'kube.secrets-present': { layer: 'kubernetes', title: 'expected Secrets exist' },
  'secrets.client': { layer: 'secrets', title: 'AWS client secret has the required keys' },
} as const satisfies Record<string, { layer: Layer; title: string }>;

export type CheckId = keyof typeof CHECKS;

/** One judged link: which check, what it looked at, the verdict, and the evidence a human can verify. */
export interface Check {
  id: CheckId;
  /** What was judged: a host, a listener ARN, `pr-7/Deployment/backend-api`. */
  subject: string;
  health: Health;
  /** Short lines of evidence: status codes, SANs, target reasons, last log lines (names only for secrets). */
  evidence: string[];
}

/** The layer a check belongs to. */
export function layerOf(id: CheckId): Layer {
  return CHECKS[id].layer;
}

/** Builds a check (evidence optional). */
export function makeCheck(id: CheckId, subject: string, health: Health, evidence: readonly string[] = []): Check {
  return { id, subject, health, evidence: [...evidence] };
}
