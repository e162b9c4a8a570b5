// Reads the environment's namespace through the gated, in-memory kube client (never a kubeconfig write, never a
// context switch): Ingresses, Services, Deployments, Pods with the last log lines of those not ready, Warning
// events, ExternalSecrets, Secret names (never data), and what the identity may change (`can-i`, a read).
import { computeHealth, isHealthy, withKind, type HealthObject } from '../health/index.js';
import type { KubeClient } from '../kube/index.js';
import { attempt, valueOf, type Read } from './attempt.js';

/** One Warning event, as `kubectl get events` shows it. */
export interface WarningEvent {
  object: string;
  reason: string;
  message: string;
  count: number;
  last?: string;
}

/** What the identity may do in the namespace (SelfSubjectAccessReviews). */
export interface AccessAnswerRow {
  verb: string;
  resource: string;
  /** Undefined when the review itself could not be made. */
  allowed?: boolean;
}

/** Everything read from the cluster; a `Read` that failed says why that part is not checked. */
export interface KubeEvidence {
  context: string;
  namespace: string;
  namespaceFound: boolean;
  ingresses: Read<HealthObject[]>;
  services: Read<HealthObject[]>;
  deployments: Read<HealthObject[]>;
  pods: Read<HealthObject[]>;
  externalSecrets: Read<HealthObject[]>;
  secretNames: Read<string[]>;
  events: Read<WarningEvent[]>;
  /** Pod → container → last log lines (of the previous instance when it restarted). */
  logs: Record<string, Record<string, string[]>>;
  access: AccessAnswerRow[];
}

/** How many not-ready pods get their logs read, and how many lines are kept. */
export const LOG_PODS = 3;
export const LOG_LINES = 8;
const WRITE_PROBES = [
  { verb: 'delete', resource: 'pods' }, { verb: 'patch', resource: 'deployments', group: 'apps' }, { verb: 'create', resource: 'secrets' },
] as const;

const kinds = <T>(items: T[], apiVersion: string, kind: string) => items.map((o) => withKind(o as unknown as HealthObject, apiVersion, kind));
const str = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : undefined);

/** Reads the namespace; when even the first request fails (no access at all) the whole layer is not checked. */
export async function collectKube(k: KubeClient, namespace: string, now: Date): Promise<Read<KubeEvidence>> {
  const ns = await attempt(() => k.getNamespace(namespace));
  if (!ns.ok && ns.code !== 'E_KUBE_NOT_FOUND') return ns;
  const [ingresses, services, deployments, pods, externalSecrets, secretNames, rawEvents, access] = await Promise.all([
    attempt(async () => kinds(await k.listIngresses(namespace), 'networking.k8s.io/v1', 'Ingress')),
    attempt(async () => kinds(await k.listServices(namespace), 'v1', 'Service')),
    attempt(async () => kinds(await k.listDeployments(namespace), 'apps/v1', 'Deployment')),
    attempt(async () => kinds(await k.listPods(namespace), 'v1', 'Pod')),
    attempt(async () => kinds(await k.listExternalSecrets(namespace), 'external-secrets.io/v1', 'ExternalSecret')),
    attempt(() => k.listSecretNames(namespace)),
    attempt(() => k.listEvents(namespace, { fieldSelector: 'type=Warning' })),
    Promise.all(WRITE_PROBES.map(async (q): Promise<AccessAnswerRow> => {
      const answer = valueOf(await attempt(() => k.reviewAccess({ ...q, namespace })));
      return { verb: q.verb, resource: q.resource, ...(answer ? { allowed: answer.allowed } : {}) };
    })),
  ]);
  const events: Read<WarningEvent[]> = rawEvents.ok
    ? { ok: true, value: rawEvents.value.map((e) => ({
      object: `${e.involvedObject?.kind ?? '?'}/${e.involvedObject?.name ?? '?'}`, reason: e.reason ?? '', message: (e.message ?? '').trim(), count: e.count ?? 1,
      ...(str(e.lastTimestamp ?? e.eventTime) ? { last: str(e.lastTimestamp ?? e.eventTime)! } : {}),
    })).sort((a, b) => (b.last ?? '').localeCompare(a.last ?? '')) }
    : rawEvents;
  return { ok: true, value: { context: k.context, namespace, namespaceFound: ns.ok, ingresses, services, deployments, pods, externalSecrets, secretNames, events, logs: await readLogs(k, namespace, valueOf(pods) ?? [], now), access } };
}

// The last lines of the containers that are not ready, for the first LOG_PODS pods that are not healthy.
async function readLogs(k: KubeClient, namespace: string, pods: HealthObject[], now: Date): Promise<KubeEvidence['logs']> {
  const sick = pods.filter((p) => !isHealthy(computeHealth(p, now))).slice(0, LOG_PODS);
  const logs: KubeEvidence['logs'] = {};
  for (const pod of sick) {
    const name = pod.metadata?.name ?? '';
    const statuses = (((pod.status as { containerStatuses?: unknown[] } | undefined)?.containerStatuses ?? []) as Array<{ name?: string; ready?: boolean; restartCount?: number }>).filter((c) => !c.ready);
    for (const c of statuses.slice(0, 2)) {
      const container = c.name ?? '';
      const read = (previous: boolean) => attempt(() => k.readPodLog(namespace, name, { container, tailLines: LOG_LINES, ...(previous ? { previous } : {}) }));
      let text = (c.restartCount ?? 0) > 0 ? await read(true) : undefined;
      if (!text?.ok || !text.value.trim()) text = await read(false);
      if (text.ok && text.value.trim()) (logs[name] ??= {})[container] = text.value.trimEnd().split('\n').slice(-LOG_LINES);
    }
  }
  return logs;
}
