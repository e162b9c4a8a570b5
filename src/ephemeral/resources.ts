// The resource model of a cleanup: what discovery found, how each resource is judged, and what happened to it.

/** The resource types the sweep can delete; anything else discovery finds is `other` (reported, never deleted). */
export type ResourceType = 'eks:nodegroup' | 'eks:cluster' | 'elbv2:loadbalancer' | 'elbv2:targetgroup' | 'secretsmanager:secret' | 's3:object' | 'other';

/** An independent piece of evidence that a resource belongs to the environment (an ELBv2 name never is one). */
export type Signal = 'env-tag' | 'controller-tag' | 'name' | 'member' | 'state-bucket';

/** delete: two signals, nothing against it. suspect: one signal (a warning). refused: protected, or tagged for
 * another environment. unsupported: a type the sweep cannot delete. */
export type Action = 'delete' | 'suspect' | 'refused' | 'unsupported';

/** A resource as discovery found it, before it is judged. */
export interface Found {
  /** The ARN, or `s3://bucket/key` for the Terraform state object. */
  id: string;
  type: ResourceType;
  name: string;
  tags: Record<string, string>;
  /** Every listing that returned it (`tagging:jetscale.env_id`, `elbv2:DescribeTags`, `eks:DescribeCluster`, …). */
  foundBy: string[];
  vpcId?: string;
  /** Nodegroups: the cluster they belong to. */
  cluster?: string;
  /** EKS status (ACTIVE, DELETING), `scheduled` for a secret pending deletion. */
  status?: string;
  /** Target groups: the load balancers whose listeners forward to it. */
  usedBy?: string[];
  /** ISO time the resource was created (the janitor's age), when the service says. */
  createdAt?: string;
}

/** A judged resource: the plan's node. */
export interface PlanResource extends Found {
  signals: Signal[];
  action: Action;
  /** Why this action, in words (the signals for a delete, what protects it for a refusal). */
  reason: string;
}

/** `before` must be gone before `after` can be deleted (a nodegroup before its cluster, a load balancer before a target group it uses). */
export interface Edge {
  before: string;
  after: string;
}

/** The tag keys the judgement reads (from config `tags`). */
export interface TagKeys {
  envId: string;
  clusterId: string;
  lifecycle: string;
  controllerCluster: string;
  protected: string;
}

/** What happened to one resource during an apply. */
export type OutcomeResult = 'deleted' | 'already-gone' | 'scheduled' | 'would-delete' | 'skipped' | 'failed';

export interface Outcome {
  id: string;
  type: ResourceType;
  name: string;
  result: OutcomeResult;
  /** For skipped and failed: why, in words. */
  reason?: string;
  /** The AWS error code of a failure (AccessDeniedException, ResourceInUse). */
  errorCode?: string;
}

/** Why something is still there after the sweep. */
export type ResidueKind = 'still-deleting' | 'dependency' | 'access-denied' | 'refused' | 'suspect' | 'unsupported' | 'failed' | 'not-in-plan' | 'state-not-empty';

export interface Residue {
  id: string;
  type: ResourceType;
  name: string;
  kind: ResidueKind;
  why: string;
}

/** The types the sweep deletes, in the order it deletes them (see delete-order.ts for why this order). */
export const SWEPT_TYPES: readonly ResourceType[] = ['eks:nodegroup', 'elbv2:loadbalancer', 'elbv2:targetgroup', 'eks:cluster', 'secretsmanager:secret', 's3:object'];
