// S3 listings (ListBuckets, ListObjectsV2 and V1 with prefix/delimiter/pages) and DeleteObjects.
import { ParamError, SimError } from '../errors.js';
import type { Bucket, S3Object } from '../model.js';
import { optInt, optStr, reqStr } from '../protocol/params.js';
import { decodeS3Body } from '../protocol/s3-body.js';
import { s3Xml } from '../protocol/s3-xml.js';
import type { Handler } from './context.js';
import { bucketOf } from './s3.js';

const OWNER = { ID: 'fa4e0c1d2b3a49586776a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', DisplayName: 'jetscale-simulator' };

interface Listing {
  contents: S3Object[];
  prefixes: string[];
  truncated: boolean;
  /** Where the next page starts: after this key, or after every key under this common prefix. */
  resume: { after: string; prefix: boolean } | undefined;
}

// Keys in order, grouped by delimiter into common prefixes; each object or common prefix counts once towards maxKeys.
function list(b: Bucket, prefix: string, delimiter: string | undefined, from: { after: string; prefix: boolean } | undefined, maxKeys: number): Listing {
  const keys = [...b.objects.keys()].filter((k) => k.startsWith(prefix)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const out: Listing = { contents: [], prefixes: [], truncated: false, resume: undefined };
  if (maxKeys === 0) return out;
  for (const key of keys) {
    if (from && (key <= from.after || (from.prefix && key.startsWith(from.after)))) continue;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? key.slice(0, cut + (delimiter?.length ?? 0)) : undefined;
    if (common !== undefined && out.prefixes.at(-1) === common) continue;
    if (out.contents.length + out.prefixes.length >= maxKeys) {
      out.truncated = true;
      break;
    }
    if (common !== undefined) {
      out.prefixes.push(common);
      out.resume = { after: common, prefix: true };
    } else {
      out.contents.push(b.objects.get(key) as S3Object);
      out.resume = { after: key, prefix: false };
    }
  }
  if (!out.truncated) out.resume = undefined;
  return out;
}

const entry = (o: S3Object, owner: boolean) => ({ Key: o.key, LastModified: o.lastModified, ETag: o.etag, Size: o.body.length, Owner: owner ? OWNER : undefined, StorageClass: 'STANDARD' });

function decodeToken(token: string): { after: string; prefix: boolean } {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown; p?: unknown };
    if (typeof v.a === 'string') return { after: v.a, prefix: v.p === true };
  } catch {
    // fall through: not a token this simulator issued
  }
  throw new SimError('InvalidArgument', 'The continuation token provided is incorrect', 400, { ArgumentName: 'continuation-token' });
}

/** ListObjectsV2: prefix, delimiter, max-keys (0-1000), start-after and opaque continuation tokens. */
export const listObjectsV2: Handler = (p, { state }) => {
  const b = bucketOf(state, reqStr(p, 'Bucket'));
  const prefix = optStr(p, 'Prefix') ?? '';
  const delimiter = optStr(p, 'Delimiter');
  const maxKeys = optInt(p, 'MaxKeys', 0, 2_147_483_647) ?? 1000;
  const token = optStr(p, 'ContinuationToken');
  const startAfter = optStr(p, 'StartAfter');
  const from = token !== undefined ? decodeToken(token) : startAfter !== undefined ? { after: startAfter, prefix: false } : undefined;
  const r = list(b, prefix, delimiter, from, Math.min(maxKeys, 1000));
  return s3Xml('ListBucketResult', {
    Name: b.name, Prefix: prefix, Delimiter: delimiter, MaxKeys: maxKeys, KeyCount: r.contents.length + r.prefixes.length,
    IsTruncated: r.truncated, ContinuationToken: token, StartAfter: startAfter,
    NextContinuationToken: r.resume ? Buffer.from(JSON.stringify({ a: r.resume.after, p: r.resume.prefix })).toString('base64url') : undefined,
    Contents: r.contents.map((o) => entry(o, optStr(p, 'FetchOwner') === 'true')),
    CommonPrefixes: r.prefixes.map((x) => ({ Prefix: x })),
  });
};

/** ListObjects (V1): Marker, and NextMarker only when a delimiter is given (as S3 does). */
export const listObjects: Handler = (p, { state }) => {
  const b = bucketOf(state, reqStr(p, 'Bucket'));
  const prefix = optStr(p, 'Prefix') ?? '';
  const delimiter = optStr(p, 'Delimiter');
  const marker = optStr(p, 'Marker');
  const maxKeys = optInt(p, 'MaxKeys', 0, 2_147_483_647) ?? 1000;
  const r = list(b, prefix, delimiter, marker === undefined ? undefined : { after: marker, prefix: false }, Math.min(maxKeys, 1000));
  return s3Xml('ListBucketResult', {
    Name: b.name, Prefix: prefix, Marker: marker ?? '', NextMarker: r.resume && delimiter ? r.resume.after : undefined, MaxKeys: maxKeys,
    Delimiter: delimiter, IsTruncated: r.truncated, Contents: r.contents.map((o) => entry(o, true)), CommonPrefixes: r.prefixes.map((x) => ({ Prefix: x })),
  });
};

/** ListBuckets: every bucket with its creation date. */
export const listBuckets: Handler = (_p, { state }) =>
  s3Xml('ListAllMyBucketsResult', { Owner: OWNER, Buckets: { Bucket: state.buckets.all().map((b) => ({ Name: b.name, CreationDate: b.createdAt })) } });

const unescape = (s: string): string => s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');

/** DeleteObjects: up to 1,000 keys from the <Delete> document; Quiet reports only errors (there are none for absent keys). */
export const deleteObjects: Handler = (p, ctx) => {
  const b = bucketOf(ctx.state, reqStr(p, 'Bucket'));
  if (!ctx.raw) throw new Error('S3 handler called without the raw request');
  const xml = decodeS3Body(ctx.raw.body, ctx.raw.headers).body.toString('utf8');
  if (!/<Delete[\s>]/.test(xml)) throw new SimError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const keys = [...xml.matchAll(/<Object>\s*<Key>([\s\S]*?)<\/Key>/g)].map((m) => unescape(m[1] ?? ''));
  if (keys.length > 1000) throw new ParamError('DeleteObjects accepts at most 1000 keys');
  for (const k of keys) b.objects.delete(k);
  const quiet = /<Quiet>\s*true\s*<\/Quiet>/.test(xml);
  return s3Xml('DeleteResult', { Deleted: quiet ? [] : keys.map((Key) => ({ Key })) });
};

/** S3 listing operations. */
export const s3ListHandlers: Record<string, Handler> = { ListBuckets: listBuckets, ListObjectsV2: listObjectsV2, ListObjects: listObjects, DeleteObjects: deleteObjects };
