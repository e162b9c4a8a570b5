// The /scale subresource of workloads: an autoscaling/v1 Scale view of spec.replicas, readable and writable.
import { asObject, commitUpdate } from './handle-write.js';
import { patchType, patchValue } from './handle-patch.js';
import type { ResourceDef } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { SimState } from './state.js';
import { badRequest, conflict, notFound } from './status.js';

type Rec = Record<string, unknown>;

// status.selector is the label selector in its string form, as `kubectl get --raw .../scale` shows it.
function selectorString(sel: unknown): string {
  const s = (sel ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  const labels = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const exprs = (s.matchExpressions ?? []).map((e) => {
    if (e.operator === 'Exists') return e.key;
    if (e.operator === 'DoesNotExist') return `!${e.key}`;
    return `${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`;
  });
  return [...labels, ...exprs].join(',');
}

/** The Scale object for a workload. */
export function toScale(obj: KubeObject): Rec {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const spec = (obj.spec ?? {}) as Rec;
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 1 },
    status: { replicas: Number(((obj.status ?? {}) as Rec).replicas ?? 0), selector: selectorString(spec.selector) },
  };
}

function load(state: SimState, d: ResourceDef, ns: string | undefined, name: string): KubeObject {
  const obj = state.store.get(d, ns, name);
  if (!obj) throw notFound(d, name);
  return obj;
}

/** GET .../scale */
export function getScale(state: SimState, d: ResourceDef, ns: string | undefined, name: string): Rec {
  return toScale(load(state, d, ns, name));
}

/** PUT or PATCH .../scale: the new spec.replicas lands on the workload (generation bumps, as for any spec change). */
export function writeScale(state: SimState, d: ResourceDef, ns: string | undefined, name: string, req: { body: unknown; contentType?: string; manager: string }): Rec {
  const prev = load(state, d, ns, name);
  const current = toScale(prev);
  const next = asObject(req.contentType === undefined ? req.body : patchValue(patchType(d, req.contentType), 'Scale', current, req.body));
  const rv = next.metadata.resourceVersion;
  if (req.contentType === undefined && rv !== undefined && rv !== '' && rv !== prev.metadata.resourceVersion) throw conflict(d, name);
  const replicas = (next.spec as Rec | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) throw badRequest(`Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
  const updated = { ...prev, spec: { ...((prev.spec ?? {}) as Rec), replicas } };
  return toScale(commitUpdate(state, d, prev, updated, 'scale', req.manager));
}
