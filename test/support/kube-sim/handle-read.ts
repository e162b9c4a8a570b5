// get, list (with selectors and limit/continue) and the pod log subresource.
import { apiVersionOf, type ResourceDef } from './resources.js';
import { fieldMatcher, labelMatcher, type KubeObject } from './selectors.js';
import { logKey, type SimState } from './state.js';
import { badRequest, notFound } from './status.js';

/** Reads one object, counting the read for any script on it. */
export function handleGet(state: SimState, d: ResourceDef, ns: string | undefined, name: string): KubeObject {
  const obj = state.store.get(d, ns, name);
  if (!obj) throw notFound(d, name);
  return state.store.observe(d, obj);
}

// Items of built-in lists carry no apiVersion/kind on the wire; custom resources' items do.
function listItem(d: ResourceDef, obj: KubeObject): KubeObject {
  if (d.custom) return obj;
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest as KubeObject;
}

/** Lists a type in one namespace or all, honouring labelSelector, fieldSelector, limit and continue. */
export function handleList(state: SimState, d: ResourceDef, ns: string | undefined, q: URLSearchParams): Record<string, unknown> {
  const byLabel = labelMatcher(q.get('labelSelector'));
  const byField = fieldMatcher(q.get('fieldSelector'), d.plural);
  let items = state.store.list(d, ns).filter((o) => byLabel(o) && byField(o));
  const start = q.get('continue') ? Number(Buffer.from(q.get('continue') ?? '', 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw badRequest('invalid continue token');
  const limit = Number(q.get('limit') ?? 0);
  const end = limit > 0 ? start + limit : items.length;
  const more = end < items.length;
  const remaining = items.length - end;
  items = items.slice(start, end).map((o) => state.store.observe(d, o));
  return {
    kind: `${d.kind}List`,
    apiVersion: apiVersionOf(d),
    metadata: {
      resourceVersion: state.store.currentRv(),
      ...(more ? { continue: Buffer.from(String(end)).toString('base64url'), remainingItemCount: remaining } : {}),
    },
    items: items.map((o) => listItem(d, o)),
  };
}

/** GET pods/<name>/log: current or previous (`previous=true`) text, `container` and `tailLines` honoured. */
export function handleLog(state: SimState, d: ResourceDef, ns: string, name: string, q: URLSearchParams): string {
  const pod = state.store.get(d, ns, name);
  if (!pod) throw notFound(d, name);
  const containers = ((pod.spec as { containers?: Array<{ name?: string }> } | undefined)?.containers ?? []).map((c) => String(c.name));
  let container = q.get('container') ?? undefined;
  if (container === undefined) {
    if (containers.length > 1) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
    container = containers[0] ?? 'app';
  } else if (containers.length > 0 && !containers.includes(container)) {
    throw badRequest(`container ${container} is not valid for pod ${name}`);
  }
  const logs = state.logs.get(logKey(ns, name, container));
  let text = logs?.current ?? '';
  if (q.get('previous') === 'true') {
    if (logs?.previous === undefined) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    text = logs.previous;
  }
  const tail = q.get('tailLines');
  if (tail !== null) {
    const lines = text.split('\n');
    const trailing = lines.at(-1) === '' ? lines.pop() !== undefined : false;
    const kept = lines.slice(Math.max(0, lines.length - Number(tail)));
    text = kept.length > 0 ? kept.join('\n') + (trailing ? '\n' : '') : '';
  }
  return text;
}
