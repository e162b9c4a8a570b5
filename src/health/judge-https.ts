// HTTPS verdicts: the TCP+TLS connection, the certificate (trusted chain, host covered, not expiring), and the HTTP
// answers for `/`, a backend endpoint and port 80's redirect. Verification is never switched off for the verdict:
// an answer read over an unverified connection is evidence, and the certificate check fails on its own.
import { makeCheck, type Check } from './checks.js';
import { ageMs } from './object.js';
import { current, failed, notChecked } from './status.js';

/** A TLS handshake as the net adapter saw it. */
export interface TlsFacts {
  host: string;
  address: string;
  port: number;
  error?: { code: string; message: string };
  /** The chain verified against the trusted CAs (system plus --ca-file) and the name matched. */
  authorized: boolean;
  authorizationError?: string;
  /** Why the certificate does not cover the host (checked on its own, so a chain error cannot hide it). */
  hostnameError?: string;
  certificate?: { subject: string; issuer: string; sans: string[]; validFrom: string; validTo: string };
  protocol?: string;
}

/** An HTTP answer (HEAD) as the net adapter saw it. */
export interface HttpFacts {
  method: string;
  url: string;
  status?: number;
  /** The first few headers, lower-case names. */
  headers: Record<string, string>;
  error?: { code: string; message: string };
  /** Read over a connection whose certificate did not verify (evidence only). */
  insecure?: boolean;
}

/** Days before expiry at which the certificate check fails. */
export const EXPIRY_DAYS = 7;
const DAY = 86_400_000;

/** `https.connect`: a TCP connection and a TLS handshake completed. */
export function judgeConnect(f: TlsFacts): Check {
  const subject = `${f.host} (${f.address}:${f.port})`;
  if (f.error) return makeCheck('https.connect', subject, failed(reasonOf(f.error.code), `cannot connect to ${f.address}:${f.port}: ${f.error.code} (${f.error.message})`));
  return makeCheck('https.connect', subject, current('Connected', `connected to ${f.address}:${f.port}${f.protocol ? ` (${f.protocol})` : ''}`));
}

/** `tls.certificate`: trusted, covers the host, valid for more than EXPIRY_DAYS at `now`. */
export function judgeCertificate(f: TlsFacts, now: Date): Check {
  if (f.error || !f.certificate) return makeCheck('tls.certificate', f.host, notChecked('no TLS connection'));
  const c = f.certificate;
  const ev = [`subject ${c.subject}, issuer ${c.issuer}`, `SANs ${c.sans.join(', ') || 'none'}`, `valid ${c.validFrom} → ${c.validTo}`];
  if (f.hostnameError) return makeCheck('tls.certificate', f.host, failed('HostNotCovered', `the certificate does not cover ${f.host} (SANs: ${c.sans.join(', ') || 'none'})`), ev);
  const left = -(ageMs(c.validTo, now) ?? 0);
  if (left <= 0) return makeCheck('tls.certificate', f.host, failed('Expired', `the certificate expired on ${c.validTo}`), ev);
  if (!f.authorized) return makeCheck('tls.certificate', f.host, failed('Untrusted', `the certificate is not trusted: ${f.authorizationError ?? 'unknown reason'}`), ev);
  if (left < EXPIRY_DAYS * DAY) return makeCheck('tls.certificate', f.host, failed('ExpiresSoon', `the certificate expires in ${Math.floor(left / DAY)} day(s), on ${c.validTo}`), ev);
  return makeCheck('tls.certificate', f.host, current('Valid', `trusted, covers ${f.host}, expires in ${Math.floor(left / DAY)} days`), ev);
}

/** Evidence lines for an HTTP answer: status and the first headers. */
export function describeHttp(f: HttpFacts): string[] {
  if (f.error) return [`${f.method} ${f.url}: ${f.error.code} (${f.error.message})`];
  return [`${f.method} ${f.url} → ${f.status}${f.insecure ? ' (over an unverified TLS connection)' : ''}`, ...Object.entries(f.headers).map(([k, v]) => `  ${k}: ${v}`)];
}

/** `http.root` / `http.backend`: the answer's status is one of `ok` (default 200–399 for `/`, 200–299 otherwise). */
export function judgeHttp(id: 'http.root' | 'http.backend', f: HttpFacts | undefined, ok: (status: number) => boolean = id === 'http.root' ? (s) => s >= 200 && s < 400 : (s) => s >= 200 && s < 300): Check {
  if (!f) return makeCheck(id, id, notChecked('no connection to send it over'));
  const ev = describeHttp(f);
  if (f.error) return makeCheck(id, f.url, failed(reasonOf(f.error.code), `${f.method} ${f.url} got no answer: ${f.error.code}`), ev);
  const status = f.status ?? 0;
  return ok(status) ? makeCheck(id, f.url, current(`Http${status}`, `${f.method} ${f.url} → ${status}`), ev) : makeCheck(id, f.url, failed(`Http${status}`, `${f.method} ${f.url} → ${status}`), ev);
}

/** `http.redirect`: plain HTTP answers with a redirect to https://<host>. */
export function judgeRedirect(f: HttpFacts | undefined, host: string): Check {
  if (!f) return makeCheck('http.redirect', host, notChecked('no address to connect to'));
  const ev = describeHttp(f);
  if (f.error) return makeCheck('http.redirect', f.url, failed(reasonOf(f.error.code), `${f.url} got no answer: ${f.error.code}`), ev);
  const location = f.headers.location ?? '';
  const redirect = [301, 302, 307, 308].includes(f.status ?? 0);
  if (redirect && location.toLowerCase().startsWith(`https://${host.toLowerCase()}`)) return makeCheck('http.redirect', f.url, current('RedirectsToHttps', `${f.status} → ${location}`), ev);
  if (redirect) return makeCheck('http.redirect', f.url, failed('RedirectsElsewhere', `${f.status} → ${location || '(no Location)'}, not to https://${host}/`), ev);
  return makeCheck('http.redirect', f.url, failed('NoRedirect', `HTTP answers ${f.status} instead of redirecting to HTTPS: users can stay on plain HTTP`), ev);
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'ConnectionRefused', ETIMEDOUT: 'Timeout', ECONNRESET: 'ConnectionReset', EHOSTUNREACH: 'HostUnreachable',
  ENETUNREACH: 'NetworkUnreachable', ENOTFOUND: 'NXDOMAIN', EPROTO: 'TlsHandshakeFailed', TIMEOUT: 'Timeout',
};

function reasonOf(code: string): string {
  return REASONS[code] ?? code;
}
