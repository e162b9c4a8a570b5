// Routes one authenticated request to discovery or a resource handler and returns the reply to send.
import { discovery } from './discovery.js';
import { handleGet, handleList, handleLog } from './handle-read.js';
import { patchObject } from './handle-patch.js';
import { createObject, deleteCollection, deleteObject, reviewAccess, updateObject } from './handle-write.js';
import type { RequestAttrs } from './router.js';
import type { KubeObject } from './selectors.js';
import type { SimState } from './state.js';
import { methodNotAllowed, pathNotFound } from './status.js';
import { toTable } from './table.js';

/** A response before serialisation. */
export interface Reply {
  code: number;
  body: unknown;
  contentType?: string;
}

/** The parts of the HTTP request handlers need. */
export interface Incoming {
  query: URLSearchParams;
  body: unknown;
  contentType: string;
  accept: string;
  serverAddress: string;
}

function asTable(attrs: RequestAttrs, reply: Reply, inc: Incoming, rv: string): Reply {
  if (!inc.accept.includes('as=Table') || !attrs.def) return reply;
  const body = reply.body as Record<string, unknown>;
  const items = (attrs.verb === 'list' ? (body.items as KubeObject[]) : [body as KubeObject]);
  const full = inc.query.get('includeObject') === 'Object';
  return { code: reply.code, body: toTable(attrs.def.kind, items, rv, full) };
}

/** Serves discovery, then the resource verbs; unknown paths and verbs fail closed. */
export function dispatch(state: SimState, attrs: RequestAttrs, inc: Incoming): Reply {
  const d = attrs.def;
  if (!d) {
    const doc = attrs.verb === 'get' && attrs.resource === undefined ? discovery(attrs.path, inc.serverAddress) : undefined;
    if (!doc) throw pathNotFound(attrs.path);
    return { code: 200, body: doc };
  }
  const ns = d.namespaced ? attrs.namespace : undefined;
  const name = attrs.name ?? '';
  const sub = attrs.subresource;
  if (!d.verbs.includes(attrs.verb) && !(attrs.verb === 'get' && sub === 'log')) throw methodNotAllowed(attrs.verb, d);
  if (sub !== undefined && !(d.subresources ?? []).includes(sub)) throw pathNotFound(attrs.path);
  if (sub === 'log') {
    if (attrs.verb !== 'get') throw methodNotAllowed(attrs.verb, d);
    return { code: 200, body: handleLog(state, d, ns ?? '', name, inc.query), contentType: 'text/plain' };
  }
  switch (attrs.verb) {
    case 'get': return asTable(attrs, { code: 200, body: handleGet(state, d, ns, name) }, inc, state.store.currentRv());
    case 'list': return asTable(attrs, { code: 200, body: handleList(state, d, ns, inc.query) }, inc, state.store.currentRv());
    case 'create':
      return { code: 201, body: d.virtual ? reviewAccess(state, inc.body) : createObject(state, d, ns, inc.body) };
    case 'update': return { code: 200, body: updateObject(state, d, ns, name, inc.body, sub) };
    case 'patch': {
      const r = patchObject(state, d, ns, name, { contentType: inc.contentType, body: inc.body, fieldManager: inc.query.get('fieldManager'), ...(sub ? { subresource: sub } : {}) });
      return { code: r.code, body: r.obj };
    }
    case 'delete': return { code: 200, body: deleteObject(state, d, ns, name) };
    case 'deletecollection': return { code: 200, body: deleteCollection(state, d, ns, inc.query) };
    default: throw methodNotAllowed(attrs.verb, d);
  }
}
