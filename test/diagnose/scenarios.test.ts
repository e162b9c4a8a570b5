// diagnose end to end against the simulators and a real TLS site on loopback: each scenario breaks one link and must
// end with the right first cause and exit code; across the whole suite the simulators saw only reads, every
// transcript entry is a read, and the kubeconfig was never written.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnlySessionPolicy } from '../../src/diagnose/read-only-policy.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startTlsSite, type TlsSite } from '../support/tls-site.js';
import { ALL_RUNS, diagnoseWorld, makeRepo, reasons, type Outcome } from './harness.js';
import { LIVE, OTHER_CERT, PR7, albDnsOf, closedPort } from './world.js';

let repo: { dir: string; cleanup: () => Promise<void> };
let site: TlsSite;
let wrongSite: TlsSite;
let dns: DnsServer;
let filesBefore: string[];

beforeAll(async () => {
  repo = await makeRepo();
  [site, wrongSite] = await Promise.all([startTlsSite({ names: ['*.jetscale.test'] }), startTlsSite({ names: ['*.other.test'] })]);
  await writeFile(join(repo.dir, 'ca.pem'), site.caPem + wrongSite.caPem);
  // Everything not overridden by --resolve is answered here, so no run can ask a real resolver.
  dns = await startDnsServer({
    [PR7.host]: { cname: PR7.albDns },
    [PR7.albDns]: { a: ['127.0.0.1'] },
  });
  filesBefore = (await readdir(repo.dir)).sort();
});
afterAll(async () => {
  await Promise.all([site.stop(), wrongSite.stop(), dns.stop()]);
  await repo.cleanup();
});

const resolve = (env = PR7, hostIp = '127.0.0.1', twists = {}) => ['--resolve', `${env.host}=${hostIp},${albDnsOf(env, twists)}=127.0.0.1`];
const ports = (s: TlsSite = site) => ['--https-port', String(s.httpsPort), '--http-port', String(s.httpPort)];
const common = (s: TlsSite = site) => ['--ca-file', 'ca.pem', '--nameserver', dns.server, ...ports(s)];
const first = (o: Outcome) => o.doc.data.conclusion.causes[0]!;

