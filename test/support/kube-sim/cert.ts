// Self-signed TLS material for the simulator, generated once per process with the openssl CLI.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PEM key and certificate; the certificate doubles as the CA a client must trust. */
export interface SimCert {
  keyPem: string;
  certPem: string;
}

let cached: Promise<SimCert> | undefined;

// EC P-256 keeps generation in the tens of milliseconds; SANs cover both loopback spellings.
async function generate(): Promise<SimCert> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=kube-sim',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-addext', 'extendedKeyUsage=serverAuth',
    ]);
    return { keyPem: await readFile(key, 'utf8'), certPem: await readFile(cert, 'utf8') };
  } catch (err) {
    cached = undefined; // let a later call retry instead of caching the failure
    throw new Error(`kube-sim: could not generate a certificate with openssl: ${(err as Error).message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Returns the process-wide certificate, generating it on first use (start/stop stays cheap afterwards). */
export function simCert(): Promise<SimCert> {
  cached ??= generate();
  return cached;
}
