// REST paths for object kinds: a table of the kinds jetscale touches, so writes need no discovery round trip.
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { ObjectRef } from './types.js';

/** One REST resource: where objects of a kind live. */
export interface ResourceType {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const t = (apiVersion: string, kind: string, plural: string, namespaced = true): ResourceType => ({ apiVersion, kind, plural, namespaced });

/** The kinds jetscale reads, applies or deletes; others are resolved by discovery (`/apis/<group>/<version>`). */
export const KNOWN_TYPES: readonly ResourceType[] = [
  t('v1', 'Namespace', 'namespaces', false),
  t('v1', 'Pod', 'pods'),
  t('v1', 'Service', 'services'),
  t('v1', 'Endpoints', 'endpoints'),
  t('v1', 'Secret', 'secrets'),
  t('v1', 'ConfigMap', 'configmaps'),
  t('v1', 'ServiceAccount', 'serviceaccounts'),
  t('v1', 'Event', 'events'),
  t('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  t('apps/v1', 'Deployment', 'deployments'),
  t('apps/v1', 'ReplicaSet', 'replicasets'),
  t('apps/v1', 'StatefulSet', 'statefulsets'),
  t('apps/v1', 'DaemonSet', 'daemonsets'),
  t('networking.k8s.io/v1', 'Ingress', 'ingresses'),
  t('external-secrets.io/v1', 'ExternalSecret', 'externalsecrets'),
  t('external-secrets.io/v1', 'SecretStore', 'secretstores'),
  t('external-secrets.io/v1', 'ClusterSecretStore', 'clustersecretstores', false),
];

/** The known type for a kind (and apiVersion when given); a bare kind must be unambiguous. */
export function findKnownType(kind: string, apiVersion?: string): ResourceType | undefined {
  const hits = KNOWN_TYPES.filter((r) => r.kind === kind && (apiVersion === undefined || r.apiVersion === apiVersion));
  return hits.length === 1 ? hits[0] : undefined;
}

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** The collection path (no name) or object path of `ref` for resource type `type`. */
export function objectPath(type: ResourceType, ref: Pick<ObjectRef, 'namespace'> & { name?: string }): string {
  const parts = [groupVersionPath(type.apiVersion)];
  if (type.namespaced) {
    if (!ref.namespace) {
      throw new JetscaleError(`${type.kind} is namespaced, but no namespace was given`, { code: 'E_KUBE_REF', exitCode: ExitCode.taskFailed });
    }
    parts.push('namespaces', encodeURIComponent(ref.namespace));
  }
  parts.push(type.plural);
  if (ref.name !== undefined) parts.push(encodeURIComponent(ref.name));
  return parts.join('/');
}
