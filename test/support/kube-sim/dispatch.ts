// Routes one authenticated request to discovery, OpenAPI or a resource handler and returns the reply to send.
import { discovery } from './discovery.js';
import { handleGet, handleList, handleLog } from './handle-read.js';
import { patchObject } from './handle-patch.js';
import { createObject, deleteCollection, deleteObject, reviewAccess, updateObject, type Preconditions } from './handle-write.js';
import { managerOf } from './managed-fields.js';
import { openapiV3 } from './openapi.js';
import type { RequestAttrs } from './router.js';
import { getScale, writeScale } from './scale.js';
import type { KubeObject } from './selectors.js';
import type { SimState } from './state.js';
import { badRequest, methodNotAllowed, pathNotFound } from './status.js';
import { toTable } from './table.js';
import { checkWatch, type WatchRequest } from './watch.js';

/** A response before serialisation; `watch` means "stream this watch" instead of a body. */
export interface Reply {
  code: number;
  body: unknown;
  contentType?: string;
  watch?: WatchRequest;
}

/** The parts of the HTTP request handlers need. */
export interface Incoming {
  query: URLSearchParams;
  body: unknown;
  contentType: string;
  accept: string;
  serverAddress: string;
  userAgent?: string;
  /** BOOKMARK interval for watches that allow bookmarks. */
  bookmarkMs?: number;
}

function asTable(attrs: RequestAttrs, reply: Reply, inc: Incoming, rv: string): Reply {
  if (!inc.accept.includes('as=Table') || !attrs.def) return reply;
  const body = reply.body as Record<string, unknown>;
  const items = (attrs.verb === 'list' ? (body.items as KubeObject[]) : [body as KubeObject]);
  const full = inc.query.get('includeObject') === 'Object';
  return { code: reply.code, body: toTable(attrs.def.kind, items, rv, full) };
}

type Rec = Record<string, unknown>;

// dryRun comes as a query parameter, or inside DeleteOptions for deletes; "All" is the only value the API accepts.
function isDryRun(inc: Incoming, verb: string): boolean {
  const fromBody = verb.startsWith('delete') ? ((inc.body as Rec | undefined)?.dryRun as unknown) : undefined;
  const values = [...inc.query.getAll('dryRun'), ...(Array.isArray(fromBody) ? fromBody.map(String) : [])];
  for (const v of values) if (v !== 'All') throw badRequest(`Invalid value: "${v}": supported values: "All"`);
  return values.length > 0;
}

function preconditions(body: unknown): Preconditions {
  const p = ((body as Rec | undefined)?.preconditions ?? {}) as Rec;
  return { ...(typeof p.uid === 'string' ? { uid: p.uid } : {}), ...(typeof p.resourceVersion === 'string' ? { resourceVersion: p.resourceVersion } : {}) };
}

/** Serves discovery and OpenAPI, then the resource verbs; unknown paths and verbs fail closed. */
export function dispatch(state: SimState, attrs: RequestAttrs, inc: Incoming): Reply {
  const d = attrs.def;
  if (!d) {
    const doc = attrs.verb === 'get' && attrs.resource === undefined ? (discovery(attrs.path, inc.serverAddress) ?? openapiV3(attrs.path)) : undefined;
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
  if (attrs.verb === 'watch') {
    const watch: WatchRequest = {
      def: d, query: inc.query, table: inc.accept.includes('as=Table'), bookmarkMs: inc.bookmarkMs ?? 1000,
      ...(ns !== undefined ? { namespace: ns } : {}), ...(attrs.name !== undefined ? { name: attrs.name } : {}),
    };
    checkWatch(watch);
    return { code: 200, body: undefined, watch };
  }
  const manager = managerOf(inc.query.get('fieldManager'), inc.userAgent ?? '');
  const write = (fn: () => Reply): Reply => (isDryRun(inc, attrs.verb) ? state.store.dryRun(fn) : fn());
  switch (attrs.verb) {
    case 'get':
      if (sub === 'scale') return { code: 200, body: getScale(state, d, ns, name) };
      return asTable(attrs, { code: 200, body: handleGet(state, d, ns, name) }, inc, state.store.currentRv());
    case 'list': return asTable(attrs, { code: 200, body: handleList(state, d, ns, inc.query) }, inc, state.store.currentRv());
    case 'create':
      return write(() => ({ code: 201, body: d.virtual ? reviewAccess(state, inc.body) : createObject(state, d, ns, inc.body, manager) }));
    case 'update':
      if (sub === 'scale') return write(() => ({ code: 200, body: writeScale(state, d, ns, name, { body: inc.body, manager }) }));
      return write(() => ({ code: 200, body: updateObject(state, d, ns, name, inc.body, sub, manager) }));
    case 'patch':
      if (sub === 'scale') return write(() => ({ code: 200, body: writeScale(state, d, ns, name, { body: inc.body, contentType: inc.contentType, manager }) }));
      return write(() => {
        const r = patchObject(state, d, ns, name, {
          contentType: inc.contentType, body: inc.body, fieldManager: inc.query.get('fieldManager'), manager,
          force: inc.query.get('force') === 'true', ...(sub ? { subresource: sub } : {}),
        });
        return { code: r.code, body: r.obj };
      });
    case 'delete': return write(() => ({ code: 200, body: deleteObject(state, d, ns, name, preconditions(inc.body)) }));
    case 'deletecollection': return write(() => ({ code: 200, body: deleteCollection(state, d, ns, inc.query) }));
    default: throw methodNotAllowed(attrs.verb, d);
  }
}
