// The net adapter against real servers on loopback: a TLS site with a self-signed certificate (trusted through the
// extra CA) and a UDP DNS server. Probes answer failures as data, declare each call to the gate on channel `net`,
// and a read-only gate refuses a POST or DELETE before a socket opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectGate, EffectRefusedError } from '../../src/core/effects.js';
import { createNetClient, parseResolveOverrides, type NetClient } from '../../src/net/index.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startTlsSite, type TlsSite } from '../support/tls-site.js';

const HOST = 'pr-7-feature.jetscale.test';
let site: TlsSite;
let dns: DnsServer;

beforeAll(async () => {
  site = await startTlsSite({ names: ['*.jetscale.test'] });
  dns = await startDnsServer({
    [HOST]: { cname: 'k8s-pr7-jetscale-5e2b8d41c0-123456.us-east-1.elb.amazonaws.com' },
    'k8s-pr7-jetscale-5e2b8d41c0-123456.us-east-1.elb.amazonaws.com': { a: ['127.0.0.1'], aaaa: ['::1'] },
    'alias.jetscale.test': { a: ['127.0.0.1'] },
    'empty.jetscale.test': {},
  });
});
afterAll(async () => {
  await site.stop();
  await dns.stop();
});

function client(o: { gate?: EffectGate; ca?: boolean; resolve?: string } = {}): { net: NetClient; gate: EffectGate } {
  const gate = o.gate ?? new EffectGate({ dryRun: false, ceiling: 'read' });
  const net = createNetClient({
    gate, overrides: parseResolveOverrides(o.resolve), nameservers: [dns.server], timeoutMs: 3000,
    ports: { https: site.httpsPort, http: site.httpPort }, ...(o.ca === false ? {} : { caPem: site.caPem }),
  });
  return { net, gate };
}

describe('DNS', () => {
  it('follows the CNAME chain to the ALB name and returns A and AAAA, asking only the given nameserver', async () => {
    const { net, gate } = client();
    const a = await net.lookup(HOST);
    expect(a).toMatchObject({ source: 'dns', cnames: ['k8s-pr7-jetscale-5e2b8d41c0-123456.us-east-1.elb.amazonaws.com'], addresses: ['127.0.0.1', '::1'] });
    expect(dns.questions.some((q) => q.name === HOST && q.type === 'CNAME')).toBe(true);
    expect(gate.transcript).toMatchObject([{ channel: 'net', operation: 'dns lookup', target: HOST, effect: 'read', status: 'ran', command: `dig +short ${HOST} A` }]);
  });

  it('NXDOMAIN and a name without addresses are answers with an error code, not exceptions', async () => {
    const { net } = client();
    expect((await net.lookup('nope.jetscale.test')).error?.code).toBe('ENOTFOUND');
    expect((await net.lookup('empty.jetscale.test'))).toMatchObject({ addresses: [], error: { code: 'ENODATA' } });
  });

  it('--resolve answers without a query and without a gate entry', async () => {
    const before = dns.questions.length;
    const { net, gate } = client({ resolve: `${HOST.toUpperCase()}=127.0.0.9,${HOST}=::1` });
    expect(await net.lookup(`${HOST}.`)).toEqual({ host: HOST, source: 'override', addresses: ['127.0.0.9', '::1'], cnames: [] });
    expect(dns.questions.length).toBe(before);
    expect(gate.transcript).toEqual([]);
  });

  it.each(['nohost', '=1.2.3.4', 'a.b=999.1.1.1', 'a b=1.1.1.1'])('rejects the --resolve entry %j as a usage error', (entry) => {
    expect(() => parseResolveOverrides(entry)).toThrow(expect.objectContaining({ code: 'E_USAGE', exitCode: 2 }));
  });
});

describe('TLS and HTTP probes', () => {
  it('a trusted certificate that covers the host: authorized, SANs and validity reported, SNI sent', async () => {
    const { net, gate } = client();
    const t = await net.handshake(HOST, '127.0.0.1');
    expect(t).toMatchObject({ authorized: true, port: site.httpsPort, certificate: { sans: ['DNS:*.jetscale.test'], subject: 'CN=*.jetscale.test' } });
    expect(t.hostnameError).toBeUndefined();
    expect(Date.parse(t.certificate!.validTo)).toBeGreaterThan(Date.now());
    expect(gate.transcript[0]).toMatchObject({ channel: 'net', operation: 'tls handshake', effect: 'read', status: 'ran' });
  });

  it('without the extra CA the chain is untrusted; another host is not covered; both are data', async () => {
    const untrusted = await client({ ca: false }).net.handshake(HOST, '127.0.0.1');
    expect(untrusted.authorized).toBe(false);
    expect(untrusted.authorizationError).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    const other = await client().net.handshake('console.other.test', '127.0.0.1');
    expect(other.hostnameError).toMatch(/console\.other\.test/);
  });

  it('HEAD goes to the address with SNI and Host set to the public name; status and first headers come back', async () => {
    site.requests.length = 0;
    site.answer('/api/v2/system/ready', 503);
    const { net } = client();
    const root = await net.request('HEAD', `https://${HOST}/`, '127.0.0.1');
    const backend = await net.request('HEAD', `https://${HOST}/api/v2/system/ready`, '127.0.0.1');
    expect(root).toMatchObject({ status: 200, headers: { server: 'tls-site' } });
    expect(backend.status).toBe(503);
    expect(site.requests.map((r) => [r.scheme, r.method, r.path, r.host, r.sni])).toEqual([
      ['https', 'HEAD', '/', HOST, HOST], ['https', 'HEAD', '/api/v2/system/ready', HOST, HOST],
    ]);
    site.answer('/api/v2/system/ready', 200);
  });

  it('plain HTTP shows the redirect; a closed port is ECONNREFUSED as data', async () => {
    const { net } = client();
    expect(await net.request('HEAD', `http://${HOST}/`, '127.0.0.1')).toMatchObject({ status: 301, headers: { location: `https://${HOST}:443/` } });
    const refused = await net.request('HEAD', `https://${HOST}:1/`, '127.0.0.1');
    expect(refused.error?.code).toBe('ECONNREFUSED');
    expect((await net.handshake(HOST, '127.0.0.2')).error?.code).toBe('ECONNREFUSED');
  });
});

describe('the effect gate on channel net', () => {
  it.each([['POST', 'write'], ['PUT', 'write'], ['PATCH', 'write'], ['DELETE', 'destroy']])('a read-only gate refuses %s (%s) before anything is sent', async (method, effect) => {
    site.requests.length = 0;
    const gate = new EffectGate({ dryRun: false, ceiling: 'read', taskId: 'diagnose' });
    const { net } = client({ gate });
    await expect(net.request(method, `https://${HOST}/api/x`, '127.0.0.1')).rejects.toBeInstanceOf(EffectRefusedError);
    expect(gate.transcript).toMatchObject([{ channel: 'net', effect, status: 'refused' }]);
    expect(site.requests).toEqual([]);
  });

  it('--dry-run records a POST and sends nothing, while HEAD still runs', async () => {
    site.requests.length = 0;
    const gate = new EffectGate({ dryRun: true, ceiling: 'write' });
    const { net } = client({ gate });
    expect((await net.request('POST', `https://${HOST}/x`, '127.0.0.1')).error?.code).toBe('ESKIPPED');
    expect((await net.request('HEAD', `https://${HOST}/`, '127.0.0.1')).status).toBe(200);
    expect(site.requests.map((r) => r.method)).toEqual(['HEAD']);
    expect(gate.transcript.map((t) => t.status)).toEqual(['recorded', 'ran']);
  });
});
