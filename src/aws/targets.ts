// What an AWS call acts on, read from its input: an ARN, a cluster/nodegroup, a secret id, s3://bucket/key.
// The transcript shows it, so it names the resource a human would look for, never a request body.

/** Input fields that name the resource, most specific first. */
const TARGET_FIELDS = [
  'RuleArn', 'ListenerArn', 'TargetGroupArn', 'LoadBalancerArn', 'SecretId', 'RoleArn', 'Name',
  'ResourceArns', 'LoadBalancerArns', 'TargetGroupArns', 'ListenerArns', 'RuleArns', 'Names',
] as const;

/** A one-line description of the resource an AWS command acts on (`*` when it lists everything). */
export function describeTarget(service: string, input: unknown): string {
  const fields = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (service === 's3') return describeS3Target(fields);
  if (service === 'eks') return describeEksTarget(fields);
  if (service === 'tagging') return describeTagFilters(fields.TagFilters);
  for (const name of TARGET_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' && value) return value;
    if (Array.isArray(value) && value.length) return value.join(',');
  }
  return '*';
}

function describeS3Target(f: Record<string, unknown>): string {
  const bucket = typeof f.Bucket === 'string' ? f.Bucket : '?';
  const key = typeof f.Key === 'string' ? f.Key : typeof f.Prefix === 'string' ? `${f.Prefix}*` : '';
  const target = `s3://${bucket}${key ? `/${key}` : ''}`;
  return typeof f.CopySource === 'string' ? `${target} (from ${f.CopySource})` : target;
}

function describeEksTarget(f: Record<string, unknown>): string {
  const cluster = typeof f.clusterName === 'string' ? f.clusterName : typeof f.name === 'string' ? f.name : undefined;
  if (!cluster) return '*';
  return typeof f.nodegroupName === 'string' ? `${cluster}/${f.nodegroupName}` : cluster;
}

function describeTagFilters(filters: unknown): string {
  if (!Array.isArray(filters) || !filters.length) return '*';
  return (filters as Array<{ Key?: string; Values?: string[] }>)
    .map((t) => `${t.Key ?? '?'}=${t.Values?.length ? t.Values.join('|') : '*'}`)
    .join(',');
}
