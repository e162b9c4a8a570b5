// S3 through the facade against the simulator (path-style via AWS_ENDPOINT_URL_S3): create-only writes, reads,
// complete listings, copies and deletes, with NoSuchKey / NoSuchBucket typed as not found.
import { describe, expect, it } from 'vitest';
import { isAwsNotFound } from '../../src/aws/index.js';
import { handlers } from '../support/aws-sim/services/registry.js';
import { awsPerTest, buildAws, onlyReads } from './harness.js';

const start = awsPerTest();
const BUCKET = 'jetscale-tfstate-test';
const hasCopy = 'CopyObject' in handlers.s3;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('AWS facades: S3', () => {
  it('writes create-only, reads it back, refuses the overwrite, deletes it', async () => {
    const { aws, sim } = await start({ fixture: { s3: { buckets: [{ name: BUCKET }] } } });
    expect(await aws.s3.headBucket(BUCKET)).toEqual({ region: expect.any(String) });
    const ref = { bucket: BUCKET, key: 'ephemeral/pr-7/lock.json' };
    const put = await aws.s3.putObject({ ...ref, body: '{"owner":"pr-7"}', contentType: 'application/json', ifNoneMatch: '*' });
    expect(put).toMatchObject({ skipped: false, value: { etag: expect.stringMatching(/^".+"$/) } });
    expect(await aws.s3.getObjectText(ref)).toMatchObject({ text: '{"owner":"pr-7"}' });
    const again = await aws.s3.putObject({ ...ref, body: '{"owner":"pr-8"}', ifNoneMatch: '*' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'E_AWS', exitCode: 1, awsCode: 'PreconditionFailed' });
    expect(sim.list('s3:object').map((o) => [o.key, o.body])).toEqual([[ref.key, '{"owner":"pr-7"}']]);
    expect((await aws.s3.deleteObject(ref)).skipped).toBe(false);
    expect(sim.list('s3:object')).toEqual([]);
    const gone = await aws.s3.getObjectText(ref).catch((e: unknown) => e);
    expect(isAwsNotFound(gone) && gone.awsCode).toBe('NoSuchKey');
  });

  it('addresses buckets path-style when an endpoint is configured (a simulator has no per-bucket host names)', async () => {
    const { aws, sim } = await start({ fixture: { s3: { buckets: [{ name: BUCKET, objects: { k: 'v' } }] } } });
    expect((await aws.s3.getObjectText({ bucket: BUCKET, key: 'k' })).text).toBe('v');
    const s3 = await aws.clients.get('s3');
    expect(s3.config.forcePathStyle).toBe(true);
    // A host name, not an IP: without path-style the SDK would ask for jetscale-tfstate-test.localhost.
    const byName = buildAws(sim, { env: { AWS_ENDPOINT_URL_S3: sim.url.replace('127.0.0.1', 'localhost') } });
    try {
      expect((await byName.aws.s3.getObjectText({ bucket: BUCKET, key: 'k' })).text).toBe('v');
    } finally {
      byName.aws.destroy();
    }
  });

  it('types a missing bucket as not found', async () => {
    const { aws } = await start({ fixture: { s3: { buckets: [{ name: BUCKET }] } } });
    const err = await aws.s3.headBucket('no-such-bucket-here').catch((e: unknown) => e);
    expect(isAwsNotFound(err)).toBe(true);
    const listed = await aws.s3.listObjectsV2('no-such-bucket-here').catch((e: unknown) => e);
    expect(isAwsNotFound(listed) && listed.awsCode).toBe('NoSuchBucket');
  });

  it('lists every object under a prefix across pages', async () => {
    const objects = Object.fromEntries([...range(1001).map((i) => [`ephemeral/pr-${String(i).padStart(4, '0')}/terraform.tfstate`, '{}']), ['other/x', 'y']]);
    const { aws, sim } = await start({ fixture: { s3: { buckets: [{ name: BUCKET, objects }] } } });
    const listed = await aws.s3.listObjectsV2(BUCKET, { prefix: 'ephemeral/' });
    expect(listed.map((o) => o.key)).toEqual(range(1001).map((i) => `ephemeral/pr-${String(i).padStart(4, '0')}/terraform.tfstate`));
    expect(listed[0]).toMatchObject({ size: 2, etag: expect.any(String), lastModified: expect.any(Date) });
    expect(sim.requests.filter((r) => r.operation === 'ListObjectsV2')).toHaveLength(2);
    expect(onlyReads(sim)).toBe(true);
  });

  it.skipIf(!hasCopy)(`copies an object${hasCopy ? '' : ' (skipped: aws-sim does not implement s3:CopyObject yet)'}`, async () => {
    const { aws, sim } = await start({ fixture: { s3: { buckets: [{ name: BUCKET, objects: { 'ephemeral/pr 7/terraform.tfstate': '{"serial":3}' } }] } } });
    const copied = await aws.s3.copyObject({ bucket: BUCKET, key: 'ephemeral/pr 7/terraform.tfstate' }, { bucket: BUCKET, key: 'backup/pr 7.tfstate' });
    expect(copied.skipped).toBe(false);
    expect(sim.list('s3:object').map((o) => [o.key, o.body])).toEqual([['backup/pr 7.tfstate', '{"serial":3}'], ['ephemeral/pr 7/terraform.tfstate', '{"serial":3}']]);
  });
});
