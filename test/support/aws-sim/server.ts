// The one loopback HTTP server: decode → faults → handler → encode, logging every call.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { SimError, toSimError } from './errors.js';
import type { Faults } from './faults.js';
import { newId } from './ids.js';
import { encodeError, encodeSuccess, type WireResponse } from './protocol/respond.js';
import type { Params } from './protocol/params.js';
import { RouteError, routeRequest, type RoutedCall } from './router.js';
import { handlers } from './services/registry.js';
import type { SimState } from './state.js';

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
}

/** Create (not start) the HTTP server. */
export function createSimServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    handle(req, res, deps).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const t0 = performance.now();
  const body = await readBody(req);
  const requestId = newId();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let call: RoutedCall;
  try {
    call = routeRequest(req.method ?? 'GET', url, req.headers, body);
  } catch (err) {
    const e = err instanceof RouteError ? err : new RouteError('rest', 'SerializationException', String(err));
    return finish(res, deps, { service: 'unknown', operation: `${req.method} ${url.pathname}`, params: {} }, encodeError(e.protocol, 'unknown', e, requestId), e.code, t0);
  }
  const { service, operation, protocol, params } = call;
  let wire: WireResponse;
  let errorCode: string | undefined;
  try {
    // Signatures are not verified, but an unsigned request would be a bug in the code under test.
    if (!req.headers.authorization) throw new SimError(protocol === 'query' ? 'MissingAuthenticationToken' : 'MissingAuthenticationTokenException', 'Request is missing Authentication Token', 403);
    const handler = handlers[service][operation];
    if (!handler) throw new SimError(protocol === 'query' ? 'InvalidAction' : 'UnknownOperationException', `The simulator does not implement ${service}:${operation}`, 400);
    const fault = deps.faults.take(service, operation);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.failure) throw fault.failure;
    const output = handler(params, { state: deps.state(), staleReads: fault.staleReads, now: new Date() });
    wire = encodeSuccess(protocol, service, operation, output, requestId);
  } catch (err) {
    const e = toSimError(service, err);
    errorCode = e.code;
    wire = encodeError(protocol, service, e, requestId);
  }
  finish(res, deps, { service, operation, params }, wire, errorCode, t0);
}

function finish(res: ServerResponse, deps: ServerDeps, call: { service: string; operation: string; params: Params }, wire: WireResponse, errorCode: string | undefined, t0: number): void {
  res.writeHead(wire.status, { ...wire.headers, 'content-length': Buffer.byteLength(wire.body) });
  res.end(wire.body);
  const record: RequestRecord = { ...call, status: wire.status, errorCode, ms: Math.round((performance.now() - t0) * 10) / 10 };
  deps.log.push(record);
  deps.onRequest?.(record);
}
