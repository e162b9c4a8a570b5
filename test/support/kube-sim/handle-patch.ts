// PATCH: merge, strategic-merge (treated as merge), JSON patch, and server-side apply (create-or-merge).
import { mergePatch, jsonPatch } from './patch.js';
import type { ResourceDef } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { SimState } from './state.js';
import { KubeError, badRequest, notFound } from './status.js';
import { asObject, commitUpdate, createObject } from './handle-write.js';

/** The request facts a patch needs. */
export interface PatchRequest {
  contentType: string;
  body: unknown;
  fieldManager: string | null;
  subresource?: string;
}

function managedEntry(manager: string, d: ResourceDef, operation: string): Record<string, unknown> {
  return { manager, operation, apiVersion: d.group ? `${d.group}/${d.version}` : d.version, time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), fieldsType: 'FieldsV1' };
}

// Record who applied, so tests can assert the field manager the CLI used.
function withManager(obj: KubeObject, entry: Record<string, unknown>): KubeObject {
  const others = ((obj.metadata.managedFields ?? []) as Array<Record<string, unknown>>).filter(
    (m) => m.manager !== entry.manager || m.operation !== entry.operation,
  );
  obj.metadata.managedFields = [...others, entry];
  return obj;
}

function apply(state: SimState, d: ResourceDef, ns: string | undefined, name: string, req: PatchRequest): { code: number; obj: KubeObject } {
  if (!req.fieldManager) throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  const body = asObject(req.body);
  if (body.metadata.name !== undefined && body.metadata.name !== name) {
    throw badRequest(`the name of the object (${String(body.metadata.name)}) does not match the name on the URL (${name})`);
  }
  const entry = managedEntry(req.fieldManager, d, 'Apply');
  const prev = state.store.get(d, ns, name);
  if (!prev) return { code: 201, obj: createObject(state, d, ns, withManager({ ...body, metadata: { ...body.metadata, name } }, entry)) };
  const merged = withManager(mergePatch(prev, body) as KubeObject, entry);
  if (body.metadata.resourceVersion === undefined) merged.metadata.resourceVersion = prev.metadata.resourceVersion;
  return { code: 200, obj: commitUpdate(state, d, prev, merged, req.subresource) };
}

/** Dispatches on Content-Type; an unknown patch type is a 415 like the real server. */
export function patchObject(state: SimState, d: ResourceDef, ns: string | undefined, name: string, req: PatchRequest): { code: number; obj: KubeObject } {
  const type = req.contentType.split(';')[0]?.trim() ?? '';
  if (type === 'application/apply-patch+yaml') return apply(state, d, ns, name, req);
  const prev = state.store.get(d, ns, name);
  if (!prev) throw notFound(d, name);
  let next: unknown;
  if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json') {
    next = mergePatch(prev, asObject(req.body));
  } else if (type === 'application/json-patch+json') {
    next = jsonPatch(prev, req.body);
  } else {
    throw new KubeError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
  }
  const obj = asObject(next);
  // A resourceVersion in the patch is a precondition; without one the patch applies to the latest version.
  const pinned = (req.body as { metadata?: { resourceVersion?: unknown } } | undefined)?.metadata?.resourceVersion;
  if (type !== 'application/json-patch+json' && pinned === undefined) obj.metadata.resourceVersion = prev.metadata.resourceVersion;
  if (req.fieldManager) withManager(obj, managedEntry(req.fieldManager, d, 'Update'));
  return { code: 200, obj: commitUpdate(state, d, prev, obj, req.subresource) };
}
