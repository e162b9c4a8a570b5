// A test CA and leaf certificates made with the openssl CLI (like kube-sim's cert.ts), and a real HTTPS server on
// loopback that answers each path with a status the test controls: the health gate's TLS and HTTP checks run
// against it with verified TLS (--ca-file), never "insecure".
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A CA (its PEM is what --ca-file gets) and a leaf for some host names, signed by it. */
export interface TestPki {
  caPem: string;
  leaf(hosts: readonly string[]): Promise<{ keyPem: string; certPem: string }>;
}

let cached: Promise<TestPki> | undefined;

async function makePki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'jetscale-test-ca-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', ['req', '-x509', ...ec, '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.pem'), '-days', '2', '-subj', '/CN=jetscale test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const caPem = await readFile(join(dir, 'ca.pem'), 'utf8');
  let n = 0;
  return {
    caPem,
    async leaf(hosts) {
      const id = `leaf${n++}`;
      const p = (ext: string) => join(dir, `${id}.${ext}`);
      await writeFile(p('ext'), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
      await run('openssl', ['req', ...ec, '-keyout', p('key'), '-out', p('csr'), '-subj', `/CN=${hosts[0]}`]);
      await run('openssl', ['x509', '-req', '-in', p('csr'), '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-out', p('pem'), '-days', '30', '-extfile', p('ext')]);
      return { keyPem: await readFile(p('key'), 'utf8'), certPem: await readFile(p('pem'), 'utf8') };
    },
  };
}

/** The process-wide test CA (generated once). */
export function testPki(): Promise<TestPki> {
  cached ??= makePki().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** A loopback HTTPS server: `status(path)` decides each answer; `hits` records every request path with its status. */
export interface TestSite {
  port: number;
  hits: Array<{ path: string; status: number; at: number }>;
  status: (path: string) => number;
  close(): Promise<void>;
}

/** Starts an HTTPS server for `hosts` on 127.0.0.1 (a random port). */
export async function startSite(hosts: readonly string[], status: (path: string) => number = () => 200): Promise<TestSite> {
  const { keyPem, certPem } = await (await testPki()).leaf(hosts);
  const site = { hits: [] as TestSite['hits'], status } as TestSite;
  const server: Server = createServer({ key: keyPem, cert: certPem }, (req, res) => {
    const code = site.status(req.url ?? '/');
    site.hits.push({ path: req.url ?? '/', status: code, at: performance.now() });
    res.writeHead(code, { 'content-type': 'text/plain' }).end(code < 400 ? 'ok\n' : 'not ready\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.port = (server.address() as AddressInfo).port;
  site.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return site;
}

/** Writes the CA to a file (for --ca-file) and returns its path. */
export async function writeCa(dir: string): Promise<string> {
  const file = join(dir, 'test-ca.pem');
  await writeFile(file, (await testPki()).caPem);
  return file;
}

/** Removes a directory tree (test cleanup). */
export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });
