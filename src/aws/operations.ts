// The one table that classifies every AWS operation jetscale may send: read, write or destroy.
// An operation missing from it counts as `destroy`, so a new call is refused by read-only tasks until it is listed here.
import type { Effect } from '../core/effects.js';

/** Service ids as they appear in operation keys (`elbv2:DeleteLoadBalancer`), the transcript and the simulator's log. */
export type AwsService = 'sts' | 'elbv2' | 'eks' | 'secretsmanager' | 'tagging' | 's3';

/** `service:Operation` → effect class. Add a row before a facade sends a new operation. */
export const AWS_OPERATIONS: Readonly<Record<string, Effect>> = {
  'sts:GetCallerIdentity': 'read',
  // Mints short-lived credentials and changes no resource; diagnose --role-arn narrows them with a read-only session policy.
  'sts:AssumeRole': 'read',

  'elbv2:DescribeLoadBalancers': 'read',
  'elbv2:DescribeTags': 'read',
  'elbv2:DescribeListeners': 'read',
  'elbv2:DescribeListenerCertificates': 'read',
  'elbv2:DescribeRules': 'read',
  'elbv2:DescribeTargetGroups': 'read',
  'elbv2:DescribeTargetHealth': 'read',
  'elbv2:DeleteLoadBalancer': 'destroy',
  'elbv2:DeleteListener': 'destroy',
  'elbv2:DeleteRule': 'destroy',
  'elbv2:DeleteTargetGroup': 'destroy',

  'eks:ListClusters': 'read',
  'eks:DescribeCluster': 'read',
  'eks:ListNodegroups': 'read',
  'eks:DescribeNodegroup': 'read',
  'eks:DeleteNodegroup': 'destroy',
  'eks:DeleteCluster': 'destroy',

  'secretsmanager:ListSecrets': 'read',
  'secretsmanager:DescribeSecret': 'read',
  'secretsmanager:GetSecretValue': 'read',
  'secretsmanager:CreateSecret': 'write',
  'secretsmanager:PutSecretValue': 'write',
  'secretsmanager:RestoreSecret': 'write',
  'secretsmanager:DeleteSecret': 'destroy',

  'tagging:GetResources': 'read',
  'tagging:GetTagKeys': 'read',
  'tagging:GetTagValues': 'read',

  's3:HeadBucket': 'read',
  's3:HeadObject': 'read',
  's3:GetObject': 'read',
  's3:ListObjectsV2': 'read',
  's3:PutObject': 'write',
  's3:CopyObject': 'write',
  's3:DeleteObject': 'destroy',
};

/** SDK client class name (`context.clientName`) → service id. */
const SERVICE_OF_CLIENT: Readonly<Record<string, AwsService>> = {
  STSClient: 'sts',
  ElasticLoadBalancingV2Client: 'elbv2',
  EKSClient: 'eks',
  SecretsManagerClient: 'secretsmanager',
  ResourceGroupsTaggingAPIClient: 'tagging',
  S3Client: 's3',
};

/** The operation key of an SDK command: (`ElasticLoadBalancingV2Client`, `DeleteLoadBalancerCommand`) → `elbv2:DeleteLoadBalancer`. */
export function operationKey(clientName: string | undefined, commandName: string | undefined): { service: string; key: string } {
  const service = SERVICE_OF_CLIENT[clientName ?? ''] ?? (clientName ?? 'unknown').replace(/Client$/, '').toLowerCase();
  const op = (commandName ?? 'Unknown').replace(/Command$/, '');
  return { service, key: `${service}:${op}` };
}

/** The effect class of an operation key; anything not in the table is `destroy` (fail closed). */
export function classifyOperation(key: string): Effect {
  return Object.hasOwn(AWS_OPERATIONS, key) ? (AWS_OPERATIONS[key] as Effect) : 'destroy';
}
