// How lists and maps of the built-in types merge: list keys for server-side apply, merge keys for strategic merge patch.
// Hand-written from the Kubernetes OpenAPI extensions (x-kubernetes-list-type/-map-keys, patchMergeKey/patchStrategy)
// for the fields the served types use; anything not described is a granular map or an atomic list, as for a CRD.

/** Merge behaviour of one field; children are looked up by field name (structs) or `elem` (list items, map values). */
export interface SchemaNode {
  fields?: Record<string, SchemaNode>;
  elem?: SchemaNode;
  /** Lists: `keys` = associative (SSA identity keys; `smpKey` is the strategic merge key), `set` = merged scalars. */
  list?: { keys: string[]; smpKey: string } | 'set' | 'atomic';
  /** A map replaced as a whole (e.g. label selectors). */
  atomicMap?: boolean;
}

/** Values the API server defaults into list keys before comparing items (ports without a protocol are TCP). */
export const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

const assoc = (keys: string[], elem: SchemaNode = {}, smpKey = keys[0] ?? ''): SchemaNode => ({ list: { keys, smpKey }, elem });
const SET: SchemaNode = { list: 'set' };
const ATOMIC_MAP: SchemaNode = { atomicMap: true };
const CONDITIONS = assoc(['type']);

const META: SchemaNode = { fields: { finalizers: SET, ownerReferences: assoc(['uid']) } };

const CONTAINER: SchemaNode = {
  fields: {
    env: assoc(['name']),
    ports: assoc(['containerPort', 'protocol'], {}, 'containerPort'),
    volumeMounts: assoc(['mountPath']),
    volumeDevices: assoc(['devicePath']),
    resizePolicy: assoc(['resourceName']),
  },
};

const POD_SPEC: SchemaNode = {
  fields: {
    containers: assoc(['name'], CONTAINER),
    initContainers: assoc(['name'], CONTAINER),
    ephemeralContainers: assoc(['name'], CONTAINER),
    volumes: assoc(['name']),
    imagePullSecrets: assoc(['name']),
    hostAliases: assoc(['ip']),
    topologySpreadConstraints: assoc(['topologyKey', 'whenUnsatisfiable'], {}, 'topologyKey'),
    resourceClaims: assoc(['name']),
    schedulingGates: assoc(['name']),
    nodeSelector: {},
  },
};

const TEMPLATE: SchemaNode = { fields: { metadata: META, spec: POD_SPEC } };
const POD_STATUS: SchemaNode = { fields: { conditions: CONDITIONS, podIPs: assoc(['ip']) } };
const WORKLOAD_STATUS: SchemaNode = { fields: { conditions: CONDITIONS } };

function workload(extra: Record<string, SchemaNode> = {}): SchemaNode {
  return { fields: { spec: { fields: { selector: ATOMIC_MAP, template: TEMPLATE, ...extra } }, status: WORKLOAD_STATUS } };
}

const JOB_SPEC: SchemaNode = { fields: { selector: ATOMIC_MAP, template: TEMPLATE } };

const KINDS: Record<string, SchemaNode> = {
  Pod: { fields: { spec: POD_SPEC, status: POD_STATUS } },
  Deployment: workload(),
  ReplicaSet: workload(),
  DaemonSet: workload(),
  StatefulSet: workload(),
  Job: { fields: { spec: JOB_SPEC, status: WORKLOAD_STATUS } },
  CronJob: { fields: { spec: { fields: { jobTemplate: { fields: { metadata: META, spec: JOB_SPEC } } } } } },
  Service: {
    fields: {
      spec: { fields: { ports: assoc(['port', 'protocol'], {}, 'port'), selector: ATOMIC_MAP } },
      status: { fields: { conditions: CONDITIONS } },
    },
  },
  ServiceAccount: { fields: { secrets: assoc(['name']) } },
  Namespace: { fields: { status: WORKLOAD_STATUS } },
};

/** The schema of a whole object of `kind` (metadata included); custom and unknown kinds get only metadata rules. */
export function schemaFor(kind: string): SchemaNode {
  const k = KINDS[kind];
  return { fields: { ...(k?.fields ?? {}), metadata: META } };
}

/** The node for field `key` of a struct node (undefined = granular map / atomic list). */
export function childOf(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  return node?.fields?.[key];
}

/** An associative list's identity of `item`: its key fields, defaulted, in sorted order (as `k:` path elements spell it). */
export function itemKey(keys: string[], item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...keys].sort()) {
    const v = item[k] ?? KEY_DEFAULTS[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
