// Decide which service and operation an incoming request is, from X-Amz-Target, the form Action/Version, or the REST path.
import { SimError } from './errors.js';
import type { Params } from './protocol/params.js';
import { parseQueryForm } from './protocol/query.js';
import { routeEks } from './services/eks.js';
import { routeS3 } from './services/s3-route.js';
import type { ServiceId } from './services/registry.js';

/** Wire protocol families, which decide the response and error shapes. */
export type Protocol = 'query' | 'json' | 'rest' | 's3';

/** A decoded call. */
export interface RoutedCall {
  service: ServiceId;
  operation: string;
  protocol: Protocol;
  params: Params;
}

const queryVersions: Record<string, ServiceId> = { '2015-12-01': 'elbv2', '2011-06-15': 'sts' };
const jsonTargets: Record<string, ServiceId> = { secretsmanager: 'secretsmanager', ResourceGroupsTaggingAPI_20170126: 'tagging' };

// The service a request was signed for ("Credential=AKID/date/region/<service>/aws4_request", header or presigned query).
function signedService(url: URL, headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  const credential = (typeof auth === 'string' ? /Credential=([^,\s]+)/.exec(auth)?.[1] : undefined) ?? url.searchParams.get('X-Amz-Credential') ?? '';
  return credential.split('/')[3];
}

/** Route a request; a SimError carries the protocol to answer in when the call cannot be decoded. */
export function routeRequest(method: string, url: URL, headers: Record<string, string | string[] | undefined>, body: () => string): RoutedCall {
  // S3 and EKS are both REST; the signing scope tells them apart, so a bucket named "clusters" is still S3.
  const signed = signedService(url, headers);
  if (signed === 's3' || (signed === undefined && !headers['x-amz-target'] && !url.pathname.startsWith('/clusters') && method !== 'POST')) {
    const s3 = routeS3(method, url, headers);
    return { service: 's3', operation: s3.operation, protocol: 's3', params: s3.params };
  }
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix = '', operation = ''] = target.split('.');
    const service = jsonTargets[prefix];
    if (!service) throw new RouteError('json', 'UnknownOperationException', `Unknown target ${target}`);
    let params: Params;
    try {
      const text = body();
      params = text ? (JSON.parse(text) as Params) : {};
    } catch {
      throw new RouteError('json', 'SerializationException', 'Request body is not valid JSON');
    }
    return { service, operation, protocol: 'json', params };
  }
  const contentType = String(headers['content-type'] ?? '');
  if (method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) {
    const text = body();
    const form = new URLSearchParams(text);
    const service = queryVersions[form.get('Version') ?? ''];
    const operation = form.get('Action') ?? '';
    if (!service) throw new RouteError('query', 'InvalidAction', `Could not find operation ${operation} for version ${form.get('Version')}`);
    return { service, operation, protocol: 'query', params: parseQueryForm(text) };
  }
  const eks = routeEks(method, url);
  if (eks) return { service: 'eks', operation: eks.operation, protocol: 'rest', params: eks.params };
  throw new RouteError('rest', 'UnknownOperationException', `No operation for ${method} ${url.pathname}`, 404);
}

/** A request that matched no simulated operation. */
export class RouteError extends SimError {
  constructor(readonly protocol: Protocol, code: string, message: string, status = 400) {
    super(code, message, status);
  }
}