describe('diagnose scenarios', () => {
  it('healthy preview env: every layer healthy, exit 0, commands to see it by hand', async () => {
    const o = await diagnoseWorld(repo.dir, { env: PR7, argv: ['diagnose', 'pr-7', ...resolve(), ...common()] });
    expect(o.code, o.stderr).toBe(0);
    const r = o.doc.data;
    expect(r.layers.map((l) => `${l.layer}:${l.verdict}`)).toEqual(['dns:healthy', 'https:healthy', 'alb:healthy', 'kubernetes:healthy', 'secrets:healthy']);
    expect(r.conclusion).toMatchObject({ verdict: 'healthy', exitCode: 0, causes: [] });
    expect(r.target).toMatchObject({ host: PR7.host, namespace: 'pr-7', context: 'pr-7' });
    expect(reasons(r, 'kubernetes')).toContain('kube.secrets-present: AllPresent');
    expect(r.credentials).toMatchObject({ aws: { readOnly: 'code-only' }, kube: { readOnly: 'can-write' } });
    const cmds = r.commands.map((c) => c.command);
    expect(cmds).toContain(`dig +short ${PR7.host} A`);
    expect(cmds.some((c) => c.startsWith(`curl -sSI --max-time 8 --resolve ${PR7.host}:${site.httpsPort}:127.0.0.1 https://`))).toBe(true);
    expect(cmds.some((c) => c.startsWith('aws elbv2 describe-target-health'))).toBe(true);
    expect(cmds.some((c) => c.includes("get-secret-value") && c.endsWith("jq -r 'keys[]'"))).toBe(true);
    expect(site.requests.filter((q) => q.scheme === 'https').every((q) => q.sni === PR7.host && q.host?.startsWith(PR7.host))).toBe(true);
    // Names only: neither Kubernetes Secret data nor a Secrets Manager value reaches the report.
    expect(o.stdout).not.toMatch(/ZmFrZS1zZWNyZXQtZGF0YQ|fake-external-id-0001|fake-client/);
    expect(reasons(r, 'secrets')).toEqual(['secrets.client: Complete']);
  });

  it('--dry-run changes nothing about a read-only task: every read still runs, nothing is recorded', async () => {
    const o = await diagnoseWorld(repo.dir, { env: PR7, argv: ['diagnose', 'pr-7', '--dry-run', ...resolve(), ...common()] });
    expect(o.code, o.stderr).toBe(0);
    expect(o.doc.transcript.length).toBeGreaterThan(20);
    expect(o.doc.transcript.every((t) => t.effect === 'read' && t.status === 'ran')).toBe(true);
  });

  it('diagnose:live console: host, namespace, release and secret prefix from envs/live/console.yaml', async () => {
    const o = await diagnoseWorld(repo.dir, { env: LIVE, context: 'prod', argv: ['diagnose:live', 'console', '--context', 'prod', ...resolve(LIVE), ...common()] });
    expect(o.code, o.stderr).toBe(0);
    expect(o.doc.data.target).toMatchObject({ host: 'console.jetscale.test', namespace: 'jetscale-prod' });
    expect(o.doc.data.layers.find((l) => l.layer === 'secrets')!.checks[0]!.subject).toBe('jetscale-prod/application/aws/client');
    expect(o.doc.data.layers.find((l) => l.layer === 'kubernetes')!.checks.find((c) => c.id === 'kube.secrets-present')!.evidence).toContain('jetscale-db-secret: present (name only)');
  });

  it('a host argument finds its live environment by the values; an unknown host is looked up in the context namespace', async () => {
    const live = await diagnoseWorld(repo.dir, { env: LIVE, context: 'prod', argv: ['diagnose', LIVE.host, '--context', 'prod', ...resolve(LIVE), ...common()] });
    expect(live.code, live.stderr).toBe(0);
    expect(live.doc.data.target).toMatchObject({ kind: 'live', label: 'live/console', namespace: 'jetscale-prod', secretPrefix: 'jetscale-prod' });
    const other = await diagnoseWorld(repo.dir, { env: LIVE, context: 'prod', argv: ['diagnose', 'status.jetscale.test', '--resolve', 'status.jetscale.test=127.0.0.1', ...common()] });
    expect(other.code).toBe(5);
    expect(other.doc.data.target).toMatchObject({ kind: 'host', namespace: 'jetscale-prod' });
    expect(other.doc.data.layers.map((l) => `${l.layer}:${l.verdict}`)).toEqual(['dns:partly-checked', 'https:healthy', 'alb:not-checked', 'kubernetes:unhealthy', 'secrets:not-checked']);
    expect(first(other)).toMatchObject({ reason: 'NoIngress', cause: 'no Ingress in namespace jetscale-prod routes status.jetscale.test' });
  });

  it('DNS points elsewhere: the connection fails because the host does not resolve to the ALB', async () => {
    const o = await diagnoseWorld(repo.dir, { env: PR7, argv: ['diagnose', PR7.host, ...resolve(PR7, '127.0.0.2'), ...common()] });
    expect(o.code).toBe(5);
    expect(first(o)).toMatchObject({ reason: 'PointsElsewhere', layer: 'dns' });
    expect(first(o).chain[0]).toMatch(/cannot connect to 127\.0\.0\.2:\d+: ECONNREFUSED/);
    expect(first(o).cause).toContain('resolves to 127.0.0.2');
  });

  it('no 443 listener: HTTPS is refused ← the ALB has no 443 listener ← the Ingress listens on HTTP 80 only', async () => {
    const closed = await closedPort();
    const o = await diagnoseWorld(repo.dir, { env: PR7, twists: { httpOnly: true }, argv: ['diagnose', 'pr-7', ...resolve(), '--ca-file', 'ca.pem', '--nameserver', dns.server, '--https-port', String(closed), '--http-port', String(site.httpPort)] });
    expect(o.code).toBe(5);
    expect(first(o).chain).toEqual([expect.stringMatching(/ECONNREFUSED/), expect.stringMatching(/no listener on port 443/), expect.stringMatching(/listen-ports/)]);
    expect(first(o)).toMatchObject({ reason: 'ContractBroken', layer: 'kubernetes' });
    expect(reasons(o.doc.data, 'alb')).toEqual(expect.arrayContaining(['alb.listener-https: NoHttpsListener', 'alb.certificate: NotChecked']));
  });

  it('wrong certificate: the served certificate does not cover the host ← the 443 listener serves another certificate', async () => {
    const o = await diagnoseWorld(repo.dir, { env: PR7, twists: { listenerCert: OTHER_CERT }, argv: ['diagnose', 'pr-7', ...resolve(), ...common(wrongSite)] });
    expect(o.code).toBe(5);
    expect(first(o)).toMatchObject({ reason: 'WrongCertificate', layer: 'alb' });
    expect(first(o).chain[0]).toContain(`does not cover ${PR7.host}`);
    expect(first(o).cause).toContain(OTHER_CERT);
    // The answers behind the wrong certificate are still shown, marked as read over an unverified connection.
    const root = o.doc.data.layers.find((l) => l.layer === 'https')!.checks.find((c) => c.id === 'http.root')!;
    expect(root.evidence[0]).toContain('unverified');
  });

  it('0 healthy targets because pods crash: backend 503 ← target group down ← CrashLoopBackOff, with the crash log', async () => {
    site.answer('/api/v2/system/ready', 503);
    try {
      const o = await diagnoseWorld(repo.dir, { env: PR7, twists: { crash: true }, argv: ['diagnose', 'pr-7', ...resolve(), ...common()] });
      expect(o.code).toBe(5);
      expect(first(o)).toMatchObject({ reason: 'CrashLoopBackOff', layer: 'kubernetes' });
      expect(first(o).chain).toEqual([expect.stringMatching(/system\/ready → 503/), expect.stringMatching(/backend-api has 0 of 1 targets healthy \(Target\.FailedHealthChecks\)/), expect.stringMatching(/Pod pr-7-backend-api-.*CrashLoopBackOff.*7 restart/)]);
      const pod = o.doc.data.layers.find((l) => l.layer === 'kubernetes')!.checks.find((c) => c.id === 'kube.pods' && c.health.status === 'Failed')!;
      expect(pod.evidence).toContain('  | ERROR KeyError: JETSCALE_REDIS_HOST');
      expect(pod.evidence).toContain('event BackOff ×42: Back-off restarting failed container backend-api');
      expect(o.doc.data.layers.find((l) => l.layer === 'kubernetes')!.notes).toContain(`Warning Pod/pr-7-backend-api-7d9f8-x2x9q BackOff ×42: Back-off restarting failed container backend-api`);
      expect(o.doc.data.commands[0]!.layer).toBe('kubernetes');
      expect(o.doc.data.commands.map((c) => c.command)).toContain('kubectl --context pr-7 -n pr-7 logs pr-7-backend-api-7d9f8-x2x9q --all-containers --previous --tail 50');
    } finally {
      site.answer('/api/v2/system/ready', 200);
    }
  });

  it('ExternalSecret failing: backend 503 ← targets down ← pod cannot start (secret missing) ← SecretSyncedError', async () => {
    site.answer('/api/v2/system/ready', 503);
    try {
      const o = await diagnoseWorld(repo.dir, { env: PR7, twists: { esFailing: true }, argv: ['diagnose', 'pr-7', ...resolve(), ...common()] });
      expect(o.code).toBe(5);
      expect(first(o)).toMatchObject({ reason: 'SecretSyncedError', layer: 'kubernetes' });
      expect(first(o).cause).toContain('ExternalSecret pr-7-db-secret');
      expect(first(o).chain.slice(-2)).toEqual([expect.stringMatching(/CreateContainerConfigError.*pr-7-db-secret/), expect.stringMatching(/SecretSyncedError/)]);
      expect(reasons(o.doc.data, 'kubernetes')).toContain('kube.secrets-present: MissingSecrets');
    } finally {
      site.answer('/api/v2/system/ready', 200);
    }
  });

  it('an ALB whose name is too long for --names is found by DNS name over every page of DescribeLoadBalancers', async () => {
    const twists = { longDnsName: true, otherLbs: 450 };
    const o = await diagnoseWorld(repo.dir, { env: PR7, twists, argv: ['diagnose', 'pr-7', ...resolve(PR7, '127.0.0.1', twists), ...common()] });
    expect(o.code, o.stderr).toBe(0);
    expect(albDnsOf(PR7, twists).split('.')[0]!.length).toBeGreaterThan(32);
    const listed = o.aws.filter((r) => r.operation === 'DescribeLoadBalancers');
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.every((r) => r.params.Names === undefined)).toBe(true);
    expect(o.doc.data.layers.find((l) => l.layer === 'alb')!.notes[0]).toBe(`looked for DNS name ${albDnsOf(PR7, twists)} among 451 load balancer(s) (all pages)`);
  });

  it('no Kubernetes access: the chain stops at the target group and says the cluster could not be read', async () => {
    site.answer('/api/v2/system/ready', 503);
    try {
      // No --resolve: the host comes from the ALB's host rules (found by tag), its address from the loopback DNS.
      const o = await diagnoseWorld(repo.dir, { env: PR7, twists: { crash: true }, badToken: true, argv: ['diagnose', 'pr-7', ...common()] });
      expect(o.code).toBe(5);
      const kube = o.doc.data.layers.find((l) => l.layer === 'kubernetes')!;
      expect(kube).toMatchObject({ verdict: 'not-checked', notChecked: expect.stringMatching(/401|credentials/i) });
      expect(first(o)).toMatchObject({ reason: 'NoHealthyTargets', layer: 'alb', open: expect.stringMatching(/^Pods are ready: not checked:/) });
      expect(o.doc.data.target.host).toBe(PR7.host);
      expect(o.doc.data.layers.find((l) => l.layer === 'dns')!.checks.map((c) => c.health.reason)).toEqual(['Resolves', 'CnameToAlb']);
    } finally {
      site.answer('/api/v2/system/ready', 200);
    }
  });

  it('no Kubernetes access on a healthy env: nothing wrong found, but exit 3 because the cluster was not checked', async () => {
    const o = await diagnoseWorld(repo.dir, { env: PR7, badToken: true, argv: ['diagnose', 'pr-7', ...resolve(), ...common()] });
    expect(o.code).toBe(3);
    expect(o.doc.data.conclusion).toMatchObject({ verdict: 'not-checked', causes: [], notChecked: [expect.stringMatching(/^Kubernetes: /)] });
  });

  it('access denied on Secrets Manager: that layer is not checked, the others still run, exit 3', async () => {
    const o = await diagnoseWorld(repo.dir, { env: PR7, argv: ['diagnose', 'pr-7', ...resolve(), ...common()], arm: (a) => a.fault('secretsmanager:DescribeSecret', { error: { code: 'AccessDeniedException', status: 400 } }) });
    expect(o.code).toBe(3);
    expect(o.doc.data.layers.map((l) => `${l.layer}:${l.verdict}`)).toEqual(['dns:healthy', 'https:healthy', 'alb:healthy', 'kubernetes:healthy', 'secrets:not-checked']);
    expect(o.doc.data.conclusion.headline).toMatch(/Secrets Manager: .*denied/);
  });

  it('--role-arn: one AssumeRole with the read-only session policy, then every read as the assumed role', async () => {
    const role = 'arn:aws:iam::111111111111:role/breakglass-read';
    const o = await diagnoseWorld(repo.dir, { env: PR7, argv: ['diagnose', 'pr-7', '--role-arn', role, ...resolve(), ...common()] });
    expect(o.code, o.stderr).toBe(0);
    expect(o.aws[0]).toMatchObject({ operation: 'AssumeRole', params: { RoleArn: role, Policy: readOnlySessionPolicy(), RoleSessionName: 'jetscale-diagnose' } });
    // The sim enforces the session policy on every later call; none was denied, and STS names the assumed role.
    expect(o.aws.filter((r) => r.errorCode)).toEqual([]);
    expect(o.doc.data.credentials.aws).toMatchObject({ caller: 'arn:aws:sts::111111111111:assumed-role/breakglass-read/jetscale-diagnose', readOnly: 'session-policy' });
    expect(o.stdout).not.toMatch(/"ASIA[0-9A-F]{16}"/);
  });

  it('prints the report as text: layers, the causal chain and the commands', async () => {
    site.answer('/api/v2/system/ready', 503);
    try {
      const o = await diagnoseWorld(repo.dir, { env: PR7, twists: { crash: true }, json: false, argv: ['diagnose', 'pr-7', ...resolve(), ...common(), '--no-color'] });
      expect(o.code).toBe(5);
      expect(o.stdout).toMatch(/^Conclusion: Most likely cause: Pod pr-7-backend-api-7d9f8-x2x9q: container backend-api: CrashLoopBackOff/m);
      expect(o.stdout).toMatch(/^ {2}← k8s-pr7-backend-api has 0 of 1 targets healthy/m);
      expect(o.stdout).toContain('See the same evidence yourself (read-only):');
      if (process.env.JETSCALE_PRINT_EXAMPLE) await writeFile(process.env.JETSCALE_PRINT_EXAMPLE, o.stdout);
    } finally {
      site.answer('/api/v2/system/ready', 200);
    }
  });
});

