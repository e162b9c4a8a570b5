// The AWS operations the cleanup added: S3 HeadObject (NotFound is typed "gone"), Tagging GetTagValues over every
// page, and the run's region — through the facades against aws-sim.
import { describe, expect, it } from 'vitest';
import { isAwsNotFound } from '../../src/aws/index.js';
import { awsPerTest, onlyReads } from './harness.js';

const start = awsPerTest();

describe('AWS facades: cleanup operations', () => {
  it('headObject reads metadata without the body; a missing key is AwsNotFoundError', async () => {
    const { aws, sim } = await start({ fixture: { s3: { buckets: [{ name: 'jetscale-tfstate', createdAt: '2026-02-01T00:00:00Z', objects: { 'ephemeral/pr-7/terraform.tfstate': '{"version":4}' } }] } } });
    const head = await aws.s3.headObject({ bucket: 'jetscale-tfstate', key: 'ephemeral/pr-7/terraform.tfstate' });
    expect(head).toEqual({ etag: expect.stringMatching(/^".+"$/), lastModified: new Date('2026-02-01T00:00:00Z'), size: 13 });
    const missing = await aws.s3.headObject({ bucket: 'jetscale-tfstate', key: 'ephemeral/pr-70/terraform.tfstate' }).catch((e: unknown) => e);
    expect(isAwsNotFound(missing)).toBe(true);
    expect(sim.requests.map((r) => r.operation)).toEqual(['HeadObject', 'HeadObject']);
  });

  it('getTagValues follows every page and returns each value once, sorted', async () => {
    const lbs = Array.from({ length: 230 }, (_, i) => ({ name: `lb-${i}`, tags: { 'elbv2.k8s.aws/cluster': `pr-${(i % 150) + 1}` } }));
    const { aws, sim } = await start({ fixture: { elbv2: { loadBalancers: lbs }, secretsManager: { secrets: [{ name: 's', tags: { 'elbv2.k8s.aws/cluster': 'pr-1' } }] } } });
    const values = await aws.tagging.getTagValues('elbv2.k8s.aws/cluster');
    expect(values).toHaveLength(150);
    expect(values).toEqual([...values].sort());
    expect(values).toContain('pr-150');
    expect(sim.requests.filter((r) => r.operation === 'GetTagValues')).toHaveLength(2);
    expect(onlyReads(sim)).toBe(true);
  });

  it('region() is the region every client uses, without a request', async () => {
    const { aws, sim } = await start({ env: { AWS_REGION: 'eu-west-1' } });
    expect(await aws.region()).toBe('eu-west-1');
    expect(sim.requests).toEqual([]);
  });
});
