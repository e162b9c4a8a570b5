// S3 CopyObject (path-style, x-amz-copy-source): a server-side copy of one object, as jetscale uses it to back up
// Terraform state before changing it. Metadata is copied unless the request replaces it (MetadataDirective).
import { SimError } from '../errors.js';
import { optStr, reqStr } from '../protocol/params.js';
import { s3Xml } from '../protocol/s3-xml.js';
import type { Handler } from './context.js';
import { bucketOf } from './s3.js';

/** `bucket/key` (optionally with a leading `/` and `?versionId=`), URL-encoded as the SDK sends it. */
function parseCopySource(header: string): { bucket: string; key: string } {
  const [path = ''] = header.replace(/^\//, '').split('?');
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw new SimError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 400, { ArgumentName: 'x-amz-copy-source' });
  return { bucket: decodeURIComponent(path.slice(0, slash)), key: decodeURIComponent(path.slice(slash + 1)) };
}

/** CopyObject: NoSuchBucket / NoSuchKey for a missing source; copying an object onto itself needs REPLACE, as in S3. */
export const copyObject: Handler = (p, ctx) => {
  const headers = ctx.raw?.headers ?? {};
  const sourceHeader = headers['x-amz-copy-source'];
  const from = parseCopySource(Array.isArray(sourceHeader) ? (sourceHeader[0] ?? '') : (sourceHeader ?? ''));
  const source = bucketOf(ctx.state, from.bucket).objects.get(from.key);
  if (!source) throw new SimError('NoSuchKey', 'The specified key does not exist.', 404, { Key: from.key });
  const target = bucketOf(ctx.state, reqStr(p, 'Bucket'));
  const key = reqStr(p, 'Key');
  const directive = optStr(p, 'MetadataDirective') ?? 'COPY';
  if (target.name === from.bucket && key === from.key && directive !== 'REPLACE') {
    throw new SimError('InvalidRequest', 'This copy request is illegal because it is trying to copy an object to itself without changing the object\'s metadata, storage class, website redirect location or encryption attributes.', 400);
  }
  const metadata: Record<string, string> = {};
  if (directive === 'REPLACE') for (const [h, v] of Object.entries(headers)) if (h.startsWith('x-amz-meta-') && typeof v === 'string') metadata[h.slice('x-amz-meta-'.length)] = v;
  const copy = { ...source, key, body: Buffer.from(source.body), lastModified: ctx.now, metadata: directive === 'REPLACE' ? metadata : { ...source.metadata } };
  target.objects.set(key, copy);
  return s3Xml('CopyObjectResult', { ETag: copy.etag, LastModified: copy.lastModified.toISOString() });
};
