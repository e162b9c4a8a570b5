// Map a path-style S3 request (/<bucket>/<key>?<subresource>) to an operation name and the parameters the log shows.
import type { Params } from '../protocol/params.js';

type Headers = Record<string, string | string[] | undefined>;

// Subresources that name the operation (?versioning → GetBucketVersioning); others fall through to an unimplemented name.
const bucketSub: Record<string, string> = {
  versioning: 'BucketVersioning', location: 'BucketLocation', tagging: 'BucketTagging', acl: 'BucketAcl', policy: 'BucketPolicy',
  cors: 'BucketCors', lifecycle: 'BucketLifecycleConfiguration', encryption: 'BucketEncryption', 'object-lock': 'ObjectLockConfiguration',
  publicAccessBlock: 'PublicAccessBlock', ownershipControls: 'BucketOwnershipControls', logging: 'BucketLogging', website: 'BucketWebsite',
  notification: 'BucketNotificationConfiguration', replication: 'BucketReplication', accelerate: 'BucketAccelerateConfiguration',
  requestPayment: 'BucketRequestPayment', policyStatus: 'BucketPolicyStatus',
};
const objectSub: Record<string, string> = { tagging: 'ObjectTagging', acl: 'ObjectAcl', retention: 'ObjectRetention', 'legal-hold': 'ObjectLegalHold', attributes: 'ObjectAttributes' };
// Query keys that are parameters, not subresources.
const plain = new Set(['x-id', 'list-type', 'prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after', 'encoding-type', 'fetch-owner', 'marker', 'versionId', 'partNumber', 'uploadId', 'response-content-type']);

const pascal = (k: string): string => k.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
const one = (h: string | string[] | undefined): string | undefined => (Array.isArray(h) ? h[0] : h);

function operationOf(method: string, bucket: string, key: string | undefined, q: URLSearchParams, headers: Headers): string {
  const sub = [...q.keys()].find((k) => !plain.has(k) && !k.startsWith('X-Amz-'));
  if (!bucket) return method === 'GET' ? 'ListBuckets' : `${pascal(method.toLowerCase())}Service`;
  if (key === undefined) {
    if (method === 'HEAD') return 'HeadBucket';
    if (sub === 'uploads') return 'ListMultipartUploads';
    if (sub === 'versions') return 'ListObjectVersions';
    if (method === 'POST') return sub === 'delete' ? 'DeleteObjects' : `PostBucket${pascal(sub ?? '')}`;
    const verb = { GET: 'Get', PUT: 'Put', DELETE: 'Delete' }[method] ?? pascal(method.toLowerCase());
    if (sub !== undefined) return `${verb}${bucketSub[sub] ?? `Bucket${pascal(sub)}`}`;
    if (method === 'GET') return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    return { PUT: 'CreateBucket', DELETE: 'DeleteBucket' }[method] ?? `${verb}Bucket`;
  }
  if (method === 'POST') return sub === 'uploads' ? 'CreateMultipartUpload' : q.has('uploadId') ? 'CompleteMultipartUpload' : `PostObject${pascal(sub ?? '')}`;
  if (q.has('uploadId')) return { PUT: 'UploadPart', GET: 'ListParts', DELETE: 'AbortMultipartUpload' }[method] ?? 'MultipartUpload';
  const verb = { GET: 'Get', PUT: 'Put', DELETE: 'Delete', HEAD: 'Head' }[method] ?? pascal(method.toLowerCase());
  if (sub !== undefined) return `${verb}${objectSub[sub] ?? `Object${pascal(sub)}`}`;
  if (method === 'PUT' && one(headers['x-amz-copy-source']) !== undefined) return 'CopyObject';
  return `${verb}Object`;
}

/** The operation and logged parameters (Bucket, Key, query as SDK names, conditional headers; never the body). */
export function routeS3(method: string, url: URL, headers: Headers): { operation: string; params: Params } {
  const path = url.pathname.slice(1);
  const slash = path.indexOf('/');
  const bucket = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
  const rawKey = slash < 0 ? '' : path.slice(slash + 1);
  const key = rawKey === '' ? undefined : decodeURIComponent(rawKey);
  const operation = operationOf(method, bucket, key, url.searchParams, headers);
  const params: Params = {};
  if (bucket) params.Bucket = bucket;
  if (key !== undefined) params.Key = key;
  for (const [k, v] of url.searchParams) if (k !== 'x-id' && !k.startsWith('X-Amz-')) params[pascal(k)] = v;
  const header = (h: string, name: string) => {
    const v = one(headers[h]);
    if (v !== undefined) params[name] = v;
  };
  header('if-none-match', 'IfNoneMatch');
  header('if-match', 'IfMatch');
  header('x-amz-checksum-mode', 'ChecksumMode');
  header('x-amz-copy-source', 'CopySource');
  header('x-amz-metadata-directive', 'MetadataDirective');
  if (method === 'PUT' || method === 'POST') header('x-amz-decoded-content-length', 'ContentLength');
  if ((method === 'PUT' || method === 'POST') && params.ContentLength === undefined) header('content-length', 'ContentLength');
  return { operation, params };
}