describe('read-only across the whole suite', () => {
  it('the simulators saw only reads, every transcript entry is a read, the kubeconfig was never written, no file was left', async () => {
    expect(ALL_RUNS.length).toBeGreaterThanOrEqual(12);
    const awsOps = new Set(ALL_RUNS.flatMap((r) => r.aws.map((q) => `${q.service}:${q.operation}`)));
    expect([...awsOps].filter((op) => !/^[a-z0-9]+:(Describe|List|Get)/.test(op) && op !== 'sts:AssumeRole')).toEqual([]);
    const kubeVerbs = ALL_RUNS.flatMap((r) => r.kube.map((q) => `${q.verb} ${q.resource ?? q.path}`));
    expect(kubeVerbs.filter((v) => !/^(get|list|watch) /.test(v) && v !== 'create selfsubjectaccessreviews')).toEqual([]);
    expect(ALL_RUNS.flatMap((r) => r.doc.transcript).filter((t) => t.effect !== 'read' || t.status === 'refused' || t.status === 'recorded')).toEqual([]);
    expect(ALL_RUNS.filter((r) => r.kubeconfigChanged)).toEqual([]);
    expect(new Set(ALL_RUNS.flatMap((r) => r.doc.transcript.map((t) => t.channel)))).toEqual(new Set(['aws', 'kube', 'net']));
    expect([...site.requests, ...wrongSite.requests].every((q) => q.method === 'HEAD')).toBe(true);
    expect((await readdir(repo.dir)).sort()).toEqual(filesBefore);
  });
});
