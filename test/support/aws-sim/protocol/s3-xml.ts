// The S3 REST-XML wire shape: repeated elements for lists, the <Error> body, and handler replies that carry status and headers.
import type { SimError } from '../errors.js';
import { escapeXml } from './query.js';

/** What an S3 handler returns: S3 answers with headers and raw bodies, not one output structure. */
export type S3Reply = {
  $s3: true;
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
};

/** Build an S3 reply. */
export function s3Reply(status: number, headers: Record<string, string> = {}, body: Buffer | string = ''): S3Reply {
  return { $s3: true, status, headers, body };
}

/** Whether a handler output is an S3 reply. */
export function isS3Reply(v: unknown): v is S3Reply {
  return typeof v === 'object' && v !== null && (v as { $s3?: unknown }).$s3 === true;
}

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

// S3 lists are the element repeated (<Contents>…</Contents><Contents>…</Contents>), unlike awsQuery's <member>.
function element(name: string, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map((x) => element(name, x)).join('');
  if (v instanceof Date) return `<${name}>${v.toISOString()}</${name}>`;
  if (typeof v === 'object') return `<${name}>${children(v as Record<string, unknown>)}</${name}>`;
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

function children(obj: Record<string, unknown>): string {
  let s = '';
  for (const k in obj) s += element(k, obj[k]);
  return s;
}

/** A 200 XML document with the S3 namespace on its root element. */
export function s3Xml(root: string, content: Record<string, unknown>): S3Reply {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">${children(content)}</${root}>`;
  return s3Reply(200, { 'content-type': 'application/xml' }, body);
}

/** The S3 error document: <Error><Code/><Message/>…extra…<RequestId/><HostId/></Error>. */
export function s3ErrorBody(err: SimError, requestId: string, hostId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>` +
    `${children(err.extra)}<RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`;
}
