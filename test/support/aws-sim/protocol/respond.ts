// Encode a handler's output or a SimError in the wire shape of the caller's protocol.
import type { SimError } from '../errors.js';
import { queryError, queryResponse } from './query.js';

/** Status, headers and body of one HTTP response. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
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
  const base = { 'x-amzn-requestid': requestId };
  if (protocol === 'query') return { status: 200, headers: { ...base, 'content-type': 'text/xml' }, body: queryResponse(service, operation, output, requestId) };
  const contentType = protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
  return { status: 200, headers: { ...base, 'content-type': contentType }, body: toJson(output) };
}

/** An error response: Query XML, JSON `__type` + message, or REST-JSON with `x-amzn-errortype`. */
export function encodeError(protocol: string, service: string, err: SimError, requestId: string): WireResponse {
  const base = { 'x-amzn-requestid': requestId };
  if (protocol === 'query') return { status: err.status, headers: { ...base, 'content-type': 'text/xml' }, body: queryError(service, err, requestId) };
  if (protocol === 'json') {
    return { status: err.status, headers: { ...base, 'content-type': 'application/x-amz-json-1.1' }, body: toJson({ __type: err.code, message: err.message, ...err.extra }) };
  }
  return { status: err.status, headers: { ...base, 'content-type': 'application/json', 'x-amzn-errortype': err.code }, body: toJson({ message: err.message, ...err.extra }) };
}
