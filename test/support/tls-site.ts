// A public site on loopback for probes: an HTTPS server with a certificate for the names you give (made with the
// openssl CLI, self-signed, so its PEM is the CA a client passes as --ca-file) and a plain HTTP server that
// redirects to it, like an ALB with a 443 listener and an 80 → 443 redirect. Answers and the redirect are settable;
// every request is logged (method, path, Host, SNI).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A key and a self-signed certificate (the certificate is also the CA to trust). */
export interface SiteCert {
  keyPem: string;
  certPem: string;
}

const certs = new Map<string, Promise<SiteCert>>();

/** A self-signed EC certificate for `names` (DNS names, wildcards allowed), valid `days`; cached per process. */
export function makeSiteCert(names: readonly string[], days = 30): Promise<SiteCert> {
  const key = `${names.join(',')}|${days}`;
  let p = certs.get(key);
  if (!p) {
    p = (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tls-site-'));
      try {
        await run('openssl', [
          'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
          '-days', String(days), '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`, '-addext', 'extendedKeyUsage=serverAuth',
        ]);
        return { keyPem: await readFile(join(dir, 'key.pem'), 'utf8'), certPem: await readFile(join(dir, 'cert.pem'), 'utf8') };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    })();
    certs.set(key, p);
  }
  return p;
}

/** One request the site saw. */
export interface SiteRequest {
  scheme: 'https' | 'http';
  method: string;
  path: string;
  host: string | undefined;
  sni: string | undefined;
}

/** A running site. */
export interface TlsSite {
  address: string;
  httpsPort: number;
  httpPort: number;
  caPem: string;
  requests: SiteRequest[];
  /** Status for a path over HTTPS (default 200 for every path). */
  answer(path: string, status: number): void;
  /** Whether port 80 redirects to https://<host>/ (default) or answers 200. */
  redirect(on: boolean): void;
  stop(): Promise<void>;
}

/** Starts HTTPS and HTTP servers on `address` (default 127.0.0.1) with a certificate for `names`. */
export async function startTlsSite(o: { names: readonly string[]; address?: string }): Promise<TlsSite> {
  const address = o.address ?? '127.0.0.1';
  const cert = await makeSiteCert(o.names);
  const statuses = new Map<string, number>();
  let redirecting = true;
  const requests: SiteRequest[] = [];
  const https: HttpsServer = createHttpsServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    requests.push({ scheme: 'https', method: req.method ?? '', path, host: req.headers.host, sni: (req.socket as TLSSocket).servername || undefined });
    res.writeHead(statuses.get(path) ?? 200, { server: 'tls-site', 'content-type': 'text/html' });
    res.end(req.method === 'HEAD' ? undefined : 'ok');
  });
  const http: HttpServer = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ scheme: 'http', method: req.method ?? '', path, host: req.headers.host, sni: undefined });
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (redirecting) res.writeHead(301, { location: `https://${host}:443${req.url ?? '/'}`, server: 'tls-site' });
    else res.writeHead(200, { server: 'tls-site' });
    res.end();
  });
  const listen = (s: HttpServer | HttpsServer) => new Promise<number>((resolve) => s.listen(0, address, () => resolve((s.address() as AddressInfo).port)));
  const [httpsPort, httpPort] = await Promise.all([listen(https), listen(http)]);
  const close = (s: HttpServer | HttpsServer) => new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });
  return {
    address, httpsPort, httpPort, caPem: cert.certPem, requests,
    answer: (path, status) => void statuses.set(path, status),
    redirect: (on) => void (redirecting = on),
    stop: async () => void (await Promise.all([close(https), close(http)])),
  };
}
