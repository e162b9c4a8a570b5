// Watch: a chunked stream of JSON events (ADDED/MODIFIED/DELETED, BOOKMARK, ERROR) fed by the store's change feed.
import type { ServerResponse } from 'node:http';
import { apiVersionOf, type ResourceDef } from './resources.js';
import { fieldMatcher, labelMatcher, type KubeObject, type Matcher } from './selectors.js';
import type { SimState } from './state.js';
import { KubeError, badRequest, statusBody } from './status.js';
import type { StoreEvent } from './store.js';
import { toTable } from './table.js';

/** What one watch request asks for. */
export interface WatchRequest {
  def: ResourceDef;
  namespace?: string;
  /** Set when the URL names one object (the deprecated `GET .../<name>?watch=1`). */
  name?: string;
  query: URLSearchParams;
  /** `Accept: ...;as=Table`: event objects are one-row Tables, as `kubectl get -w` asks. */
  table: boolean;
  /** How often an idle watch with `allowWatchBookmarks=true` gets a BOOKMARK. */
  bookmarkMs: number;
}

type Json = Record<string, unknown>;

function matcher(w: WatchRequest): Matcher {
  const byLabel = labelMatcher(w.query.get('labelSelector'));
  const byField = fieldMatcher(w.query.get('fieldSelector'), w.def.plural);
  return (o) => (w.namespace === undefined || o.metadata.namespace === w.namespace) && (w.name === undefined || o.metadata.name === w.name) && byLabel(o) && byField(o);
}

// An object leaving the selection is DELETED for this watcher, one entering it is ADDED, as the watch cache reports.
function translate(e: StoreEvent, match: Matcher): { type: string; obj: KubeObject } | undefined {
  const now = e.type !== 'DELETED' && match(e.obj);
  const before = e.prev !== undefined && match(e.prev);
  if (e.type === 'DELETED') return before ? { type: 'DELETED', obj: e.obj } : undefined;
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', obj: e.obj };
  return before ? { type: 'DELETED', obj: e.obj } : undefined;
}

/** Validates the watch parameters before the 200 is sent, so mistakes come back as a Status, not a broken stream. */
export function checkWatch(w: WatchRequest): void {
  matcher(w); // throws 400 on a bad selector
  const t = w.query.get('timeoutSeconds');
  if (t !== null && !/^\d+$/.test(t)) throw badRequest(`invalid timeoutSeconds: ${t}`);
  const rv = w.query.get('resourceVersion');
  if (rv && !/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
  if (w.query.get('sendInitialEvents') === 'true' && w.query.get('allowWatchBookmarks') !== 'true') {
    throw new KubeError(422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: allowWatchBookmarks: Forbidden: allowWatchBookmarks must be true when sendInitialEvents is set');
  }
}

/** Streams events until the client goes away, `timeoutSeconds` passes or the simulator stops. */
export function serveWatch(state: SimState, w: WatchRequest, res: ServerResponse): void {
  const match = matcher(w);
  const q = w.query;
  const full = q.get('includeObject') === 'Object';
  const write = (type: string, obj: Json): void => {
    const rv = String((obj.metadata as Json | undefined)?.resourceVersion ?? state.store.currentRv());
    const object = w.table && type !== 'BOOKMARK' && type !== 'ERROR' ? toTable(w.def.kind, [obj as KubeObject], rv, full) : obj;
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const bookmark = (annotations?: Record<string, string>): void =>
    write('BOOKMARK', { kind: w.def.kind, apiVersion: apiVersionOf(w.def), metadata: { resourceVersion: state.store.currentRv(), ...(annotations ? { annotations } : {}) } });

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders(); // clients wait for the headers before they read events; an idle watch must still have them
  const rvParam = q.get('resourceVersion');
  const initial = q.get('sendInitialEvents') === 'true' || !rvParam || rvParam === '0';
  if (initial) {
    for (const o of state.store.list(w.def, w.namespace)) if (match(o)) write('ADDED', o);
    if (q.get('sendInitialEvents') === 'true') bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const from = Number(rvParam);
    if (from < state.store.oldestRv()) {
      write('ERROR', statusBody(new KubeError(410, 'Expired', `too old resource version: ${from} (${state.store.oldestRv() + 1})`)));
      res.end();
      return;
    }
    for (const e of state.store.eventsSince(from)) if (e.def === w.def) {
      const t = translate(e, match);
      if (t) write(t.type, t.obj);
    }
  }
  const unsubscribe = state.store.subscribe((e) => {
    if (e.def !== w.def) return;
    const t = translate(e, match);
    if (t) write(t.type, t.obj);
  });
  const timers: NodeJS.Timeout[] = [];
  if (q.get('allowWatchBookmarks') === 'true' && !w.table) timers.push(setInterval(() => bookmark(), w.bookmarkMs));
  const timeout = q.get('timeoutSeconds');
  if (timeout !== null) timers.push(setTimeout(() => res.end(), Number(timeout) * 1000));
  res.once('close', () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
  });
}
