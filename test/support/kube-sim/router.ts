// Maps an HTTP method and URL path to Kubernetes request attributes (verb, resource, namespace, name).
import { findByPlural, type ResourceDef } from './resources.js';

/** What the API server's request-info resolver would derive from a request. */
export interface RequestAttrs {
  verb: string;
  path: string;
  /** Set for resource requests; discovery and /version leave it undefined. */
  def?: ResourceDef;
  group?: string;
  version?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function verbFor(method: string, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET': return watch ? 'watch' : named ? 'get' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return named ? 'delete' : 'deletecollection';
    default: return method.toLowerCase();
  }
}

/** Resolves a request; unknown resources keep `resource` set but `def` undefined so the caller can 404. */
export function route(method: string, path: string, query: URLSearchParams): RequestAttrs {
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') [group, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis') [group, version, rest] = [parts[1] ?? '', parts[2], parts.slice(3)];
  else return { verb: method === 'GET' ? 'get' : method.toLowerCase(), path };
  if (version === undefined || rest.length === 0) return { verb: method === 'GET' ? 'get' : method.toLowerCase(), path, group, ...(version ? { version } : {}) };
  // The deprecated /watch/ prefix (…/v1/watch/namespaces/ns/pods) is a watch of what follows.
  const legacyWatch = rest[0] === 'watch';
  if (legacyWatch) rest = rest.slice(1);

  let namespace: string | undefined;
  // /namespaces/<ns>/<plural>/... is namespaced unless <plural> is a namespace subresource (status, finalize).
  if (rest[0] === 'namespaces' && rest.length >= 3 && findByPlural(group, version, rest[2] ?? '')?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  const def = findByPlural(group, version, resource);
  const verb = verbFor(method, name !== undefined, legacyWatch || query.get('watch') === 'true' || query.get('watch') === '1');
  return {
    verb, path, group, version, resource,
    ...(def ? { def } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}
