// One HTTP(S) request to an address with the public host's name in SNI and Host (curl --resolve semantics). The
// method decides the effect class before anything is sent: GET/HEAD/OPTIONS read, DELETE destroy, anything else
// write, so a read-only task is refused a POST before a socket opens.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Effect, EffectGate } from '../core/effects.js';
import { gatedProbe, type NetError } from './net-errors.js';
import { trustedCas } from './tls-probe.js';

/** An HTTP answer (same shape as the health model's HttpFacts). */
export interface HttpAnswer {
  method: string;
  url: string;
  status?: number;
  headers: Record<string, string>;
  error?: NetError;
  insecure?: boolean;
}

/** One request: `url` carries the public name; `address`/`port` say where to connect. */
export interface HttpProbe {
  method: string;
  url: string;
  address: string;
  port: number;
  /** Read the answer even if the certificate does not verify (evidence only; the caller marks it). */
  insecure?: boolean;
}

/** What the HTTP probe needs. */
export interface HttpDeps {
  gate: EffectGate;
  caPem?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** How many response headers are kept as evidence. */
export const HEADER_LIMIT = 8;

/** The effect class of an HTTP method. */
export function classifyMethod(method: string): Effect {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return 'read';
  return m === 'DELETE' ? 'destroy' : 'write';
}

function firstHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length && Object.keys(out).length < HEADER_LIMIT; i += 2) out[raw[i]!.toLowerCase()] ??= raw[i + 1]!;
  return out;
}

/** Sends one request through the gate and returns status and first headers, or the network error as data. */
export async function probeHttp(p: HttpProbe, deps: HttpDeps): Promise<HttpAnswer> {
  const url = new URL(p.url);
  const method = p.method.toUpperCase();
  const base = { method, url: p.url, headers: {}, ...(p.insecure ? { insecure: true } : {}) };
  const curl = `curl -sSI${p.insecure ? 'k' : ''} --max-time ${Math.ceil(deps.timeoutMs / 1000)}${method === 'HEAD' ? '' : ` -X ${method}`} --resolve ${url.hostname}:${p.port}:${p.address} ${p.url}`;
  const tls = url.protocol === 'https:';
  const decl = { channel: 'net' as const, operation: `http ${method}`, target: p.url, effect: classifyMethod(method), command: curl };
  const answers = { skipped: () => ({ ...base, error: { code: 'ESKIPPED', message: 'recorded, not sent (--dry-run)' } }), failed: (error: NetError) => ({ ...base, error }) };
  return gatedProbe<HttpAnswer>(deps.gate, decl, deps.signal, answers, () =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const send = tls ? httpsRequest : httpRequest;
      const req = send({
        host: p.address, port: p.port, method, path: `${url.pathname}${url.search}`, agent: false,
        headers: { host: url.host, 'user-agent': 'jetscale-diagnose', accept: '*/*' },
        timeout: deps.timeoutMs,
        ...(deps.signal ? { signal: deps.signal } : {}),
        ...(tls ? { ...(isIP(url.hostname) ? {} : { servername: url.hostname }), rejectUnauthorized: !p.insecure, ...(deps.caPem ? { ca: trustedCas(deps.caPem) } : {}) } : {}),
      }, (res) => {
        resolve({ ...base, status: res.statusCode ?? 0, headers: firstHeaders(res) });
        res.resume();
      });
      req.once('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${deps.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.once('error', reject);
      req.end();
    }),
  );
}
