// S3 buckets and objects (path-style REST-XML): enough for Terraform's S3 backend, conditional writes included.
import { createHash } from 'node:crypto';
import { SimError } from '../errors.js';
import type { Bucket, S3Object } from '../model.js';
import { optStr, reqStr, type Params } from '../protocol/params.js';
import { decodeS3Body } from '../protocol/s3-body.js';
import { s3Reply, s3Xml } from '../protocol/s3-xml.js';
import type { SimState } from '../state.js';
import type { Handler, OpContext, RawRequest } from './context.js';

/** S3's bucket naming rules: 3-63 lowercase letters, digits, dots and hyphens, letter or digit at both ends. */
export const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The bucket or NoSuchBucket (404). */
export function bucketOf(state: SimState, name: string): Bucket {
  const b = state.buckets.get(name);
  if (!b) throw new SimError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
  return b;
}

function objectOf(b: Bucket, key: string): S3Object {
  const o = b.objects.get(key);
  if (!o) throw new SimError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
  return o;
}

function rawOf(ctx: OpContext): RawRequest {
  if (!ctx.raw) throw new Error('S3 handler called without the raw request');
  return ctx.raw;
}

const precondition = (condition: string): SimError =>
  new SimError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });

// If-Match / If-None-Match carry one or more quoted ETags, or "*".
const etagIn = (header: string, etag: string): boolean => header.split(',').map((s) => s.trim()).some((e) => e === '*' || e === etag || `"${e}"` === etag);

function objectHeaders(o: S3Object): Record<string, string> {
  const h: Record<string, string> = {
    etag: o.etag, 'last-modified': o.lastModified.toUTCString(), 'content-type': o.contentType,
    'accept-ranges': 'bytes', 'x-amz-server-side-encryption': 'AES256',
  };
  for (const [k, v] of Object.entries(o.metadata)) h[`x-amz-meta-${k}`] = v;
  return h;
}

/** PutObject: If-None-Match: * refuses to overwrite (412), If-Match needs the current ETag; checksums are verified. */
const putObject: Handler = (p, ctx) => {
  const b = bucketOf(ctx.state, reqStr(p, 'Bucket'));
  const key = reqStr(p, 'Key');
  const raw = rawOf(ctx);
  const { body, checksum } = decodeS3Body(raw.body, raw.headers);
  const existing = b.objects.get(key);
  const ifNoneMatch = optStr(p, 'IfNoneMatch');
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') throw new SimError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, { Header: 'If-None-Match' });
  if (ifNoneMatch !== undefined && existing) throw precondition('If-None-Match');
  const ifMatch = optStr(p, 'IfMatch');
  if (ifMatch !== undefined && !existing) throw new SimError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
  if (ifMatch !== undefined && existing && !etagIn(ifMatch, existing.etag)) throw precondition('If-Match');
  const metadata: Record<string, string> = {};
  for (const [h, v] of Object.entries(raw.headers)) if (h.startsWith('x-amz-meta-') && typeof v === 'string') metadata[h.slice('x-amz-meta-'.length)] = v;
  const contentType = typeof raw.headers['content-type'] === 'string' ? raw.headers['content-type'] : 'binary/octet-stream';
  const o: S3Object = { key, body, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: ctx.now, contentType, metadata, checksum };
  b.objects.set(key, o);
  const headers: Record<string, string> = { etag: o.etag, 'x-amz-server-side-encryption': 'AES256' };
  if (checksum) headers[`x-amz-checksum-${checksum.algorithm.toLowerCase()}`] = checksum.value;
  return s3Reply(200, headers);
};

// Shared by GET and HEAD: the object after its read preconditions (If-Match → 412, If-None-Match → 304).
function readObject(p: Params, ctx: OpContext): { o: S3Object; notModified: boolean; headers: Record<string, string> } {
  const o = objectOf(bucketOf(ctx.state, reqStr(p, 'Bucket')), reqStr(p, 'Key'));
  const ifMatch = optStr(p, 'IfMatch');
  if (ifMatch !== undefined && !etagIn(ifMatch, o.etag)) throw precondition('If-Match');
  const ifNoneMatch = optStr(p, 'IfNoneMatch');
  const headers = objectHeaders(o);
  if (o.checksum && optStr(p, 'ChecksumMode') === 'ENABLED') {
    headers[`x-amz-checksum-${o.checksum.algorithm.toLowerCase()}`] = o.checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  return { o, notModified: ifNoneMatch !== undefined && etagIn(ifNoneMatch, o.etag), headers };
}

/** GetObject: the stored bytes with their ETag, Last-Modified, Content-Type and metadata. */
const getObject: Handler = (p, ctx) => {
  const { o, notModified, headers } = readObject(p, ctx);
  if (notModified) return s3Reply(304, { etag: o.etag, 'last-modified': headers['last-modified'] ?? '' });
  return s3Reply(200, headers, o.body);
};

/** HeadObject: GetObject's headers (Content-Length of the object) and no body; 404 without a body when absent. */
const headObject: Handler = (p, ctx) => {
  const { o, notModified, headers } = readObject(p, ctx);
  if (notModified) return s3Reply(304, { etag: o.etag });
  return s3Reply(200, { ...headers, 'content-length': String(o.body.length) });
};

/** DeleteObject: 204 whether or not the key existed (unversioned buckets). */
const deleteObject: Handler = (p, { state }) => {
  bucketOf(state, reqStr(p, 'Bucket')).objects.delete(reqStr(p, 'Key'));
  return s3Reply(204);
};

/** CreateBucket: InvalidBucketName, or BucketAlreadyOwnedByYou (409) when it exists. */
const createBucket: Handler = (p, { state, now }) => {
  const name = reqStr(p, 'Bucket');
  if (!BUCKET_NAME.test(name)) throw new SimError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  if (state.buckets.has(name)) throw new SimError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: name });
  state.buckets.set(name, { name, createdAt: now, versioning: undefined, tags: {}, objects: new Map() });
  return s3Reply(200, { location: `/${name}` });
};

/** DeleteBucket: BucketNotEmpty (409) while objects remain. */
const deleteBucket: Handler = (p, { state }) => {
  const b = bucketOf(state, reqStr(p, 'Bucket'));
  if (b.objects.size) throw new SimError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: b.name });
  state.buckets.delete(b.name);
  return s3Reply(204);
};

/** HeadBucket: 200 with the bucket's region, 404 (no body) when absent. */
const headBucket: Handler = (p, { state }) => {
  bucketOf(state, reqStr(p, 'Bucket'));
  return s3Reply(200, { 'x-amz-bucket-region': state.region });
};

/** GetBucketVersioning: an empty configuration for a bucket that never had versioning. */
const getBucketVersioning: Handler = (p, { state }) => s3Xml('VersioningConfiguration', { Status: bucketOf(state, reqStr(p, 'Bucket')).versioning });

/** GetBucketLocation: empty for us-east-1, as S3 answers. */
const getBucketLocation: Handler = (p, { state }) => {
  bucketOf(state, reqStr(p, 'Bucket'));
  const region = state.region === 'us-east-1' ? '' : state.region;
  return s3Reply(200, { 'content-type': 'application/xml' }, `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region}</LocationConstraint>`);
};

/** S3 bucket and single-object operations (listings and DeleteObjects live in s3-list.ts). */
export const s3Handlers: Record<string, Handler> = {
  CreateBucket: createBucket,
  DeleteBucket: deleteBucket,
  HeadBucket: headBucket,
  GetBucketVersioning: getBucketVersioning,
  GetBucketLocation: getBucketLocation,
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
};
