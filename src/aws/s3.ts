// S3 facade: the Terraform state bucket and small JSON/text objects (locks, markers) the deploy and janitor keep.
// With an endpoint override (simulator, VPC endpoint) the client uses path-style addressing: <endpoint>/<bucket>/<key>.
import type { Performed } from '../core/effects.js';
import type { AwsClients } from './clients.js';
import { collectPages } from './paginate.js';
import { ranOutput, toPerformed } from './skipped.js';

/** An object as ListObjectsV2 lists it. */
export interface ObjectInfo {
  key: string;
  size: number | undefined;
  etag: string | undefined;
  lastModified: Date | undefined;
}

/** Bucket and key of one object. */
export interface ObjectRef {
  bucket: string;
  key: string;
}

/** An object to write, optionally only if the key does not exist yet. */
export interface PutObjectInput extends ObjectRef {
  body: string | Uint8Array;
  contentType?: string;
  /** `*`: create only; fails with `PreconditionFailed` (412) when the key exists. */
  ifNoneMatch?: '*';
  /** Write only if the object still has this ETag (optimistic concurrency); fails with `PreconditionFailed` (412). */
  ifMatch?: string;
}

/** The S3 operations jetscale uses. */
export interface S3Facade {
  /** Resolves when the bucket exists and is ours to read; AwsNotFoundError when it does not exist. */
  headBucket(bucket: string): Promise<{ region: string | undefined }>;
  /** An object's metadata without its body; AwsNotFoundError (`NotFound`) when the key does not exist. */
  headObject(ref: ObjectRef): Promise<{ etag: string | undefined; lastModified: Date | undefined; size: number | undefined }>;
  getObjectText(ref: ObjectRef): Promise<{ text: string; etag: string | undefined; lastModified: Date | undefined }>;
  putObject(input: PutObjectInput): Promise<Performed<{ etag: string | undefined; versionId: string | undefined }>>;
  deleteObject(ref: ObjectRef): Promise<Performed<void>>;
  /** Every object under `prefix` (all pages). */
  listObjectsV2(bucket: string, opts?: { prefix?: string }): Promise<ObjectInfo[]>;
  copyObject(from: ObjectRef, to: ObjectRef): Promise<Performed<{ etag: string | undefined }>>;
}

/** Builds the S3 facade over the run's clients. */
export function createS3(clients: AwsClients): S3Facade {
  const sdk = () => import('@aws-sdk/client-s3');
  const client = () => clients.get('s3');
  return {
    async headBucket(bucket) {
      const { HeadBucketCommand: C } = await sdk();
      const out = ranOutput(await (await client()).send(new C({ Bucket: bucket }), clients.sendOptions));
      return { region: out.BucketRegion };
    },
    async headObject({ bucket, key }) {
      const { HeadObjectCommand: C } = await sdk();
      const out = ranOutput(await (await client()).send(new C({ Bucket: bucket, Key: key }), clients.sendOptions));
      return { etag: out.ETag, lastModified: out.LastModified, size: out.ContentLength };
    },
    async getObjectText({ bucket, key }) {
      const { GetObjectCommand: C } = await sdk();
      const out = ranOutput(await (await client()).send(new C({ Bucket: bucket, Key: key }), clients.sendOptions));
      return { text: (await out.Body?.transformToString('utf-8')) ?? '', etag: out.ETag, lastModified: out.LastModified };
    },
    async putObject({ bucket, key, body, contentType, ifNoneMatch, ifMatch }) {
      const { PutObjectCommand: C } = await sdk();
      const out = await (await client()).send(new C({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, IfNoneMatch: ifNoneMatch, IfMatch: ifMatch }), clients.sendOptions);
      return toPerformed(out, (o) => ({ etag: o.ETag, versionId: o.VersionId }));
    },
    async deleteObject({ bucket, key }) {
      const { DeleteObjectCommand: C } = await sdk();
      return toPerformed(await (await client()).send(new C({ Bucket: bucket, Key: key }), clients.sendOptions), () => undefined);
    },
    async listObjectsV2(bucket, opts = {}) {
      const { ListObjectsV2Command: C } = await sdk();
      const c = await client();
      const objects = await collectPages('s3:ListObjectsV2', async (ContinuationToken) => {
        const out = ranOutput(await c.send(new C({ Bucket: bucket, Prefix: opts.prefix, ContinuationToken }), clients.sendOptions));
        return { items: out.Contents, next: out.IsTruncated ? out.NextContinuationToken : undefined };
      });
      return objects.map((o) => ({ key: o.Key ?? '', size: o.Size, etag: o.ETag, lastModified: o.LastModified }));
    },
    async copyObject(from, to) {
      const { CopyObjectCommand: C } = await sdk();
      const CopySource = `${from.bucket}/${encodeURIComponent(from.key).replace(/%2F/g, '/')}`;
      const out = await (await client()).send(new C({ Bucket: to.bucket, Key: to.key, CopySource }), clients.sendOptions);
      return toPerformed(out, (o) => ({ etag: o.CopyObjectResult?.ETag }));
    },
  };
}
