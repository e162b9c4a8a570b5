// S3 CopyObject against the real SDK client: a server-side copy (body, content type, metadata), the errors for a
// missing source, and the request log naming the source.
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { AwsSim } from './index.js';
import { simPerTest } from './per-test.js';
import type { SimClients } from './sdk-clients.js';

let sim: AwsSim;
let c: SimClients;
const boot = simPerTest((s, clients) => ((sim = s), (c = clients)));
const start = () => boot({ fixture: { s3: { buckets: [{ name: 'state', objects: { 'ephemeral/pr-7/terraform.tfstate': { version: 4, serial: 3 } } }, { name: 'backups' }] } } });
const text = async (Bucket: string, Key: string) => (await c.s3.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString();

describe('S3 CopyObject', () => {
  it('copies an object within and across buckets, keeping its body, ETag, content type and metadata', async () => {
    await start();
    await c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'a.json', Body: '{"a":1}', ContentType: 'application/json', Metadata: { owner: 'pr-7' } }));
    const out = await c.s3.send(new CopyObjectCommand({ Bucket: 'backups', Key: 'copy/a b.json', CopySource: 'state/a.json' }));
    const source = await c.s3.send(new HeadObjectCommand({ Bucket: 'state', Key: 'a.json' }));
    expect(out.CopyObjectResult?.ETag).toBe(source.ETag);
    expect(out.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    expect(await text('backups', 'copy/a b.json')).toBe('{"a":1}');
    expect(await c.s3.send(new HeadObjectCommand({ Bucket: 'backups', Key: 'copy/a b.json' }))).toMatchObject({ ContentType: 'application/json', Metadata: { owner: 'pr-7' } });
    await c.s3.send(new CopyObjectCommand({ Bucket: 'state', Key: 'ephemeral/pr-7/terraform.tfstate.backup', CopySource: 'state/ephemeral%2Fpr-7%2Fterraform.tfstate' }));
    expect(JSON.parse((await text('state', 'ephemeral/pr-7/terraform.tfstate.backup')) ?? '')).toEqual({ version: 4, serial: 3 });
    expect(sim.requests.filter((r) => r.operation === 'CopyObject').map((r) => [r.params.Key, r.params.CopySource, r.status])).toEqual([
      ['copy/a b.json', 'state/a.json', 200], ['ephemeral/pr-7/terraform.tfstate.backup', 'state/ephemeral%2Fpr-7%2Fterraform.tfstate', 200],
    ]);
  });

  it('a later change to the source leaves the copy as it was', async () => {
    await start();
    await c.s3.send(new CopyObjectCommand({ Bucket: 'backups', Key: 'b', CopySource: 'state/ephemeral/pr-7/terraform.tfstate' }));
    await c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'ephemeral/pr-7/terraform.tfstate', Body: 'changed' }));
    expect(JSON.parse((await text('backups', 'b')) ?? '')).toEqual({ version: 4, serial: 3 });
  });

  it('answers NoSuchKey for a missing source and refuses copying an object onto itself', async () => {
    await start();
    await expect(c.s3.send(new CopyObjectCommand({ Bucket: 'backups', Key: 'x', CopySource: 'state/nope' }))).rejects.toBeInstanceOf(NoSuchKey);
    await expect(c.s3.send(new CopyObjectCommand({ Bucket: 'state', Key: 'ephemeral/pr-7/terraform.tfstate', CopySource: 'state/ephemeral/pr-7/terraform.tfstate' }))).rejects.toMatchObject({ name: 'InvalidRequest' });
    expect(sim.list('s3:object').map((o) => o.key)).toEqual(['ephemeral/pr-7/terraform.tfstate']);
  });
});
