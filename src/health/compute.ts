// computeHealth(obj, now): the pure status of one Kubernetes object. Generic rules first (deletion, generation not
// observed, Stalled/Reconciling), then the per-kind table. Fails closed where kstatus fails open: an object of a
// kind without a rule, or without apiVersion/kind, is Unknown, never Current.
import { condition, describeObject, explainCondition, groupKind, num, record, type HealthObject } from './object.js';
import { failed, inProgress, notFound, terminating, unknown, type Health } from './status.js';
import { deploymentHealth } from './kinds/deployment.js';
import { externalSecretHealth } from './kinds/external-secret.js';
import { ingressHealth } from './kinds/ingress.js';
import { podHealth } from './kinds/pod.js';
import type { KindRule } from './kinds/rule.js';
import { secretStoreHealth } from './kinds/secret-store.js';
import { serviceHealth } from './kinds/service.js';
import { existsHealth, jobHealth, namespaceHealth, pvcHealth } from './kinds/simple.js';
import { statefulSetHealth } from './kinds/stateful-set.js';

/** `group/Kind` → rule. A kind missing here is Unknown (allow-list, not deny-list). */
export const KIND_RULES: Readonly<Record<string, KindRule>> = {
  'apps/Deployment': deploymentHealth,
  'apps/StatefulSet': statefulSetHealth,
  Pod: podHealth,
  Service: serviceHealth,
  'networking.k8s.io/Ingress': ingressHealth,
  'external-secrets.io/ExternalSecret': externalSecretHealth,
  'external-secrets.io/SecretStore': secretStoreHealth,
  'external-secrets.io/ClusterSecretStore': secretStoreHealth,
  Secret: existsHealth,
  ConfigMap: existsHealth,
  ServiceAccount: existsHealth,
  Namespace: namespaceHealth,
  PersistentVolumeClaim: pvcHealth,
  'batch/Job': jobHealth,
};

/** The health of one object at `now`; `undefined` (it was expected but not found) is NotFound. */
export function computeHealth(obj: HealthObject | undefined, now: Date): Health {
  if (obj === undefined) return notFound('NotFound', 'the object does not exist');
  const key = groupKind(obj);
  if (!key) return unknown('NoKind', `${describeObject(obj)} has no apiVersion/kind, so no rule can judge it`);
  if (obj.metadata?.deletionTimestamp !== undefined) return terminating('Deleting', `${describeObject(obj)} is being deleted`);
  const rule = KIND_RULES[key];
  if (!rule) return unknown('UnsupportedKind', `no health rule for ${key}; jetscale does not guess`);
  const generation = num(obj.metadata?.generation);
  const observed = num(record(obj.status).observedGeneration);
  if (generation !== undefined && observed !== undefined && observed < generation) {
    return inProgress('LatestGenerationNotObserved', `the controller has not seen generation ${generation} yet (observed ${observed})`);
  }
  const stalled = condition(obj, 'Stalled');
  if (stalled?.status === 'True') return failed(stalled.reason ?? 'Stalled', explainCondition(stalled));
  const reconciling = condition(obj, 'Reconciling');
  if (reconciling?.status === 'True') return inProgress(reconciling.reason ?? 'Reconciling', explainCondition(reconciling));
  return rule(obj, now);
}

/** Sets apiVersion/kind on a list item (the API leaves them off items of typed lists). */
export function withKind<T extends HealthObject>(obj: T, apiVersion: string, kind: string): T {
  return { ...obj, apiVersion: obj.apiVersion ?? apiVersion, kind: obj.kind ?? kind };
}
