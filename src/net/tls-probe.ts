// One TLS handshake with the public host's name (SNI) at a given address: what certificate is served, whether it
// chains to a trusted CA (the system's plus --ca-file) and whether it covers the host. The connection is made with
// verification reported rather than enforced, so a bad certificate is seen and described instead of hidden.
import { checkServerIdentity, connect, rootCertificates, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { EffectGate } from '../core/effects.js';
import { gatedProbe, type NetError } from './net-errors.js';

/** The handshake as seen (same shape as the health model's TlsFacts). */
export interface TlsAnswer {
  host: string;
  address: string;
  port: number;
  error?: NetError;
  authorized: boolean;
  authorizationError?: string;
  hostnameError?: string;
  certificate?: { subject: string; issuer: string; sans: string[]; validFrom: string; validTo: string };
  protocol?: string;
}

/** What the TLS probe needs. */
export interface TlsDeps {
  gate: EffectGate;
  /** Extra trusted CA certificates (PEM), added to the system's. */
  caPem?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The CA list for a connection: node's bundled roots plus the extra PEM, or the defaults. */
export function trustedCas(caPem: string | undefined): string[] | undefined {
  return caPem ? [...rootCertificates, caPem] : undefined;
}

const dn = (o: Record<string, unknown> | undefined) => Object.entries(o ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ');
const iso = (d: string) => (Number.isNaN(Date.parse(d)) ? d : new Date(d).toISOString());

function describeCert(c: PeerCertificate) {
  const sans = (c.subjectaltname ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return { subject: dn(c.subject as unknown as Record<string, unknown>), issuer: dn(c.issuer as unknown as Record<string, unknown>), sans, validFrom: iso(c.valid_from), validTo: iso(c.valid_to) };
}

/** Connects to `address:port` as `host` and reports the handshake; declared to the gate as a read on `net`. */
export async function probeTls(host: string, address: string, port: number, deps: TlsDeps): Promise<TlsAnswer> {
  const base = { host, address, port, authorized: false };
  const decl = { channel: 'net' as const, operation: 'tls handshake', target: `${host} at ${address}:${port}`, effect: 'read' as const, command: `openssl s_client -connect ${address}:${port} -servername ${host}` };
  const answers = { skipped: () => ({ ...base, error: { code: 'ESKIPPED', message: 'not probed' } }), failed: (error: NetError) => ({ ...base, error }) };
  return gatedProbe<TlsAnswer>(deps.gate, decl, deps.signal, answers, () =>
    new Promise<TlsAnswer>((resolve, reject) => {
      const socket = connect({
        host: address, port, ...(isIP(host) ? {} : { servername: host }), rejectUnauthorized: false,
        ...(deps.caPem ? { ca: trustedCas(deps.caPem) } : {}), ...(deps.signal ? { signal: deps.signal } : {}),
      });
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error(`no TLS handshake within ${deps.timeoutMs} ms`), { code: 'ETIMEDOUT' })), deps.timeoutMs);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        const cert = socket.getPeerCertificate();
        const hostError = cert && Object.keys(cert).length > 0 ? checkServerIdentity(host, cert) : new Error('no certificate');
        const err = socket.authorizationError;
        resolve({
          ...base,
          authorized: socket.authorized,
          ...(err ? { authorizationError: typeof err === 'string' ? err : ((err as { code?: string }).code ?? err.message) } : {}),
          ...(hostError ? { hostnameError: hostError.message } : {}),
          ...(cert && Object.keys(cert).length > 0 ? { certificate: describeCert(cert) } : {}),
          ...(socket.getProtocol() ? { protocol: socket.getProtocol()! } : {}),
        });
        socket.end();
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    }),
  );
}
