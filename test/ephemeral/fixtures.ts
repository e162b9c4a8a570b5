// Hand-written accounts for the end-to-end cleanup tests: pr-7 as the deploy leaves it, a look-alike pr-70,
// production in the same account with the same tag keys, and the Terraform state bucket.
import type { AwsFixture } from '../support/aws-sim/index.js';

export const ACCOUNT = '111111111111';
export const STATE_BUCKET = 'jetscale-tfstate-test';
const EMPTY_STATE = { version: 4, terraform_version: '1.11.4', serial: 9, lineage: 'e2e', outputs: {}, resources: [] };
const FULL_STATE = { ...EMPTY_STATE, resources: [{ mode: 'managed', type: 'aws_vpc', name: 'this', instances: [{}] }] };

/** pr-7 (cluster, nodegroup, ALB + listeners, two target groups, two secrets, empty state), pr-70 and production. */
export function account(opts: { pr7State?: 'empty' | 'full' | 'none'; extraLbs?: number } = {}): AwsFixture {
  const pr7 = { 'jetscale.env_id': 'pr-7', 'jetscale.cluster_id': 'pr-7', 'jetscale.lifecycle': 'ephemeral' };
  const ctl7 = { 'elbv2.k8s.aws/cluster': 'pr-7' };
  const objects: Record<string, unknown> = {
    'ephemeral/pr-70/terraform.tfstate': FULL_STATE,
    'live/terraform.tfstate': FULL_STATE,
  };
  if ((opts.pr7State ?? 'empty') !== 'none') objects['ephemeral/pr-7/terraform.tfstate'] = opts.pr7State === 'full' ? FULL_STATE : EMPTY_STATE;
  return {
    account: ACCOUNT,
    caller: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/github-actions-deployer/GitHubActions` },
    eks: {
      clusters: [
        { name: 'pr-7', vpcId: 'vpc-pr7', tags: pr7, nodegroups: [{ name: 'pr-7-default', tags: pr7 }, { name: 'pr-7-spot', tags: pr7 }] },
        { name: 'pr-70', vpcId: 'vpc-pr70', tags: { 'jetscale.env_id': 'pr-70' }, nodegroups: [{ name: 'pr-70-default', tags: { 'jetscale.env_id': 'pr-70' } }] },
        { name: 'jetscale-prod', vpcId: 'vpc-prod', tags: { 'jetscale.env_id': 'jetscale-prod' }, nodegroups: [{ name: 'prod-default', tags: {} }] },
      ],
    },
    elbv2: {
      targetGroups: [
        { name: 'k8s-pr7-frontend', vpcId: 'vpc-pr7', tags: ctl7 },
        { name: 'k8s-pr7-backend', vpcId: 'vpc-pr7', tags: { ...ctl7, 'jetscale.env_id': 'pr-7' } },
        { name: 'k8s-pr70-frontend', vpcId: 'vpc-pr70', tags: { 'elbv2.k8s.aws/cluster': 'pr-70' } },
        { name: 'k8s-prod-frontend', vpcId: 'vpc-prod', tags: { 'elbv2.k8s.aws/cluster': 'jetscale-prod' } },
        // One signal only: the controller tag, outside pr-7's VPC.
        { name: 'k8s-pr7-stray', vpcId: 'vpc-elsewhere', tags: ctl7 },
      ],
      loadBalancers: [
        {
          name: 'k8s-pr7-jetscale', vpcId: 'vpc-pr7', tags: { ...ctl7, 'ingress.k8s.aws/stack': 'pr-7/jetscale' },
          listeners: [
            { port: 80, protocol: 'HTTP', defaultActions: [{ redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }] },
            { port: 443, protocol: 'HTTPS', defaultActions: [{ forward: 'k8s-pr7-frontend' }], rules: [{ priority: 10, conditions: [{ field: 'path-pattern', values: ['/api/*'] }], actions: [{ forward: 'k8s-pr7-backend' }] }] },
          ],
        },
        ...Array.from({ length: opts.extraLbs ?? 0 }, (_, i) => ({ name: `k8s-pr7-extra-${i}`, vpcId: 'vpc-pr7', tags: ctl7 })),
        { name: 'k8s-pr70-jetscale', vpcId: 'vpc-pr70', tags: { 'elbv2.k8s.aws/cluster': 'pr-70' }, listeners: [{ port: 443, protocol: 'HTTPS', defaultActions: [{ forward: 'k8s-pr70-frontend' }] }] },
        { name: 'k8s-prod-jetscale', vpcId: 'vpc-prod', tags: { 'elbv2.k8s.aws/cluster': 'jetscale-prod' }, listeners: [{ port: 443, protocol: 'HTTPS', defaultActions: [{ forward: 'k8s-prod-frontend' }] }] },
        // Production's load balancer mistakenly carrying pr-7's tags: its name protects it.
        { name: 'jetscale-prod-public', vpcId: 'vpc-prod', tags: { ...ctl7, 'jetscale.env_id': 'pr-7' } },
      ],
    },
    secretsManager: {
      secrets: [
        { name: 'pr-7-ephemeral/application/aws/client', tags: { 'jetscale.env_id': 'pr-7' }, value: 'fake' },
        { name: 'pr-7-ephemeral/database/admin', tags: { 'jetscale.cluster_id': 'pr-7' }, value: 'fake' },
        // Name only (created untagged by a script): a suspect, kept.
        { name: 'pr-7-ephemeral/untagged', value: 'fake' },
        // Protected although it is pr-7's by both signals.
        { name: 'pr-7-ephemeral/keep', tags: { 'jetscale.env_id': 'pr-7', 'jetscale.protected': 'true' }, value: 'fake' },
        { name: 'pr-70-ephemeral/application/aws/client', tags: { 'jetscale.env_id': 'pr-70' }, value: 'fake' },
        { name: 'jetscale-prod/database/admin', tags: { 'jetscale.env_id': 'jetscale-prod' }, value: 'fake' },
      ],
    },
    s3: { buckets: [{ name: STATE_BUCKET, objects: objects as Record<string, Record<string, unknown>> }] },
  };
}

/** What a clean `--apply` of pr-7 on `account()` deletes (everything else must stay). */
export const PR7_OWNED = {
  clusters: ['pr-7'],
  nodegroups: ['pr-7/pr-7-default', 'pr-7/pr-7-spot'],
  loadBalancers: ['k8s-pr7-jetscale'],
  targetGroups: ['k8s-pr7-frontend', 'k8s-pr7-backend'],
  secrets: ['pr-7-ephemeral/application/aws/client', 'pr-7-ephemeral/database/admin'],
  objects: [`${STATE_BUCKET}/ephemeral/pr-7/terraform.tfstate`],
};
