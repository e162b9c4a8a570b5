// Deep-copied views of the state, per kind (sim.list) and whole (GET /_sim/state), that tests and other processes read.
import type { Cluster, Listener, LoadBalancer, Nodegroup, Secret, TargetGroup, Tags } from './model.js';
import type { SimState } from './state.js';

/** A bucket as list('s3:bucket') shows it. */
export interface BucketView {
  name: string;
  createdAt: Date;
  versioning: 'Enabled' | 'Suspended' | undefined;
  tags: Tags;
  objectCount: number;
}

/** An object as list('s3:object') shows it: the body as UTF-8 text (Terraform state is JSON). */
export interface S3ObjectView {
  bucket: string;
  key: string;
  body: string;
  size: number;
  etag: string;
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
  checksum: { algorithm: string; value: string } | undefined;
}

/** Resource kinds that list() can snapshot, with their record types. */
export interface KindMap {
  'elbv2:loadbalancer': LoadBalancer;
  'elbv2:listener': Listener;
  'elbv2:targetgroup': TargetGroup;
  'eks:cluster': Cluster;
  'eks:nodegroup': Nodegroup;
  'secretsmanager:secret': Secret;
  's3:bucket': BucketView;
  's3:object': S3ObjectView;
}

/** Every kind list() accepts, in the order GET /_sim/state shows them. */
export const KINDS = ['elbv2:loadbalancer', 'elbv2:listener', 'elbv2:targetgroup', 'eks:cluster', 'eks:nodegroup', 'secretsmanager:secret', 's3:bucket', 's3:object'] as const satisfies readonly (keyof KindMap)[];

function views(state: SimState, kind: keyof KindMap): readonly unknown[] {
  switch (kind) {
    case 'elbv2:loadbalancer': return state.loadBalancers.all();
    case 'elbv2:listener': return state.listeners.all();
    case 'elbv2:targetgroup': return state.targetGroups.all();
    case 'eks:cluster':
    case 'eks:nodegroup':
      // A time-based DELETING countdown ends whether or not anything reads the resource.
      state.expireDeleting(Date.now());
      return kind === 'eks:cluster' ? state.clusters.all() : state.nodegroups.all();
    case 'secretsmanager:secret': return state.secrets.all();
    case 's3:bucket': return state.buckets.all().map((b) => ({ name: b.name, createdAt: b.createdAt, versioning: b.versioning, tags: b.tags, objectCount: b.objects.size }));
    case 's3:object':
      return state.buckets.all().flatMap((b) => [...b.objects.values()].sort((x, y) => (x.key < y.key ? -1 : 1)).map((o) => ({
        bucket: b.name, key: o.key, body: o.body.toString('utf8'), size: o.body.length, etag: o.etag, lastModified: o.lastModified,
        contentType: o.contentType, metadata: o.metadata, checksum: o.checksum,
      })));
  }
}

/** A deep copy of every resource of one kind, in listing order. */
export function listKind<K extends keyof KindMap>(state: SimState, kind: K): KindMap[K][] {
  if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`unknown kind '${kind}' (one of ${KINDS.join(', ')})`);
  return structuredClone([...views(state, kind)]) as KindMap[K][];
}

/** Every kind at once, for GET /_sim/state. */
export function snapshotResources(state: SimState): Record<keyof KindMap, unknown[]> {
  return Object.fromEntries(KINDS.map((k) => [k, listKind(state, k)])) as Record<keyof KindMap, unknown[]>;
}
