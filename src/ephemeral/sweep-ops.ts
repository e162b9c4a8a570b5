// Per-type operations of the sweep: read a resource again right before deleting it (fresh tags and state),
// delete it through its facade (through the effect gate), and tell whether it is gone yet.
import type { Aws, DeleteSecretMode } from '../aws/index.js';
import { isAwsNotFound } from '../aws/index.js';
import type { Performed } from '../core/effects.js';
import { tagsOf } from './elbv2-scan.js';
import type { PlanResource, ResourceType } from './resources.js';

/** What the sweep does with one resource type. */
export interface TypeOps {
  /** Fresh copies of the resources (tags, status), or the error reading one; a missing id means it is gone. */
  refresh(rs: readonly PlanResource[]): Promise<Map<string, PlanResource | ReadFailed>>;
  /** The delete call; `skip` instead when the fresh state says no call is needed (already scheduled, state not empty). */
  remove(r: PlanResource): Promise<Performed<unknown> | { skip: string; result: 'scheduled' | 'skipped' }>;
  /** Whether the resource is gone (a secret scheduled for deletion counts as gone). */
  gone(r: PlanResource): Promise<boolean>;
  /** The sweep waits until a deleted resource is gone before the next phase (EKS deletes take minutes). */
  wait: boolean;
}

/** A re-read that failed (access denied, throttled past retries): that resource is not deleted. */
export interface ReadFailed {
  readFailed: unknown;
}

const absent = <T>(p: Promise<T>): Promise<T | undefined> => p.catch((e: unknown) => (isAwsNotFound(e) ? undefined : Promise.reject(e)));

/** Reads each resource with `read` (undefined = gone) and merges what it says into the planned node. */
async function each(rs: readonly PlanResource[], read: (r: PlanResource) => Promise<Partial<PlanResource> | undefined>): Promise<Map<string, PlanResource | ReadFailed>> {
  const out = new Map<string, PlanResource | ReadFailed>();
  for (const r of rs) {
    try {
      const fresh = await read(r);
      if (fresh) out.set(r.id, { ...r, ...fresh });
    } catch (error) {
      out.set(r.id, { readFailed: error });
    }
  }
  return out;
}

/** Managed (non-data) resources a Terraform state still tracks; undefined when the text is not a state. */
export function managedResourceCount(stateText: string): number | undefined {
  try {
    const doc = JSON.parse(stateText) as { resources?: Array<{ mode?: string }> };
    if (typeof doc !== 'object' || doc === null || !('version' in doc)) return undefined;
    return (doc.resources ?? []).filter((r) => r.mode !== 'data').length;
  } catch {
    return undefined;
  }
}

/** The sweep's operations per type over the run's AWS facades. */
export function typeOps(aws: Aws, secretMode: DeleteSecretMode): Record<Exclude<ResourceType, 'other'>, TypeOps> {
  const elbv2Refresh = async (rs: readonly PlanResource[]): Promise<Map<string, PlanResource | ReadFailed>> => {
    let tags: Map<string, Record<string, string>>;
    try {
      tags = await tagsOf(aws.elbv2, rs.map((r) => r.id));
    } catch (error) {
      return new Map(rs.map((r) => [r.id, { readFailed: error }]));
    }
    return new Map(rs.flatMap((r) => (tags.has(r.id) ? [[r.id, { ...r, tags: tags.get(r.id)! }] as const] : [])));
  };
  return {
    'eks:nodegroup': {
      refresh: (rs) => each(rs, async (r) => {
        const g = await absent(aws.eks.describeNodegroup(r.cluster ?? '', r.name));
        return g && { tags: g.tags, status: g.status };
      }),
      remove: (r) => aws.eks.deleteNodegroup(r.cluster ?? '', r.name),
      gone: async (r) => (await absent(aws.eks.describeNodegroup(r.cluster ?? '', r.name))) === undefined,
      wait: true,
    },
    // No wait: the target group phase retries ResourceInUse until the load balancer has let go, and verify looks again.
    'elbv2:loadbalancer': { refresh: elbv2Refresh, remove: (r) => aws.elbv2.deleteLoadBalancer(r.id), gone: async (r) => (await absent(aws.elbv2.describeLoadBalancers({ arns: [r.id] }))) === undefined, wait: false },
    'elbv2:targetgroup': { refresh: elbv2Refresh, remove: (r) => aws.elbv2.deleteTargetGroup(r.id), gone: async (r) => (await absent(aws.elbv2.describeTargetGroups({ arns: [r.id] }))) === undefined, wait: false },
    'eks:cluster': {
      refresh: (rs) => each(rs, async (r) => {
        const c = await absent(aws.eks.describeCluster(r.name));
        return c && { tags: c.tags, status: c.status };
      }),
      remove: (r) => aws.eks.deleteCluster(r.name),
      gone: async (r) => (await absent(aws.eks.describeCluster(r.name))) === undefined,
      wait: true,
    },
    'secretsmanager:secret': {
      refresh: (rs) => each(rs, async (r) => {
        const s = await absent(aws.secretsManager.describeSecret(r.id));
        return s && { tags: s.tags, ...(s.deletedAt ? { status: 'scheduled' } : { status: undefined }) };
      }),
      // A secret already scheduled is left to its window, unless the config asks for immediate deletion.
      remove: async (r) => (r.status === 'scheduled' && !('force' in secretMode) ? { skip: 'already scheduled for deletion', result: 'scheduled' as const } : aws.secretsManager.deleteSecret(r.id, secretMode)),
      gone: async (r) => {
        const s = await absent(aws.secretsManager.describeSecret(r.id));
        return s === undefined || s.deletedAt !== undefined;
      },
      wait: false,
    },
    's3:object': {
      refresh: (rs) => each(rs, async (r) => {
        const [bucket, ...key] = r.id.slice('s3://'.length).split('/');
        const got = await absent(aws.s3.getObjectText({ bucket: bucket ?? '', key: key.join('/') }));
        return got && { status: String(managedResourceCount(got.text) ?? 'unreadable') };
      }),
      // An empty state records nothing; one that still tracks resources is the only map of what Terraform made.
      remove: async (r) => {
        if (r.status !== '0') return { skip: r.status === 'unreadable' ? 'it is not a readable Terraform state' : `the state still tracks ${r.status} resource(s): terraform destroy did not finish`, result: 'skipped' as const };
        const [bucket, ...key] = r.id.slice('s3://'.length).split('/');
        return aws.s3.deleteObject({ bucket: bucket ?? '', key: key.join('/') });
      },
      gone: async (r) => {
        const [bucket, ...key] = r.id.slice('s3://'.length).split('/');
        return (await absent(aws.s3.headObject({ bucket: bucket ?? '', key: key.join('/') }))) === undefined;
      },
      wait: false,
    },
  };
}
