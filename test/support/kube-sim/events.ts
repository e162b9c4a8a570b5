// core/v1 Events that point at their object by uid, so `kubectl describe` (which selects on involvedObject.uid) shows them.
import { randomBytes } from 'node:crypto';
import { apiVersionOf, resolveKind, type ResourceDef } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { Store } from './store.js';

/** What an event says; `type` defaults to Normal, `component` to the controller that would have written it. */
export interface EventSpec {
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  component?: string;
  count?: number;
}

const EVENT = resolveKind('Event') as ResourceDef;

function stamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Stores an Event about `obj` (in its namespace, or "default" for cluster-scoped objects) and returns it. */
export function recordEvent(store: Store, d: ResourceDef, obj: KubeObject, e: EventSpec): KubeObject {
  const namespace = obj.metadata.namespace ?? 'default';
  const now = stamp();
  const component = e.component ?? 'kube-sim';
  return store.save(EVENT, {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${obj.metadata.name}.${randomBytes(8).toString('hex')}`, namespace },
    involvedObject: {
      kind: d.kind, apiVersion: apiVersionOf(d), name: obj.metadata.name, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    },
    reason: e.reason, message: e.message, type: e.type ?? 'Normal', count: e.count ?? 1,
    firstTimestamp: now, lastTimestamp: now, source: { component }, reportingComponent: component, reportingInstance: '',
  });
}

/** Fills `involvedObject.uid` (and apiVersion) of a fixture event from the object it names, and missing timestamps. */
export function linkEvent(store: Store, ev: KubeObject): KubeObject {
  const ref = (ev.involvedObject ?? {}) as Record<string, unknown>;
  if (!ev.lastTimestamp && !ev.eventTime) {
    const t = stamp();
    return linkEvent(store, { ...ev, firstTimestamp: ev.firstTimestamp ?? t, lastTimestamp: t });
  }
  if (ref.uid || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return ev;
  const d = resolveKind(ref.kind, typeof ref.apiVersion === 'string' ? ref.apiVersion : undefined);
  if (!d || d.virtual) return ev;
  const ns = typeof ref.namespace === 'string' ? ref.namespace : ev.metadata.namespace;
  const target = store.get(d, d.namespaced ? ns : undefined, ref.name);
  if (!target) return ev;
  return { ...ev, involvedObject: { ...ref, uid: target.metadata.uid, apiVersion: apiVersionOf(d), ...(d.namespaced ? { namespace: ns } : {}) } };
}
