// The one loopback HTTP server: decode → faults → handler → encode, logging every call.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { SimError, toSimError } from './errors.js';
import type { Faults } from './faults.js';
import { newId } from './ids.js';
import { encodeError, encodeSuccess, type WireResponse } from './protocol/respond.js';
import type { Params } from './protocol/params.js';
import { RouteError, routeRequest, type Protocol, type RoutedCall } from './router.js';
import { handlers } from './services/registry.js';
import type { SimState } from './state.js';
import { enforceSessionPolicy, signingKey } from './session-policy.js';

/** One logged call. */
export interface RequestRecord {
  service: string;
  operation: string;
  params: Params;
  status: number;
  errorCode: string | undefined;
  ms: number;
}

/** What the server needs from the simulator. */
export interface ServerDeps {
  state: () => SimState;
  faults: Faults;
  log: RequestRecord[];
  onRequest: ((r: RequestRecord) => void) | undefined;
  /** Answers /_sim/* (the control API); never faulted and never logged as a request. */
  control: (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>;
}

// The error codes for "no credentials" and "no such operation" differ per protocol family.
const missingAuth: Record<Protocol, [string, string]> = {
  query: ['MissingAuthenticationToken', 'Request is missing Authentication Token'],
  json: ['MissingAuthenticationTokenException', 'Request is missing Authentication Token'],
  rest: ['MissingAuthenticationTokenException', 'Request is missing Authentication Token'],
  s3: ['AccessDenied', 'Access Denied'],
};
const notImplemented: Record<Protocol, [string, number]> = { query: ['InvalidAction', 400], json: ['UnknownOperationException', 400], rest: ['UnknownOperationException', 400], s3: ['NotImplemented', 501] };

/** Create (not start) the HTTP server. */
export function createSimServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    handle(req, res, deps).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const t0 = performance.now();
  const body = await readBody(req);
  const requestId = newId();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) return deps.control(req, res, body);
  let call: RoutedCall;
  try {
    call = routeRequest(req.method ?? 'GET', url, req.headers, () => body.toString('utf8'));
  } catch (err) {
    const e = err instanceof RouteError ? err : new RouteError('rest', 'SerializationException', String(err));
    return finish(res, deps, { service: 'unknown', operation: `${req.method} ${url.pathname}`, params: {} }, encodeError(e.protocol, 'unknown', e, requestId), e.code, t0);
  }
  const { service, operation, protocol, params } = call;
  let wire: WireResponse;
  let errorCode: string | undefined;
  try {
    // Signatures are not verified, but an unsigned request would be a bug in the code under test.
    if (!req.headers.authorization && !url.searchParams.has('X-Amz-Signature')) throw new SimError(...missingAuth[protocol], 403);
    const handler = handlers[service][operation];
    if (!handler) throw new SimError(notImplemented[protocol][0], `The simulator does not implement ${service}:${operation}`, notImplemented[protocol][1]);
    enforceSessionPolicy(deps.state().sessions, signingKey(req.headers, url), service, operation);
    const fault = deps.faults.take(service, operation);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.failure) throw fault.failure;
    const raw = { method: req.method ?? 'GET', headers: req.headers, body };
    const output = handler(params, { state: deps.state(), staleReads: fault.staleReads, now: new Date(), raw });
    wire = encodeSuccess(protocol, service, operation, output, requestId);
  } catch (err) {
    const e = toSimError(service, err);
    errorCode = e.code;
    wire = encodeError(protocol, service, e, requestId);
  }
  finish(res, deps, { service, operation, params }, wire, errorCode, t0);
}

function finish(res: ServerResponse, deps: ServerDeps, call: { service: string; operation: string; params: Params }, wire: WireResponse, errorCode: string | undefined, t0: number): void {
  // HEAD answers declare the object's length and send no body; 204 and 304 carry no length at all.
  const length = wire.status === 204 || wire.status === 304 ? {} : { 'content-length': Buffer.byteLength(wire.body) };
  res.writeHead(wire.status, { ...length, ...wire.headers });
  res.end(wire.body);
  const record: RequestRecord = { ...call, status: wire.status, errorCode, ms: Math.round((performance.now() - t0) * 10) / 10 };
  deps.log.push(record);
  deps.onRequest?.(record);
}
