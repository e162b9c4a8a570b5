// The cleanup plan `{ identity, resources[], edges[], hash }`: every judged resource with its evidence, the
// dependency edges, the blast-radius verdict, and a content hash over all of it.
import { createHash } from 'node:crypto';
import { blockedBy, dependencyEdges } from './delete-order.js';
import type { Edge, PlanResource } from './resources.js';

/** Who planned, where, and for which environment; `--plan` refuses a plan whose account, region or env differ. */
export interface PlanIdentity {
  account: string;
  callerArn: string;
  region: string;
  env: string;
}

export interface Plan {
  version: 1;
  identity: PlanIdentity;
  createdAt: string;
  expiresAt: string;
  toolVersion: string;
  resources: PlanResource[];
  edges: Edge[];
  /** Planned deletes that a dependency keeps (id → why). */
  blocked: Record<string, string>;
  /** Set when the plan exceeds the blast-radius caps: the whole apply is refused. */
  refusal?: string;
  /** `sha256:<hex>` over the canonical JSON of every other field. */
  hash: string;
}

/** What buildPlan needs besides the judged resources. */
export interface PlanMeta {
  identity: PlanIdentity;
  now: Date;
  ttlMinutes: number;
  toolVersion: string;
  /** Config `ephemeral.maxLoadBalancers`. */
  maxLoadBalancers: number;
}

/** Builds the plan from judged resources (sorted, so equal inventories give equal hashes). */
export function buildPlan(judged: readonly PlanResource[], meta: PlanMeta): Plan {
  const resources = [...judged].sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  const edges = dependencyEdges(resources);
  const refusal = blastRadius(resources, meta.maxLoadBalancers);
  const body: Omit<Plan, 'hash'> = {
    version: 1,
    identity: meta.identity,
    createdAt: meta.now.toISOString(),
    expiresAt: new Date(meta.now.getTime() + meta.ttlMinutes * 60_000).toISOString(),
    toolVersion: meta.toolVersion,
    resources,
    edges,
    blocked: Object.fromEntries([...blockedBy(resources, edges)].sort(([a], [b]) => a.localeCompare(b))),
    ...(refusal ? { refusal } : {}),
  };
  return { ...body, hash: planHash(body) };
}

/** The blast-radius verdict: more than one EKS cluster or more load balancers than the cap refuses everything. */
export function blastRadius(resources: readonly PlanResource[], maxLoadBalancers: number): string | undefined {
  const count = (type: PlanResource['type']) => resources.filter((r) => r.type === type && r.action === 'delete').length;
  const clusters = count('eks:cluster');
  const lbs = count('elbv2:loadbalancer');
  if (clusters > 1) return `the plan would delete ${clusters} EKS clusters; one environment has at most one`;
  if (lbs > maxLoadBalancers) return `the plan would delete ${lbs} load balancers; the cap is ${maxLoadBalancers} (ephemeral.maxLoadBalancers)`;
  return undefined;
}

/** `sha256:<hex>` of the canonical JSON (keys sorted at every level) of everything but `hash`. */
export function planHash(body: Omit<Plan, 'hash'> | (Record<string, unknown> & { hash?: unknown })): string {
  const { hash: _ignored, ...rest } = body as Record<string, unknown>;
  return `sha256:${createHash('sha256').update(canonicalJson(rest)).digest('hex')}`;
}

/** JSON with object keys sorted recursively (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The planned deletes that can happen: action delete, not blocked, and no blast-radius refusal. */
export function deletable(plan: Plan): PlanResource[] {
  if (plan.refusal) return [];
  return plan.resources.filter((r) => r.action === 'delete' && !(r.id in plan.blocked));
}
