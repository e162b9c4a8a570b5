// Discovery: the union of every signal that can name a resource of one environment, read-only, with exact tag
// matching everywhere (a service filter that matches prefixes is re-checked here). Only `ResourceNotFoundException`
// (AwsNotFoundError) means "not there"; any other error stops discovery.
import type { Aws } from '../aws/index.js';
import { isAwsNotFound } from '../aws/index.js';
import { scanElbv2, type Elbv2Item } from './elbv2-scan.js';
import type { Found, ResourceType, TagKeys } from './resources.js';

/** What discovery needs from the configuration. */
export interface DiscoverOptions {
  env: string;
  tags: TagKeys;
  /** Config terraform.stateBucket ('' = no state object to look for). */
  stateBucket: string;
  stateKeyPattern: string;
  /** The anchor VPC, when known from an earlier look (the ELBv2 scan includes that VPC's untagged resources). */
  vpcId?: string;
}

/** Everything found for one environment. */
export interface Inventory {
  env: string;
  found: Found[];
  /** The EKS cluster named after the environment, when it exists. */
  cluster?: { status: string; vpcId: string | undefined };
  /** The Terraform state object's location, and whether it exists. */
  state?: { bucket: string; key: string; exists: boolean };
}

/** The state object key of an environment. */
export function stateKey(pattern: string, env: string): string {
  return pattern.replaceAll('{env}', env);
}

/** Discovers every resource of `env`; Tagging, ELBv2, EKS, Secrets Manager and S3 are read in parallel. */
export async function discoverEnv(aws: Aws, o: DiscoverOptions): Promise<Inventory> {
  const byTag = (key: string) => aws.tagging.getResources([{ key, values: [o.env] }]).then((rs) => rs.map((r) => ({ ...r, key })));
  const [tagged, elbv2, cluster, named, state] = await Promise.all([
    // The controller's tag is read from ELBv2 itself (the scan below), where its load balancers and target groups live.
    Promise.all([byTag(o.tags.envId), byTag(o.tags.clusterId)]).then((x) => x.flat()),
    scanElbv2(aws.elbv2),
    describeEnvCluster(aws, o.env),
    aws.secretsManager.listSecrets([{ key: 'name', values: [`${o.env}-ephemeral/`] }], { includePlannedDeletion: true }),
    findState(aws, o),
  ]);
  const found = new Map<string, Found>();
  const add = (r: Found) => {
    const had = found.get(r.id);
    found.set(r.id, had ? { ...had, ...r, foundBy: [...new Set([...had.foundBy, ...r.foundBy])] } : r);
  };
  if (cluster) for (const r of cluster.found) add(r);
  const vpc = o.vpcId ?? cluster?.vpcId;
  for (const item of elbv2) if (ownsElbv2(item, o, vpc)) add({ ...item, foundBy: [hasEnvTag(item.tags, o) ? 'elbv2:DescribeTags' : 'elbv2:vpc'] });
  for (const s of named) {
    if (!s.name.startsWith(`${o.env}-ephemeral/`)) continue;
    add({ id: s.arn, type: 'secretsmanager:secret', name: s.name, tags: s.tags, foundBy: ['secretsmanager:ListSecrets'], ...(s.deletedAt ? { status: 'scheduled' } : {}), ...(s.createdAt ? { createdAt: s.createdAt.toISOString() } : {}) });
  }
  if (state?.exists) add({ id: `s3://${state.bucket}/${state.key}`, type: 's3:object', name: state.key, tags: {}, foundBy: ['s3:HeadObject'], ...(state.lastModified ? { createdAt: state.lastModified } : {}) });
  await addTagged(aws, tagged, found, add);
  return { env: o.env, found: [...found.values()], ...(cluster ? { cluster: { status: cluster.status, vpcId: cluster.vpcId } } : {}), ...(state ? { state: { bucket: state.bucket, key: state.key, exists: state.exists } } : {}) };
}

const hasEnvTag = (t: Record<string, string>, o: DiscoverOptions) => t[o.tags.envId] === o.env || t[o.tags.clusterId] === o.env || t[o.tags.controllerCluster] === o.env;

function ownsElbv2(item: Elbv2Item, o: DiscoverOptions, vpc: string | undefined): boolean {
  return hasEnvTag(item.tags, o) || (vpc !== undefined && item.vpcId === vpc);
}

/**
 * Adds what the Tagging API named. Its ELBv2 entries that the listing lacks are dropped (the listing is the
 * authority: a deleted load balancer lingers in tagging for a while); secrets are read from Secrets Manager for
 * current tags and state; anything else is recorded as a type the sweep cannot delete.
 */
