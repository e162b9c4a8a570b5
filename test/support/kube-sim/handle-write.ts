// create, update (PUT), delete and deletecollection with the API server's validation and concurrency rules.
import { createHash, randomBytes } from 'node:crypto';
import { decideAccess } from './access.js';
import { RESOURCES, resolveKind, type ResourceDef } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { SimState } from './state.js';
import { alreadyExists, badRequest, conflict, invalid, notFound } from './status.js';
import { handleList } from './handle-read.js';
import { trackUpdate } from './managed-fields.js';
import { apiVersionOf } from './resources.js';

/** Rejects bodies that are not objects; returns the body typed as a Kubernetes object. */
export function asObject(body: unknown): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('request body must be a JSON object');
  const obj = body as KubeObject;
  obj.metadata = (typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}) as KubeObject['metadata'];
  return obj;
}

/** Places a new object: name/generateName, namespace agreement and existence, duplicate check; `manager` owns its fields. */
export function createObject(state: SimState, d: ResourceDef, ns: string | undefined, body: unknown, manager?: string): KubeObject {
  const obj = asObject(body);
  const meta = obj.metadata;
  if (!meta.name && typeof meta.generateName === 'string' && meta.generateName) {
    meta.name = `${meta.generateName}${randomBytes(3).toString('hex').slice(0, 5)}`;
  }
  if (!meta.name) {
    throw invalid(d, '', [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
  }
  if (d.namespaced) {
    if (meta.namespace !== undefined && meta.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = ns;
    const nsDef = resolveKind('Namespace') as ResourceDef;
    if (!state.store.get(nsDef, undefined, ns ?? '')) throw notFound(nsDef, ns ?? '');
  }
  if (state.store.get(d, meta.namespace, meta.name)) throw alreadyExists(d, meta.name);
  for (const k of ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'deletionTimestamp']) delete meta[k];
  if (d.kind === 'Secret' && !obj.type) obj.type = 'Opaque'; // the API server's default
  if (d.kind === 'Service') allocateClusterIP(obj);
  if (manager !== undefined) trackUpdate(d.kind, undefined, obj, { manager, apiVersion: apiVersionOf(d) });
  return state.store.save(d, obj);
}

// The API server allocates a ClusterIP on create; a hash of the name keeps it stable across runs.
function allocateClusterIP(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as Record<string, unknown>;
  if (spec.type === 'ExternalName' || spec.clusterIP) return;
  const h = createHash('sha256').update(`${obj.metadata.namespace}/${obj.metadata.name}`).digest();
  spec.clusterIP = `10.96.${h[0] ?? 0}.${Math.max(1, h[1] ?? 1)}`;
  spec.clusterIPs = [spec.clusterIP];
  spec.type ??= 'ClusterIP';
}

/** SelfSubjectAccessReview: answered from the rule list, never stored. */
export function reviewAccess(state: SimState, body: unknown): KubeObject {
  const obj = asObject(body);
  const attrs = ((obj.spec as Record<string, unknown> | undefined)?.resourceAttributes ?? {}) as Record<string, string>;
  return { ...obj, apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', status: decideAccess(state.access, attrs) };
}

function specOf(o: KubeObject): string {
  const { metadata: _m, status: _s, ...rest } = o;
  return JSON.stringify(rest);
}

/** Commits a new version of an existing object: keeps server-owned metadata and status, bumps generation on spec change. */
export function commitUpdate(state: SimState, d: ResourceDef, prev: KubeObject, next: KubeObject, subresource?: string, manager?: string): KubeObject {
  const rv = next.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== prev.metadata.resourceVersion) throw conflict(d, prev.metadata.name);
  if (next.metadata.name !== prev.metadata.name) {
    throw badRequest(`the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${prev.metadata.name})`);
  }
  let out: KubeObject;
  if (subresource === 'status') out = { ...prev, status: next.status, metadata: { ...prev.metadata, managedFields: next.metadata.managedFields } };
  else {
    out = { ...next, metadata: { ...next.metadata, namespace: prev.metadata.namespace } };
    if (d.subresources?.includes('status')) out.status = prev.status;
    for (const k of ['uid', 'creationTimestamp', 'generation'] as const) out.metadata[k] = prev.metadata[k];
    if (!d.generation) delete out.metadata.generation;
    else if (specOf(out) !== specOf(prev)) out.metadata.generation = Number(prev.metadata.generation ?? 1) + 1;
  }
  if (out.status === undefined) delete out.status;
  if (manager !== undefined) trackUpdate(d.kind, prev, out, { manager, apiVersion: apiVersionOf(d), ...(subresource ? { subresource } : {}) });
  else if (out.metadata.managedFields === undefined) delete out.metadata.managedFields;
  return state.store.save(d, out);
}

/** PUT: full replacement with optimistic concurrency on metadata.resourceVersion. */
export function updateObject(state: SimState, d: ResourceDef, ns: string | undefined, name: string, body: unknown, sub?: string, manager?: string): KubeObject {
  const prev = state.store.get(d, ns, name);
  if (!prev) throw notFound(d, name);
  return commitUpdate(state, d, prev, asObject(body), sub, manager);
}

/** DeleteOptions.preconditions: the delete only goes ahead for this uid / resourceVersion. */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** DELETE: removes at once (no finalizers); deleting a namespace removes everything in it. */
export function deleteObject(state: SimState, d: ResourceDef, ns: string | undefined, name: string, pre: Preconditions = {}): KubeObject {
  const cur = state.store.get(d, ns, name);
  if (!cur) throw notFound(d, name);
  for (const k of ['uid', 'resourceVersion'] as const) {
    if (pre[k] !== undefined && pre[k] !== cur.metadata[k]) {
      const what = k === 'uid' ? 'UID' : 'ResourceVersion';
      throw conflict(d, name, `Precondition failed: ${what} in precondition: ${pre[k]}, ${what} in object meta: ${String(cur.metadata[k])}`);
    }
  }
  const obj = state.store.delete(d, ns, name);
  if (!obj) throw notFound(d, name);
  if (d.kind === 'Namespace') {
    for (const r of RESOURCES) if (r.namespaced) for (const o of state.store.list(r, name)) state.store.delete(r, name, o.metadata.name);
  }
  return obj;
}

/** DELETE on a collection: deletes what the selectors match and returns them as a list. */
export function deleteCollection(state: SimState, d: ResourceDef, ns: string | undefined, q: URLSearchParams): Record<string, unknown> {
  const list = handleList(state, d, ns, q);
  for (const o of list.items as KubeObject[]) deleteObject(state, d, ns ?? o.metadata.namespace, o.metadata.name);
  return list;
}
