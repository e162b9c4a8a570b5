// DNS lookups of the public host and of the ALB's name: CNAME chain, then A and AAAA, through node's c-ares resolver
// (what `dig` asks, not /etc/hosts). `--resolve` answers without a query; `servers` asks one nameserver (the
// zone's authoritative one during an incident, or a loopback server in tests) instead of the system's.
import { Resolver } from 'node:dns/promises';
import type { EffectGate } from '../core/effects.js';
import { gatedProbe, toNetError, type NetError } from './net-errors.js';
import { normalizeHost, type ResolveOverrides } from './resolve-overrides.js';

/** What a lookup found; `error` when the host does not resolve (NXDOMAIN, no answer). */
export interface DnsAnswer {
  host: string;
  source: 'override' | 'dns';
  addresses: string[];
  cnames: string[];
  error?: NetError;
}

/** What the DNS adapter needs. */
export interface DnsDeps {
  gate: EffectGate;
  overrides: ResolveOverrides;
  /** `ip` or `ip:port` of the nameservers to ask; default: the system's. */
  servers?: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
}

const MAX_CNAMES = 8;
const NO_RECORDS = new Set(['ENODATA', 'ENOTFOUND']);

/** Resolves `host` (overrides first); the query is declared to the gate as a read on channel `net`. */
export async function lookupHost(rawHost: string, deps: DnsDeps): Promise<DnsAnswer> {
  const host = normalizeHost(rawHost);
  const given = deps.overrides.get(host);
  if (given) return { host, source: 'override', addresses: [...given], cnames: [] };
  const r = new Resolver({ timeout: Math.max(100, Math.floor(deps.timeoutMs / 2)), tries: 2 });
  if (deps.servers?.length) r.setServers([...deps.servers]);
  const abort = () => r.cancel();
  deps.signal?.addEventListener('abort', abort, { once: true });
  const decl = { channel: 'net' as const, operation: 'dns lookup', target: host, effect: 'read' as const, command: `dig +short ${host} A` };
  const none = (error: NetError): DnsAnswer => ({ host, source: 'dns', addresses: [], cnames: [], error });
  try {
    return await gatedProbe(deps.gate, decl, deps.signal, { skipped: () => none({ code: 'ESKIPPED', message: 'not looked up' }), failed: none }, async (): Promise<DnsAnswer> => {
      const cnames: string[] = [];
      for (let name = host; cnames.length < MAX_CNAMES; ) {
        const next = await r.resolveCname(name).catch((e: { code?: string }) => (NO_RECORDS.has(e.code ?? '') ? [] : Promise.reject(e)));
        if (!next[0]) break;
        cnames.push(next[0]);
        name = next[0];
      }
      const [v4, v6] = await Promise.all([r.resolve4(host).catch((e: unknown) => e as Error), r.resolve6(host).catch((e: unknown) => e as Error)]);
      const addresses = [...(Array.isArray(v4) ? v4 : []), ...(Array.isArray(v6) ? v6 : [])];
      if (addresses.length > 0) return { host, source: 'dns', addresses, cnames };
      const failure = [v4, v6].find((x): x is Error => x instanceof Error && !NO_RECORDS.has((x as { code?: string }).code ?? '')) ?? (v4 instanceof Error ? v4 : undefined);
      return { host, source: 'dns', addresses, cnames, ...(failure ? { error: toNetError(failure, deps.signal) } : {}) };
    });
  } finally {
    deps.signal?.removeEventListener('abort', abort);
  }
}
