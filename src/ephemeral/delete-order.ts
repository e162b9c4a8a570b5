// The deletion order and its dependency edges. Nodegroups go first (the Load Balancer Controller loses its nodes
// and cannot recreate what we delete next), then load balancers (their listeners go with them), then target
// groups, then the cluster — kept until after ELBv2 so a re-run after an interruption still finds the VPC that
// anchors the controller's resources — then secrets, and the Terraform state object last.
import type { Edge, PlanResource, ResourceType } from './resources.js';

/** One sweep phase: a step that deletes every resource of its type. */
export interface Phase {
  name: string;
  type: ResourceType;
}

/** The sweep's phases in order. */
export const PHASES: readonly Phase[] = [
  { name: 'delete nodegroups', type: 'eks:nodegroup' },
  { name: 'delete load balancers', type: 'elbv2:loadbalancer' },
  { name: 'delete target groups', type: 'elbv2:targetgroup' },
  { name: 'delete cluster', type: 'eks:cluster' },
  { name: 'delete secrets', type: 'secretsmanager:secret' },
  { name: 'delete state object', type: 's3:object' },
];

/** The hard dependencies among found resources: a nodegroup before its cluster, a load balancer before the target groups it forwards to. */
export function dependencyEdges(resources: readonly PlanResource[]): Edge[] {
  const edges: Edge[] = [];
  const clusters = new Map(resources.filter((r) => r.type === 'eks:cluster').map((r) => [r.name, r.id] as const));
  for (const r of resources) {
    if (r.type === 'eks:nodegroup' && r.cluster !== undefined) {
      const cluster = clusters.get(r.cluster);
      if (cluster) edges.push({ before: r.id, after: cluster });
    }
    if (r.type === 'elbv2:targetgroup') for (const lb of r.usedBy ?? []) edges.push({ before: lb, after: r.id });
  }
  return edges.sort((a, b) => a.before.localeCompare(b.before) || a.after.localeCompare(b.after));
}

/**
 * Resources the plan would delete that cannot be, because something they depend on stays: a nodegroup that is not
 * deleted keeps its cluster, a load balancer that is not ours (or not deleted) keeps its target groups in use.
 */
export function blockedBy(resources: readonly PlanResource[], edges: readonly Edge[]): Map<string, string> {
  const byId = new Map(resources.map((r) => [r.id, r] as const));
  const blocked = new Map<string, string>();
  // Blocking propagates along edges (a blocked nodegroup blocks nothing further today, but keep it general).
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edges) {
      const after = byId.get(e.after);
      if (!after || after.action !== 'delete' || blocked.has(after.id)) continue;
      const before = byId.get(e.before);
      const why = !before
        ? `it is used by ${e.before}, which is not part of this environment`
        : before.action !== 'delete'
          ? `it depends on ${before.type} ${before.name}, which is ${before.action}`
          : blocked.has(before.id)
            ? `it depends on ${before.type} ${before.name}, which cannot be deleted`
            : undefined;
      if (why) {
        blocked.set(after.id, why);
        changed = true;
      }
    }
  }
  return blocked;
}
