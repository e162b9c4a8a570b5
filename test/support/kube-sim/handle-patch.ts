// PATCH: JSON merge, strategic merge (built-in types only), JSON patch, and server-side apply with field ownership.
import { applyConfig } from './apply.js';
import { asObject, commitUpdate, createObject } from './handle-write.js';
import { jsonPatch, mergePatch } from './patch.js';
import { apiVersionOf, type ResourceDef } from './resources.js';
import { schemaFor } from './schema.js';
import type { KubeObject } from './selectors.js';
import type { SimState } from './state.js';
import { strategicMerge } from './strategic.js';
import { KubeError, badRequest, notFound } from './status.js';

/** The request facts a patch needs. */
export interface PatchRequest {
  contentType: string;
  body: unknown;
  /** The `fieldManager` query parameter (required for apply). */
  fieldManager: string | null;
  /** Who the write is recorded for in managedFields when it is not an apply (fieldManager or User-Agent). */
  manager: string;
  /** `force=true`: an apply takes over conflicting fields. */
  force?: boolean;
  subresource?: string;
}

const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

function unsupported(d: ResourceDef): KubeError {
  const types = [JSON_PATCH, MERGE, APPLY, ...(d.custom ? [] : [STRATEGIC])];
  return new KubeError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${types.join(', ')}`);
}

/** The media type of a patch request, checked against what the resource accepts (CRDs take no strategic merge patch). */
export function patchType(d: ResourceDef, contentType: string): string {
  const type = contentType.split(';')[0]?.trim() ?? '';
  if (![APPLY, MERGE, JSON_PATCH, STRATEGIC].includes(type) || (type === STRATEGIC && d.custom)) throw unsupported(d);
  return type;
}

/** Applies a merge, strategic merge or JSON patch to `doc` of `kind`. */
export function patchValue(type: string, kind: string, doc: KubeObject | Record<string, unknown>, body: unknown): unknown {
  if (type === JSON_PATCH) return jsonPatch(doc, body);
  const patch = asObject(body);
  if (type === STRATEGIC) {
    if (patch.$patch === 'delete') throw badRequest('strategic merge patch: $patch: delete is not allowed on the whole object');
    return strategicMerge(doc, patch, schemaFor(kind));
  }
  return mergePatch(doc, patch);
}

function apply(state: SimState, d: ResourceDef, ns: string | undefined, name: string, req: PatchRequest): { code: number; obj: KubeObject } {
  if (!req.fieldManager) throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  const body = asObject(req.body);
  if (body.metadata.name !== undefined && body.metadata.name !== name) {
    throw badRequest(`the name of the object (${String(body.metadata.name)}) does not match the name on the URL (${name})`);
  }
  if (typeof body.apiVersion !== 'string' || typeof body.kind !== 'string') throw badRequest('apiVersion and kind are required for apply');
  const who = { manager: req.fieldManager, apiVersion: apiVersionOf(d), force: req.force === true, ...(req.subresource ? { subresource: req.subresource } : {}) };
  const prev = state.store.get(d, ns, name);
  const config = { ...body, metadata: { ...body.metadata, name } } as KubeObject;
  if (!prev) {
    if (req.subresource) throw notFound(d, name);
    return { code: 201, obj: createObject(state, d, ns, applyConfig(d, undefined, config, who)) };
  }
  const merged = applyConfig(d, prev, config, who);
  // A resourceVersion in the applied config is a precondition; without one the apply goes to the latest version.
  merged.metadata.resourceVersion = body.metadata.resourceVersion ?? prev.metadata.resourceVersion;
  return { code: 200, obj: commitUpdate(state, d, prev, merged, req.subresource) };
}

/** Dispatches on Content-Type; an unknown patch type is a 415 like the real server. */
export function patchObject(state: SimState, d: ResourceDef, ns: string | undefined, name: string, req: PatchRequest): { code: number; obj: KubeObject } {
  const type = patchType(d, req.contentType);
  if (type === APPLY) return apply(state, d, ns, name, req);
  if (req.force) throw badRequest('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  const prev = state.store.get(d, ns, name);
  if (!prev) throw notFound(d, name);
  const obj = asObject(patchValue(type, d.kind, prev, req.body));
  // A resourceVersion in the patch is a precondition; without one the patch applies to the latest version.
  const pinned = (req.body as { metadata?: { resourceVersion?: unknown } } | undefined)?.metadata?.resourceVersion;
  if (type !== JSON_PATCH && pinned === undefined) obj.metadata.resourceVersion = prev.metadata.resourceVersion;
  return { code: 200, obj: commitUpdate(state, d, prev, obj, req.subresource, req.manager) };
}
