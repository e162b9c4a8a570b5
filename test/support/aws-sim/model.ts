// In-memory resource records; dates are Date objects and each encoder formats them for its protocol.

/** Tags as a plain key → value record. */
export type Tags = Record<string, string>;

/** A listener or rule action. */
export interface LbAction {
  Type: 'forward' | 'redirect' | 'fixed-response';
  TargetGroupArn?: string;
  RedirectConfig?: { Protocol: string; Port: string; Host: string; Path: string; Query: string; StatusCode: string };
  FixedResponseConfig?: { StatusCode: string; ContentType?: string; MessageBody?: string };
}

/** An ELBv2 load balancer. */
export interface LoadBalancer {
  arn: string;
  name: string;
  type: 'application' | 'network' | 'gateway';
  scheme: string;
  state: string;
  vpcId: string;
  dnsName: string;
  securityGroups: string[];
  createdAt: Date;
  tags: Tags;
}

/** An ELBv2 listener with its non-default rules. */
export interface Listener {
  arn: string;
  lbArn: string;
  port: number;
  protocol: string;
  certificates: string[];
  sslPolicy: string | undefined;
  defaultActions: LbAction[];
  rules: { arn: string; priority: number; actions: LbAction[] }[];
}

/** A registered target and its health. */
export interface Target {
  id: string;
  port: number | undefined;
  availabilityZone: string | undefined;
  health: string;
  reason: string | undefined;
  description: string | undefined;
}

/** An ELBv2 target group. */
export interface TargetGroup {
  arn: string;
  name: string;
  protocol: string;
  port: number;
  targetType: string;
  vpcId: string;
  healthCheckPath: string;
  createdAt: Date;
  tags: Tags;
  targets: Target[];
}

/** An EKS cluster; deletingReads counts reads left before a DELETING cluster disappears. */
export interface Cluster {
  name: string;
  arn: string;
  version: string;
  status: string;
  vpcId: string;
  roleArn: string;
  endpoint: string;
  oidcIssuer: string;
  createdAt: Date;
  tags: Tags;
  deletingReads: number;
}

/** An EKS managed nodegroup. */
export interface Nodegroup {
  name: string;
  arn: string;
  cluster: string;
  status: string;
  instanceTypes: string[];
  desiredSize: number;
  createdAt: Date;
  tags: Tags;
  deletingReads: number;
}

/** One version of a secret value with its staging labels. */
export interface SecretVersion {
  id: string;
  value: string;
  stages: string[];
  createdAt: Date;
}

/** A Secrets Manager secret; deletedAt/deletionDate are set while it is scheduled for deletion. */
export interface Secret {
  name: string;
  arn: string;
  description: string | undefined;
  createdAt: Date;
  lastChangedAt: Date;
  deletedAt: Date | undefined;
  deletionDate: Date | undefined;
  tags: Tags;
  versions: SecretVersion[];
}

/** Convert a tag record to the [{Key, Value}] list the APIs use. */
export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
