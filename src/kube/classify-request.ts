// Classifies one Kubernetes API request (HTTP method + URL) the way the API server's request-info resolver does,
// and turns it into the effect declaration the gate decides on. Pure: no client-node, no I/O.
import type { Effect, EffectDecl } from '../core/effects.js';

/** What the API server would derive from a request, plus the effect class we give it. */
export interface KubeRequestInfo {
  method: string;
  /** get, list, watch, create, update, patch, delete, deletecollection (or the lower-case method off the API). */
  verb: string;
  effect: Effect;
  path: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

// Creating a review object asks a question and changes nothing, so it is a read (breakglass may ask `can-i`).
const REVIEW_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);
const REVIEW_RESOURCES = new Set([
  'selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews', 'localsubjectaccessreviews', 'tokenreviews', 'selfsubjectreviews',
]);
// Subresources of a namespace, not namespaced resources: /api/v1/namespaces/<ns>/status|finalize.
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return named ? 'get' : watch ? 'watch' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return named ? 'delete' : 'deletecollection';
    default: return method.toLowerCase();
  }
}

function effectOf(info: Omit<KubeRequestInfo, 'effect'>): Effect {
  switch (info.verb) {
    case 'get': case 'list': case 'watch': return 'read';
    case 'create':
      if (info.resource && REVIEW_RESOURCES.has(info.resource) && REVIEW_GROUPS.has(info.group ?? '')) return 'read';
      // An eviction deletes the pod it names.
      return info.subresource === 'eviction' ? 'destroy' : 'write';
    case 'update': case 'patch': return 'write';
    // delete, deletecollection and anything no rule names: fail closed.
    default: return 'destroy';
  }
}

/** Resolves method + path (+ query) into verb, resource, namespace, name and effect class. */
export function classifyRequest(method: string, url: URL): KubeRequestInfo {
  const m = method.toUpperCase();
  const path = url.pathname;
  const watchQuery = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
  const parts = path.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') [group, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis') [group, version, rest] = [parts[1] ?? '', parts[2], parts.slice(3)];
  else {
    const base = { method: m, verb: verbOf(m, true, false), path };
    return { ...base, effect: effectOf(base) };
  }
  let watch = watchQuery;
  if (rest[0] === 'watch') [watch, rest] = [true, rest.slice(1)];
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  const info = {
    method: m,
    verb: resource === undefined ? verbOf(m, true, false) : verbOf(m, name !== undefined, watch),
    path, group,
    ...(version !== undefined ? { version } : {}),
    ...(resource !== undefined ? { resource } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    ...(namespace !== undefined && resource !== 'namespaces' ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
  };
  return { ...info, effect: effectOf(info) };
}

/** The gate declaration for a classified request: `delete namespaces` on `namespaces/pr-7`, `DELETE /api/v1/…`. */
export function declareRequest(info: KubeRequestInfo, url: URL): EffectDecl {
  const resource = info.resource === undefined ? undefined : info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const target = info.resource === undefined
    ? info.path
    : [info.namespace, info.resource, info.name, info.subresource].filter((p) => p !== undefined).join('/');
  const query = url.search ? safeDecode(url.search) : '';
  return {
    channel: 'kube',
    operation: `${info.verb} ${resource ?? info.path}`,
    target,
    effect: info.effect,
    command: `${info.method} ${info.path}${query}`,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
