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

/** A listener rule condition, as DescribeRules returns it (Values plus the typed *Config). */
export interface RuleCondition {
  field: 'host-header' | 'path-pattern' | 'http-request-method' | 'source-ip';
  values: string[];
}

/** A non-default listener rule. */
export interface ListenerRule {
  arn: string;
  priority: number;
  conditions: RuleCondition[];
  actions: LbAction[];
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
  rules: ListenerRule[];
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

/** How long a DELETING cluster or nodegroup lives on: reads left, or (when set) a deadline in epoch ms that wins over reads. */
export interface Deleting {
  deletingReads: number;
  deletingUntil: number | undefined;
}

/** An EKS cluster. */
export interface Cluster extends Deleting {
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
}

/** An EKS managed nodegroup. */
export interface Nodegroup extends Deleting {
  name: string;
  arn: string;
  cluster: string;
  status: string;
  instanceTypes: string[];
  desiredSize: number;
  createdAt: Date;
  tags: Tags;
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

/** An S3 object; the body is kept as bytes, the ETag is the quoted MD5 hex as S3 sends it for single-part uploads. */
export interface S3Object {
  key: string;
  body: Buffer;
  etag: string;
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
  /** The flexible checksum the writer sent (verified on write), returned when a reader asks with x-amz-checksum-mode. */
  checksum: { algorithm: string; value: string } | undefined;
}

/** An S3 bucket; `objects` is ordered by key on demand (ListObjectsV2 order is UTF-8 binary order). */
export interface Bucket {
  name: string;
  createdAt: Date;
  versioning: 'Enabled' | 'Suspended' | undefined;
  tags: Tags;
  objects: Map<string, S3Object>;
}

/** Convert a tag record to the [{Key, Value}] list the APIs use. */
export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