async function addTagged(aws: Aws, tagged: Array<{ arn: string; tags: Record<string, string>; key: string }>, found: Map<string, Found>, add: (r: Found) => void): Promise<void> {
  const byArn = new Map<string, { tags: Record<string, string>; via: string[] }>();
  for (const t of tagged) {
    const entry = byArn.get(t.arn) ?? { tags: t.tags, via: [] };
    entry.via.push(`tagging:${t.key}`);
    byArn.set(t.arn, entry);
  }
  const secrets: Array<[string, string[]]> = [];
  for (const [arn, { tags, via }] of byArn) {
    const known = found.get(arn);
    const type = typeOfArn(arn);
    if (known) add({ ...known, foundBy: via });
    else if (type === 'secretsmanager:secret') secrets.push([arn, via]);
    else if (type === 'eks:nodegroup' || type === 'eks:cluster') {
      const [cluster, name] = eksNames(arn);
      add({ id: arn, type, name: type === 'eks:cluster' ? cluster : name, tags, foundBy: via, ...(type === 'eks:nodegroup' ? { cluster } : {}) });
    } else if (type === 'other') add({ id: arn, type, name: arn.split(':').slice(5).join(':') || arn, tags, foundBy: via });
  }
  const described = await Promise.all(secrets.map(([arn]) => aws.secretsManager.describeSecret(arn).catch((e: unknown) => (isAwsNotFound(e) ? undefined : Promise.reject(e)))));
  described.forEach((s, i) => {
    if (s) add({ id: s.arn, type: 'secretsmanager:secret', name: s.name, tags: s.tags, foundBy: secrets[i]![1], ...(s.deletedAt ? { status: 'scheduled' } : {}) });
  });
}

/** The resource type of an ARN from the Tagging API. */
export function typeOfArn(arn: string): ResourceType {
  const [, , service, , , resource = ''] = arn.split(':');
  if (service === 'elasticloadbalancing') return resource.startsWith('targetgroup/') ? 'elbv2:targetgroup' : resource.startsWith('loadbalancer/') ? 'elbv2:loadbalancer' : 'other';
  if (service === 'eks') return resource.startsWith('nodegroup/') ? 'eks:nodegroup' : resource.startsWith('cluster/') ? 'eks:cluster' : 'other';
  if (service === 'secretsmanager') return 'secretsmanager:secret';
  return 'other';
}

/** `[cluster, nodegroup]` from an EKS ARN (`…:cluster/<c>`, `…:nodegroup/<c>/<ng>/<id>`). */
function eksNames(arn: string): [string, string] {
  const parts = (arn.split(':')[5] ?? '').split('/');
  return [parts[1] ?? '', parts[2] ?? ''];
}

/** The cluster named `env` and its nodegroups; undefined only when EKS answers ResourceNotFoundException. */
async function describeEnvCluster(aws: Aws, env: string): Promise<{ status: string; vpcId: string | undefined; found: Found[] } | undefined> {
  let c;
  try {
    c = await aws.eks.describeCluster(env);
  } catch (error) {
    if (isAwsNotFound(error) && error.awsCode.replace(/Exception$/, '') === 'ResourceNotFound') return undefined;
    throw error;
  }
  const found: Found[] = [{ id: c.arn, type: 'eks:cluster', name: c.name, tags: c.tags, foundBy: ['eks:DescribeCluster'], vpcId: c.vpcId, status: c.status, ...(c.createdAt ? { createdAt: c.createdAt.toISOString() } : {}) }];
  const names = await aws.eks.listNodegroups(env).catch((e: unknown) => (isAwsNotFound(e) ? [] : Promise.reject(e)));
  const groups = await Promise.all(names.map((n) => aws.eks.describeNodegroup(env, n).catch((e: unknown) => (isAwsNotFound(e) ? undefined : Promise.reject(e)))));
  for (const g of groups) {
    if (g) found.push({ id: g.arn, type: 'eks:nodegroup', name: g.name, tags: g.tags, foundBy: ['eks:ListNodegroups'], cluster: env, status: g.status, ...(g.createdAt ? { createdAt: g.createdAt.toISOString() } : {}) });
  }
  return { status: c.status, vpcId: c.vpcId, found };
}

/** The state object's existence (HeadObject); only NotFound means absent. */
async function findState(aws: Aws, o: DiscoverOptions): Promise<{ bucket: string; key: string; exists: boolean; lastModified?: string } | undefined> {
  if (!o.stateBucket) return undefined;
  const key = stateKey(o.stateKeyPattern, o.env);
  try {
    const head = await aws.s3.headObject({ bucket: o.stateBucket, key });
    return { bucket: o.stateBucket, key, exists: true, ...(head.lastModified ? { lastModified: head.lastModified.toISOString() } : {}) };
  } catch (error) {
    if (isAwsNotFound(error)) return { bucket: o.stateBucket, key, exists: false };
    throw error;
  }
}
