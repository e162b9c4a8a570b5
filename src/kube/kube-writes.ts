// Writes for any kind by path: create, server-side apply (field manager `jetscale`), patch and delete. Each answers
// a `Performed` value: what the API server returned, or the gate's record when --dry-run kept it from being sent.
import type { Performed } from '../core/effects.js';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { isKubeNotFound, type KubeRef } from './errors.js';
import type { KubeTransport, RawResult } from './kube-transport.js';
import { objectPath } from './resource-types.js';
import type { KubeObject, ObjectRef } from './types.js';

/** Patch flavours; `strategic` merges lists by key on built-in kinds (custom resources take `merge`). */
export type PatchType = 'merge' | 'strategic' | 'json';

const PATCH_CONTENT: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

/** How a delete propagates to dependents (the API default is per kind). */
export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

function performed<T>(r: RawResult<T>): Performed<T> {
  return r.recorded ? { skipped: true, record: r.recorded } : { skipped: false, value: r.value };
}

function refOf(obj: KubeObject, verb: string): ObjectRef & KubeRef {
  const name = obj.metadata?.name;
  if (!obj.kind || !name) {
    throw new JetscaleError(`cannot ${verb} an object without kind and metadata.name`, { code: 'E_KUBE_REF', exitCode: ExitCode.taskFailed });
  }
  return { verb, kind: obj.kind, name, ...(obj.apiVersion ? { apiVersion: obj.apiVersion } : {}), ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}) };
}

/** POST: creates `obj`; a 409 (AlreadyExists) surfaces as KubeConflictError. */
export async function createObject(t: KubeTransport, obj: KubeObject, fieldManager: string): Promise<Performed<KubeObject>> {
  const ref = refOf(obj, 'create');
  const type = await t.resourceType(ref.kind, ref.apiVersion);
  const path = objectPath(type, ref.namespace !== undefined ? { namespace: ref.namespace } : {});
  const body = { ...obj, apiVersion: type.apiVersion, kind: type.kind };
  return performed(await t.request<KubeObject>({ method: 'POST', path, query: { fieldManager }, body }, ref));
}

/** Server-side apply: creates or updates the fields `fieldManager` owns; `force` takes over fields others own. */
export async function applyObject(t: KubeTransport, obj: KubeObject, fieldManager: string, force: boolean): Promise<Performed<KubeObject>> {
  const ref = refOf(obj, 'patch');
  const type = await t.resourceType(ref.kind, ref.apiVersion);
  const body = { ...obj, apiVersion: type.apiVersion, kind: type.kind };
  const query = { fieldManager, ...(force ? { force: 'true' } : {}) };
  return performed(await t.request<KubeObject>({ method: 'PATCH', path: objectPath(type, ref), query, body, contentType: 'application/apply-patch+yaml' }, ref));
}

/** PATCH with a merge, strategic-merge or JSON patch. */
export async function patchObject(t: KubeTransport, ref: ObjectRef, patch: unknown, type: PatchType, fieldManager: string): Promise<Performed<KubeObject>> {
  const rt = await t.resourceType(ref.kind, ref.apiVersion);
  const r = await t.request<KubeObject>(
    { method: 'PATCH', path: objectPath(rt, ref), query: { fieldManager }, body: patch, contentType: PATCH_CONTENT[type] },
    { verb: 'patch', ...ref },
  );
  return performed(r);
}

/** DELETE one object; with `ignoreNotFound` an absent object answers `{ found: false }` instead of throwing. */
export async function deleteObject(t: KubeTransport, ref: ObjectRef, opts: { propagationPolicy?: PropagationPolicy; ignoreNotFound?: boolean }): Promise<Performed<{ found: boolean }>> {
  const rt = await t.resourceType(ref.kind, ref.apiVersion);
  const query = { ...(opts.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}) };
  try {
    const r = await t.request<unknown>({ method: 'DELETE', path: objectPath(rt, ref), query }, { verb: 'delete', ...ref });
    return r.recorded ? { skipped: true, record: r.recorded } : { skipped: false, value: { found: true } };
  } catch (error) {
    if (opts.ignoreNotFound && isKubeNotFound(error)) return { skipped: false, value: { found: false } };
    throw error;
  }
}
