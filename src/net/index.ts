// The net adapter: DNS lookups, TLS handshakes and HTTP probes of public endpoints, each declared to the effect gate
// on channel `net` before it happens. One client per run carries the `--resolve` overrides, the extra CA, the
// ports and the deadline, so the deploy gate and diagnose probe the same way.
import type { EffectGate } from '../core/effects.js';
import { lookupHost, type DnsAnswer } from './dns.js';
import { probeHttp, type HttpAnswer } from './http-probe.js';
import type { ResolveOverrides } from './resolve-overrides.js';
import { probeTls, type TlsAnswer } from './tls-probe.js';

export { lookupHost, type DnsAnswer } from './dns.js';
export { probeTls, trustedCas, type TlsAnswer } from './tls-probe.js';
export { probeHttp, classifyMethod, HEADER_LIMIT, type HttpAnswer, type HttpProbe } from './http-probe.js';
export { parseResolveOverrides, normalizeHost, type ResolveOverrides } from './resolve-overrides.js';
export { toNetError, type NetError } from './net-errors.js';

/** Options of a run's net client. */
export interface NetClientOptions {
  gate: EffectGate;
  overrides?: ResolveOverrides;
  /** Extra CA certificates (PEM) trusted besides the system's (`--ca-file`). */
  caPem?: string;
  /** Nameservers (`ip` or `ip:port`) to ask instead of the system's. */
  nameservers?: readonly string[];
  /** Ports to connect to for https:// and http:// (default 443 and 80; a port-forward or a test server differs). */
  ports?: { https?: number; http?: number };
  /** Deadline of one probe (default 8 s, like `curl --max-time 8`). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The probes a task may use. */
export interface NetClient {
  readonly ports: { https: number; http: number };
  lookup(host: string): Promise<DnsAnswer>;
  handshake(host: string, address: string): Promise<TlsAnswer>;
  /** `url` names the public host; the request goes to `address` on the scheme's port (or the URL's own). */
  request(method: string, url: string, address: string, o?: { insecure?: boolean }): Promise<HttpAnswer>;
}

/** Builds the net client of a run. */
export function createNetClient(o: NetClientOptions): NetClient {
  const timeoutMs = o.timeoutMs ?? 8000;
  const ports = { https: o.ports?.https ?? 443, http: o.ports?.http ?? 80 };
  const common = { gate: o.gate, timeoutMs, ...(o.signal ? { signal: o.signal } : {}), ...(o.caPem ? { caPem: o.caPem } : {}) };
  return {
    ports,
    lookup: (host) => lookupHost(host, { ...common, overrides: o.overrides ?? new Map(), ...(o.nameservers ? { servers: o.nameservers } : {}) }),
    handshake: (host, address) => probeTls(host, address, ports.https, common),
    request: (method, url, address, opts = {}) => {
      const u = new URL(url);
      const port = u.port ? Number(u.port) : u.protocol === 'https:' ? ports.https : ports.http;
      return probeHttp({ method, url, address, port, ...(opts.insecure ? { insecure: true } : {}) }, common);
    },
  };
}
