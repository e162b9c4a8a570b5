// The HTTPS listener: request log, fault injection, bearer-token auth, body parsing, Status errors.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { dispatch } from './dispatch.js';
import type { Faults, FaultSpec } from './faults.js';
import { health } from './health.js';
import { decodeProtobuf, isProtobuf } from './protobuf.js';
import { route } from './router.js';
import type { SimState } from './state.js';
import { KubeError, badRequest, statusBody } from './status.js';
import { serveWatch } from './watch.js';

/** One line of `sim.requests`. */
export interface RequestRecord {
  verb: string;
  method: string;
  path: string;
  query: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** HTTP status sent; 0 while pending or when the request was never answered (hang). */
  status: number;
}

/** What the listener needs from the simulator. */
export interface ServerDeps {
  state: SimState;
  faults: Faults;
  token: string;
  requests: RequestRecord[];
  onRequest?: (r: RequestRecord) => void;
  /** BOOKMARK interval of watches that allow bookmarks (default 1000 ms). */
  bookmarkMs?: number;
}

function send(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length > 0 && isProtobuf(req.headers['content-type'] ?? '')) return decodeProtobuf(raw);
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return (req.headers['content-type'] ?? '').includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw badRequest(`could not parse request body: ${(err as Error).message}`);
  }
}

// A hung request waits for the client to give up; the timer is a backstop so stop() never waits on it.
function hang(req: IncomingMessage, ms: number): Promise<'closed' | 'timeout'> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve('timeout'), ms);
    req.socket.once('close', () => { clearTimeout(t); resolve('closed'); });
  });
}

function faultError(spec: FaultSpec): { err: KubeError; headers: Record<string, string> } {
  const code = spec.status ?? 500;
  const retry: Record<string, string> = code === 429 || code === 503 ? { 'Retry-After': String(spec.retryAfterSeconds ?? 1) } : {};
  const reason = code === 429 ? 'TooManyRequests' : code === 503 ? 'ServiceUnavailable' : code === 504 ? 'Timeout' : 'InternalError';
  const message = spec.message ?? (code === 429 ? 'kube-sim: too many requests, please try again later' : `kube-sim: injected ${code}`);
  return { err: new KubeError(code, reason, message, 'Retry-After' in retry ? { retryAfterSeconds: spec.retryAfterSeconds ?? 1 } : {}), headers: retry };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, address: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://sim');
  const attrs = route(req.method ?? 'GET', url.pathname, url.searchParams);
  const rec: RequestRecord = {
    verb: attrs.verb, method: req.method ?? 'GET', path: url.pathname, query: url.search.slice(1), status: 0,
    ...(attrs.resource !== undefined ? { resource: attrs.resource } : {}),
    ...(attrs.subresource !== undefined ? { subresource: attrs.subresource } : {}),
    ...(attrs.namespace !== undefined ? { namespace: attrs.namespace } : {}),
    ...(attrs.name !== undefined ? { name: attrs.name } : {}),
  };
  deps.requests.push(rec);
  res.once('finish', () => { rec.status = res.statusCode; deps.onRequest?.(rec); });
  res.once('close', () => { if (!res.writableFinished) deps.onRequest?.(rec); });
  try {
    const fault = deps.faults.take(attrs);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.hang) {
      await hang(req, 10 * 60_000);
      return void req.socket.destroy();
    }
    if (fault && fault.status !== undefined) {
      const { err, headers } = faultError(fault);
      return send(res, err.code, statusBody(err), 'application/json', headers);
    }
    const probe = req.method === 'GET' ? health(deps.state, url.pathname, url.searchParams) : undefined;
    if (probe) return send(res, probe.code, probe.body, 'text/plain; charset=utf-8', { 'X-Content-Type-Options': 'nosniff' });
    if (req.headers.authorization !== `Bearer ${deps.token}`) throw new KubeError(401, 'Unauthorized', 'Unauthorized');
    const body = await readBody(req);
    const reply = dispatch(deps.state, attrs, {
      query: url.searchParams, body, contentType: req.headers['content-type'] ?? '', accept: req.headers.accept ?? '', serverAddress: address,
      userAgent: req.headers['user-agent'] ?? '', ...(deps.bookmarkMs !== undefined ? { bookmarkMs: deps.bookmarkMs } : {}),
    });
    if (reply.watch) {
      serveWatch(deps.state, reply.watch, res);
      rec.status = 200; // the stream stays open; the log shows it was accepted
      return;
    }
    send(res, reply.code, reply.body, reply.contentType);
  } catch (err) {
    const e = err instanceof KubeError ? err : new KubeError(500, 'InternalError', `kube-sim: ${(err as Error).stack ?? String(err)}`);
    if (!res.headersSent) send(res, e.code, statusBody(e));
  }
}

/** Starts listening on 127.0.0.1; resolves with the server and its port. */
export async function listen(deps: ServerDeps, tls: { key: string; cert: string }, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer({ key: tls.key, cert: tls.cert, keepAlive: true });
  let address = '';
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void handle(deps, req, res, address));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${actual}`;
  return { server, port: actual };
}
