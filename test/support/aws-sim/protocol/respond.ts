// Encode a handler's output or a SimError in the wire shape of the caller's protocol.
import type { SimError } from '../errors.js';
import { queryError, queryResponse } from './query.js';
import { isS3Reply, s3ErrorBody } from './s3-xml.js';

/** Status, headers and body of one HTTP response. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

// JSON protocols send timestamps as epoch seconds; Date.toJSON runs before a replacer sees the value, so read the raw one.
function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

/** A successful response. */
export function encodeSuccess(protocol: string, service: string, operation: string, output: Record<string, unknown>, requestId: string): WireResponse {
  if (protocol === 's3') {
    if (!isS3Reply(output)) throw new Error(`S3 handler ${operation} returned no S3 reply`);
    return { status: output.status, headers: { ...s3Ids(requestId), ...output.headers }, body: output.body };
  }
  const base = { 'x-amzn-requestid': requestId };
  if (protocol === 'query') return { status: 200, headers: { ...base, 'content-type': 'text/xml' }, body: queryResponse(service, operation, output, requestId) };
  const contentType = protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
  return { status: 200, headers: { ...base, 'content-type': contentType }, body: toJson(output) };
}

// S3 names its request ids differently from every other service.
function s3Ids(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId.replace(/-/g, '').slice(0, 16).toUpperCase(), 'x-amz-id-2': Buffer.from(requestId).toString('base64') };
}

/** An error response: Query XML, JSON `__type` + message, REST-JSON with `x-amzn-errortype`, or S3's <Error> document. */
export function encodeError(protocol: string, service: string, err: SimError, requestId: string): WireResponse {
  if (protocol === 's3') {
    const ids = s3Ids(requestId);
    // A 304 has no body; HEAD bodies are dropped by node:http, which is what S3 does too.
    const body = err.status === 304 ? '' : s3ErrorBody(err, ids['x-amz-request-id'] ?? '', ids['x-amz-id-2'] ?? '');
    return { status: err.status, headers: { ...ids, 'content-type': 'application/xml' }, body };
  }
  const base = { 'x-amzn-requestid': requestId };
  if (protocol === 'query') return { status: err.status, headers: { ...base, 'content-type': 'text/xml' }, body: queryError(service, err, requestId) };
  if (protocol === 'json') {
    return { status: err.status, headers: { ...base, 'content-type': 'application/x-amz-json-1.1' }, body: toJson({ __type: err.code, message: err.message, ...err.extra }) };
  }
  return { status: err.status, headers: { ...base, 'content-type': 'application/json', 'x-amzn-errortype': err.code }, body: toJson({ message: err.message, ...err.extra }) };
}
