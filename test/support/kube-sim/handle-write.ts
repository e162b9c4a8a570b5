// create, update (PUT), delete and deletecollection with the API server's validation and concurrency rules.
import { randomBytes } from 'node:crypto';
import { decideAccess } from './access.js';
import { RESOURCES, resolveKind, type ResourceDef } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { SimState } from './state.js';
import { alreadyExists, badRequest, conflict, invalid, notFound } from './status.js';
import { handleList } from './handle-read.js';

/** Rejects bodies that are not objects; returns the body typed as a Kubernetes object. */
export function asObject(body: unknown): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('request body must be a JSON object');
  const obj = body as KubeObject;
  obj.metadata = (typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}) as KubeObject['metadata'];
  return obj;
}

/** Places a new object: name/generateName, namespace agreement and existence, duplicate check. */
export function createObject(state: SimState, d: ResourceDef, ns: string | undefined, body: unknown): KubeObject {
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
  return state.store.save(d, obj);
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
export function commitUpdate(state: SimState, d: ResourceDef, prev: KubeObject, next: KubeObject, subresource?: string): KubeObject {
  const rv = next.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== prev.metadata.resourceVersion) throw conflict(d, prev.metadata.name);
  if (next.metadata.name !== prev.metadata.name) {
    throw badRequest(`the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${prev.metadata.name})`);
  }
  let out: KubeObject;
  if (subresource === 'status') out = { ...prev, status: next.status };
  else {
    out = { ...next, metadata: { ...next.metadata, namespace: prev.metadata.namespace } };
    if (d.subresources?.includes('status')) out.status = prev.status;
    if (out.status === undefined) delete out.status;
    for (const k of ['uid', 'creationTimestamp', 'generation'] as const) out.metadata[k] = prev.metadata[k];
    if (specOf(out) !== specOf(prev)) out.metadata.generation = Number(prev.metadata.generation ?? 1) + 1;
  }
  return state.store.save(d, out);
}

/** PUT: full replacement with optimistic concurrency on metadata.resourceVersion. */
export function updateObject(state: SimState, d: ResourceDef, ns: string | undefined, name: string, body: unknown, sub?: string): KubeObject {
  const prev = state.store.get(d, ns, name);
  if (!prev) throw notFound(d, name);
  return commitUpdate(state, d, prev, asObject(body), sub);
}

/** DELETE: removes at once (no finalizers); deleting a namespace removes everything in it. */
export function deleteObject(state: SimState, d: ResourceDef, ns: string | undefined, name: string): KubeObject {
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
