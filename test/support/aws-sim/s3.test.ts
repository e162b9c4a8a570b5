// S3 against the real SDK client: objects, conditional writes, XML errors, listings, aws-chunked bodies and checksums.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetBucketVersioningCommand, GetObjectCommand,
  HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command, NoSuchBucket, NoSuchKey, PutObjectCommand, paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { startAwsSim, type AwsSim, type AwsSimOptions } from './index.js';
import { simPerTest } from './per-test.js';
import type { SimClients } from './sdk-clients.js';

let sim: AwsSim;
let c: SimClients;
const boot = simPerTest((s, clients) => ((sim = s), (c = clients)));
const start = (fixture: AwsSimOptions['fixture'] = { s3: { buckets: [{ name: 'state', objects: { 'pr-7/terraform.tfstate': { version: 4, serial: 3 } } }] } }) => boot({ fixture });
const text = async (key: string, Bucket = 'state') => (await c.s3.send(new GetObjectCommand({ Bucket, Key: key }))).Body?.transformToString();
const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error & { $metadata: { httpStatusCode?: number }; Condition?: string });

describe('S3', () => {
  it('serves fixture objects and round-trips puts with ETag, content type and metadata', async () => {
    await start();
    expect(JSON.parse((await text('pr-7/terraform.tfstate')) ?? '')).toEqual({ version: 4, serial: 3 });
    const put = await c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'a b/ü.json', Body: '{"x":1}', ContentType: 'application/json', Metadata: { owner: 'pr-7' } }));
    expect(put.ETag).toBe(`"${createHash('md5').update('{"x":1}').digest('hex')}"`);
    const head = await c.s3.send(new HeadObjectCommand({ Bucket: 'state', Key: 'a b/ü.json' }));
    expect(head).toMatchObject({ ContentLength: 7, ContentType: 'application/json', ETag: put.ETag, Metadata: { owner: 'pr-7' } });
    expect(head.LastModified).toBeInstanceOf(Date);
    expect(await text('a b/ü.json')).toBe('{"x":1}');
    expect(sim.list('s3:object').map((o) => [o.key, o.body])).toEqual([['a b/ü.json', '{"x":1}'], ['pr-7/terraform.tfstate', '{"version":4,"serial":3}']]);
    await c.s3.send(new DeleteObjectCommand({ Bucket: 'state', Key: 'a b/ü.json' }));
    await c.s3.send(new DeleteObjectCommand({ Bucket: 'state', Key: 'never-existed' }));
    expect(sim.requests.slice(-2).map((r) => r.status)).toEqual([204, 204]);
    expect(sim.list('s3:object')).toHaveLength(1);
  });

  it('refuses an overwrite with If-None-Match: * (412 PreconditionFailed) and checks If-Match against the ETag', async () => {
    await start();
    const key = 'pr-7/terraform.tfstate.tflock';
    await c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: key, Body: 'first', IfNoneMatch: '*' }));
    const err = await errorOf(c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: key, Body: 'second', IfNoneMatch: '*' })));
    expect(err).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 }, Condition: 'If-None-Match' });
    expect(await text(key)).toBe('first');
    const etag = (await c.s3.send(new HeadObjectCommand({ Bucket: 'state', Key: key }))).ETag;
    await expect(c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: key, Body: 'x', IfMatch: '"0000"' }))).rejects.toMatchObject({ name: 'PreconditionFailed' });
    await c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: key, Body: 'third', IfMatch: etag }));
    expect(await text(key)).toBe('third');
    await expect(c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'absent', Body: 'x', IfMatch: etag }))).rejects.toBeInstanceOf(NoSuchKey);
    expect(sim.requests.filter((r) => r.status === 412).map((r) => r.params.Key)).toEqual([key, key]);
  });

  it('answers NoSuchKey and NoSuchBucket in S3\'s XML error shape, and bodiless 404s to HEAD', async () => {
    await start();
    const noKey = await errorOf(c.s3.send(new GetObjectCommand({ Bucket: 'state', Key: 'nope' })));
    expect(noKey).toBeInstanceOf(NoSuchKey);
    expect(noKey?.$metadata.httpStatusCode).toBe(404);
    await expect(c.s3.send(new ListObjectsV2Command({ Bucket: 'missing' }))).rejects.toBeInstanceOf(NoSuchBucket);
    await expect(c.s3.send(new HeadObjectCommand({ Bucket: 'state', Key: 'nope' }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    await expect(c.s3.send(new HeadBucketCommand({ Bucket: 'missing' }))).rejects.toMatchObject({ name: 'NotFound' });
    const raw = await fetch(`${sim.url}/state/nope`, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/s3/aws4_request' } });
    const body = await raw.text();
    expect(raw.status).toBe(404);
    expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>nope<\/Key><RequestId>[0-9A-F]{16}<\/RequestId><HostId>/);
    expect(raw.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
  });

  it('lists with prefix, delimiter and continuation tokens in key order', async () => {
    const objects = Object.fromEntries(['env:/a/x', 'env:/b/x', 'env:/b/y', 'pr-1/s', 'pr-2/s', 'pr-3/s', 'top'].map((k) => [k, k]));
    await start({ s3: { buckets: [{ name: 'state', objects }] } });
    const all: string[] = [];
    for await (const page of paginateListObjectsV2({ client: c.s3, pageSize: 3 }, { Bucket: 'state' })) all.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    expect(all).toEqual(Object.keys(objects));
    expect(sim.requests.map((r) => r.params.ContinuationToken === undefined)).toEqual([true, false, false]);
    const grouped = await c.s3.send(new ListObjectsV2Command({ Bucket: 'state', Prefix: 'env:/', Delimiter: '/' }));
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['env:/a/', 'env:/b/']);
    expect(grouped).toMatchObject({ KeyCount: 2, IsTruncated: false });
    const after = await c.s3.send(new ListObjectsV2Command({ Bucket: 'state', StartAfter: 'pr-2/s', MaxKeys: 1 }));
    expect([after.Contents?.map((o) => o.Key), after.IsTruncated]).toEqual([['pr-3/s'], true]);
    const prefixes: string[] = [];
    for await (const page of paginateListObjectsV2({ client: c.s3, pageSize: 1 }, { Bucket: 'state', Delimiter: '/' })) prefixes.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''), ...(page.Contents ?? []).map((o) => o.Key ?? ''));
    expect(prefixes).toEqual(['env:/', 'pr-1/', 'pr-2/', 'pr-3/', 'top']);
  });

  it('decodes aws-chunked streaming uploads, verifies checksums and returns them with ChecksumMode', async () => {
    await start();
    const body = 'x'.repeat(70_000);
    // A stream body makes the SDK send aws-chunked framing with the checksum in a trailer.
    await c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'big', Body: Readable.from([Buffer.from(body)]), ContentLength: body.length, ChecksumAlgorithm: 'SHA256' }));
    const sha256 = createHash('sha256').update(body).digest('base64');
    expect(sim.list('s3:object').find((o) => o.key === 'big')).toMatchObject({ size: 70_000, checksum: { algorithm: 'SHA256', value: sha256 } });
    const got = await c.s3.send(new GetObjectCommand({ Bucket: 'state', Key: 'big', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumSHA256).toBe(sha256);
    expect((await got.Body?.transformToString())?.length).toBe(70_000);
    // A body that does not match its declared checksum is refused like S3 refuses it.
    const bad = await fetch(`${sim.url}/state/bad`, {
      method: 'PUT', body: 'hello',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/s3/aws4_request', 'x-amz-checksum-crc32': 'AAAAAA==' },
    });
    expect([bad.status, /<Code>(\w+)<\/Code>/.exec(await bad.text())?.[1]]).toEqual([400, 'BadDigest']);
    expect(sim.list('s3:object').some((o) => o.key === 'bad')).toBe(false);
  });

  it('creates, lists and deletes buckets; BucketNotEmpty while objects remain; DeleteObjects empties it', async () => {
    await start();
    await c.s3.send(new CreateBucketCommand({ Bucket: 'clusters' }));
    await expect(c.s3.send(new CreateBucketCommand({ Bucket: 'clusters' }))).rejects.toMatchObject({ name: 'BucketAlreadyOwnedByYou' });
    await expect(c.s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' }))).rejects.toMatchObject({ name: 'InvalidBucketName' });
    // A bucket named "clusters" is still S3: the signing scope, not the path, picks the service.
    await c.s3.send(new PutObjectCommand({ Bucket: 'clusters', Key: 'a', Body: '1' }));
    await c.s3.send(new PutObjectCommand({ Bucket: 'clusters', Key: 'b', Body: '2' }));
    expect((await c.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['state', 'clusters']);
    expect((await c.s3.send(new GetBucketVersioningCommand({ Bucket: 'clusters' }))).Status).toBeUndefined();
    await expect(c.s3.send(new DeleteBucketCommand({ Bucket: 'clusters' }))).rejects.toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });
    const del = await c.s3.send(new DeleteObjectsCommand({ Bucket: 'clusters', Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }] } }));
    expect(del.Deleted?.map((d) => d.Key)).toEqual(['a', 'b']);
    await c.s3.send(new DeleteBucketCommand({ Bucket: 'clusters' }));
    expect(sim.list('s3:bucket').map((b) => b.name)).toEqual(['state']);
    expect(sim.requests.every((r) => r.service === 's3')).toBe(true);
  });

  it('retries SlowDown (the S3 throttle) and surfaces an injected 503 as ServiceUnavailable', async () => {
    await start();
    sim.fault('s3:GetObject', { throttle: 1 });
    expect(JSON.parse((await text('pr-7/terraform.tfstate')) ?? '')).toMatchObject({ serial: 3 });
    expect(sim.requests.map((r) => [r.status, r.errorCode])).toEqual([[503, 'SlowDown'], [200, undefined]]);
    sim.fault('s3:*', { status: 503, times: 3 });
    await expect(c.s3.send(new HeadBucketCommand({ Bucket: 'state' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    await expect(c.s3.send(new ListObjectsV2Command({ Bucket: 'state' }))).resolves.toMatchObject({ KeyCount: 1 });
  });

  it('rejects bad bucket names and duplicate buckets in the fixture, naming the path', async () => {
    await expect(startAwsSim({ fixture: { s3: { buckets: [{ name: 'Bad_Name' }] } } })).rejects.toThrow(/s3\.buckets\.0\.name: bucket names are 3-63/);
    await expect(startAwsSim({ fixture: { s3: { buckets: [{ name: 'state' }, { name: 'state' }] } } })).rejects.toThrow("s3.buckets.1.name: duplicate bucket 'state'");
  });
});
