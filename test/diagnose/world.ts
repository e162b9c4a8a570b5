// One consistent world per scenario: a fixture repo (values with the wildcard certificate and pinned policy), the
// AWS side (ALB with 80 → 443, host rules forwarding to two target groups, the client secret) and the cluster
// (Ingress with the ALB's address, Services, Deployments, Pods, ExternalSecrets, Secret names), with twists that
// break one link the way real incidents do.
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { KubeFixture } from '../support/kube-sim/fixture.js';

export const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const OTHER_CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/0b7e6c1a-0000-4000-8000-00000000a7e5';
export const POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const LISTEN = '[{"HTTP":80},{"HTTPS":443}]';

/** One environment's identity. */
export interface Env {
  envId?: string;
  ns: string;
  release: string;
  host: string;
  prefix: string;
  albName: string;
  albDns: string;
}

export const PR7: Env = {
  envId: 'pr-7', ns: 'pr-7', release: 'pr-7', host: 'pr-7-feature.jetscale.test', prefix: 'pr-7-ephemeral',
  albName: 'k8s-pr7-pr7-5e2b8d41c0', albDns: 'k8s-pr7-pr7-5e2b8d41c0-1234567890.us-east-1.elb.amazonaws.com',
};
export const LIVE: Env = {
  ns: 'jetscale-prod', release: 'jetscale', host: 'console.jetscale.test', prefix: 'jetscale-prod',
  albName: 'k8s-jetscaleprod-jets-9a8b7c6d5e', albDns: 'k8s-jetscaleprod-jets-9a8b7c6d5e-987654321.us-east-1.elb.amazonaws.com',
};

/** What is broken. */
export interface Twists {
  /** The Ingress (and so the ALB) listens on 80 only. */
  httpOnly?: boolean;
  /** The 443 listener serves this certificate (drift from a manual change). */
  listenerCert?: string;
  /** backend-api crashes: CrashLoopBackOff, its targets unhealthy. */
  crash?: boolean;
  /** The db ExternalSecret fails, its Secret is missing, backend-api cannot start. */
  esFailing?: boolean;
  /** Other load balancers listed before ours (pagination). */
  otherLbs?: number;
  /** A DNS name whose first label is longer than the 32 characters `--names` accepts. */
  longDnsName?: boolean;
}

/** The ALB DNS name the world uses. */
export function albDnsOf(e: Env, t: Twists): string {
  return t.longDnsName ? `internal-k8s-${e.ns}-${e.release}-ingress-group-0123456789abcdef-1234567890.us-east-1.elb.amazonaws.com` : e.albDns;
}

const backendDown = (t: Twists) => t.crash || t.esFailing;

/** The aws-sim fixture. */
export function awsFixture(e: Env, t: Twists = {}): Record<string, unknown> {
  const tg = (svc: string) => `k8s-${e.ns.replace(/-/g, '')}-${svc}`.slice(0, 32);
  const down = { health: 'unhealthy', reason: 'Target.FailedHealthChecks', description: 'Health checks failed' };
  const others = Array.from({ length: t.otherLbs ?? 0 }, (_, i) => ({ name: `k8s-other-${String(i).padStart(4, '0')}`, tags: { 'elbv2.k8s.aws/cluster': `pr-${1000 + i}` } }));
  const listeners = [
    { port: 80, protocol: 'HTTP', defaultActions: [{ redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }] },
    ...(t.httpOnly ? [] : [{
      port: 443, protocol: 'HTTPS', certificates: [t.listenerCert ?? CERT], sslPolicy: POLICY,
      defaultActions: [{ fixedResponse: { statusCode: '404', contentType: 'text/plain' } }],
      rules: [
        { priority: 1, conditions: [{ field: 'host-header', values: [e.host] }, { field: 'path-pattern', values: ['/api/*'] }], actions: [{ forward: tg('backend-api') }] },
        { priority: 2, conditions: [{ field: 'host-header', values: [e.host] }], actions: [{ forward: tg('frontend') }] },
      ],
    }]),
  ];
  return {
    region: 'us-east-1',
    elbv2: {
      targetGroups: [
        { name: tg('frontend'), port: 3000, targets: [{ id: '10.42.1.17', port: 3000 }], tags: { 'elbv2.k8s.aws/cluster': e.envId ?? e.ns } },
        { name: tg('backend-api'), port: 8000, targets: [{ id: '10.42.1.18', port: 8000, ...(backendDown(t) ? down : {}) }], tags: { 'elbv2.k8s.aws/cluster': e.envId ?? e.ns } },
      ],
      loadBalancers: [
        ...others,
        { name: e.albName, dnsName: albDnsOf(e, t), tags: { 'elbv2.k8s.aws/cluster': e.envId ?? e.ns, 'ingress.k8s.aws/stack': `${e.ns}/${e.release}` }, listeners },
      ],
    },
    secretsManager: {
      secrets: [{ name: `${e.prefix}/application/aws/client`, value: { JETSCALE_CLIENT_AWS_REGION: 'us-east-1', JETSCALE_CLIENT_AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/fake-client', JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID: 'fake-external-id-0001' } }],
    },
  };
}

const SUFFIXES = ['db-secret', 'redis-secret', 'common-secrets', 'aws-client-secret', 'app-secrets'];

/** The kube-sim fixture at `now` (ExternalSecrets refreshed a minute ago). */
export function kubeFixture(e: Env, t: Twists, now: Date): KubeFixture {
  const meta = (name: string, labels: Record<string, string> = {}) => ({ name, namespace: e.ns, labels });
  const refreshed = new Date(now.getTime() - 60_000).toISOString();
  const annotations = {
    'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/target-type': 'ip',
    'alb.ingress.kubernetes.io/listen-ports': t.httpOnly ? '[{"HTTP":80}]' : LISTEN, 'alb.ingress.kubernetes.io/ssl-redirect': '443',
    'alb.ingress.kubernetes.io/ssl-policy': POLICY, 'alb.ingress.kubernetes.io/certificate-arn': CERT,
  };
  const app = (svc: string, ip: string, ready: boolean, waiting?: { reason: string; message: string }) => [
    { apiVersion: 'v1', kind: 'Service', metadata: meta(`${e.release}-${svc}`), spec: { selector: { app: svc }, ports: [{ port: 80 }] } },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { ...meta(`${e.release}-${svc}`), generation: 1 }, spec: { replicas: 1, selector: { matchLabels: { app: svc } } },
      status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: ready ? 1 : 0, availableReplicas: ready ? 1 : 0, conditions: [{ type: 'Available', status: ready ? 'True' : 'False', reason: ready ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable' }] },
    },
    {
      apiVersion: 'v1', kind: 'Pod', metadata: meta(`${e.release}-${svc}-7d9f8-x2x9q`, { app: svc }), spec: { containers: [{ name: svc, image: `ghcr.io/jetscale-ai/${svc}:1.0.0` }] },
      status: {
        phase: ready ? 'Running' : 'Pending', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: [{ name: svc, ready, restartCount: 0, image: 'x', imageID: 'x', state: waiting ? { waiting } : { running: { startedAt: refreshed } } }],
      },
    },
  ];
  const es = (suffix: string) => {
    const failing = t.esFailing && suffix === 'db-secret';
    return {
      apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta(`${e.release}-${suffix}`),
      spec: { refreshInterval: '1h', secretStoreRef: { kind: 'SecretStore', name: `${e.release}-secrets-store` }, target: { name: `${e.release}-${suffix}` } },
      status: failing
        ? { conditions: [{ type: 'Ready', status: 'False', reason: 'SecretSyncedError', message: `could not get secret data from provider: key ${e.prefix}/database/console not found`, lastTransitionTime: refreshed }] }
        : { refreshTime: refreshed, conditions: [{ type: 'Ready', status: 'True', reason: 'SecretSynced', message: 'secret synced', lastTransitionTime: refreshed }] },
    };
  };
  const waiting = t.esFailing ? { reason: 'CreateContainerConfigError', message: `secret "${e.release}-db-secret" not found` } : undefined;
  return {
    objects: [
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { ...meta(e.release), annotations },
        spec: { ingressClassName: 'alb', rules: [{ host: e.host, http: { paths: [
          { path: '/api', pathType: 'Prefix', backend: { service: { name: `${e.release}-backend-api`, port: { number: 80 } } } },
          { path: '/', pathType: 'Prefix', backend: { service: { name: `${e.release}-frontend`, port: { number: 80 } } } },
        ] } }] },
        status: { loadBalancer: { ingress: [{ hostname: albDnsOf(e, t) }] } },
      },
      ...app('frontend', '10.42.1.17', true),
      ...app('backend-api', '10.42.1.18', !backendDown(t), waiting),
      ...SUFFIXES.map(es),
      ...SUFFIXES.filter((s) => !(t.esFailing && s === 'db-secret')).map((s) => ({ apiVersion: 'v1', kind: 'Secret', metadata: meta(`${e.release}-${s}`), data: { K: 'ZmFrZS1zZWNyZXQtZGF0YQ==' } })),
      ...(t.crash ? [{
        apiVersion: 'v1', kind: 'Event', metadata: meta('backend-api-backoff'), type: 'Warning', reason: 'BackOff', count: 42, lastTimestamp: now.toISOString(),
        message: 'Back-off restarting failed container backend-api', involvedObject: { kind: 'Pod', name: `${e.release}-backend-api-7d9f8-x2x9q`, namespace: e.ns },
      }] : []),
    ],
    behaviours: t.crash
      ? [{ type: 'crashLoop', namespace: e.ns, name: `${e.release}-backend-api-7d9f8-x2x9q`, container: 'backend-api', restartCount: 7, exitCode: 1, logs: 'starting\n', previousLogs: 'INFO booting backend-api\nERROR KeyError: JETSCALE_REDIS_HOST\nTraceback (most recent call last): …\n' }]
      : [],
  } as KubeFixture;
}

/** A fixture repo: config, the AWS cloud layer, preview and live environments, a minimal chart values file. */
export async function writeRepo(dir: string): Promise<void> {
  const files: Record<string, string> = {
    'package.json': '{"name":"diagnose-fixture"}',
    'jetscale.config.yaml': 'dns:\n  domain: jetscale.test\n',
    'charts/jetscale/values.yaml': 'externalSecret:\n  enabled: true\n  db: {enabled: true}\n  redis: {enabled: true}\n  common: {enabled: true}\n  app: {enabled: true}\n  awsClient: {enabled: true}\ningress:\n  enabled: true\n',
    'envs/aws.yaml': `ingress:\n  className: alb\n  annotations:\n    alb.ingress.kubernetes.io/scheme: internet-facing\n    alb.ingress.kubernetes.io/target-type: ip\n    alb.ingress.kubernetes.io/listen-ports: '${LISTEN}'\n    alb.ingress.kubernetes.io/ssl-redirect: "443"\n    alb.ingress.kubernetes.io/ssl-policy: ${POLICY}\n    alb.ingress.kubernetes.io/certificate-arn: ${CERT}\n`,
    'envs/preview/preview.yaml': 'global:\n  client_name: preview\n  project_name: console\n  env: ephemeral\nexternalSecret:\n  awsSecretPrefix: preview-ephemeral\ningress:\n  hosts:\n    preview.jetscale.test: {}\n',
    'envs/live/default.yaml': 'global:\n  env: prod\n',
    'envs/live/console.yaml': 'global:\n  client_name: jetscale\n  project_name: console\nexternalSecret:\n  awsSecretPrefix: jetscale-prod\ningress:\n  hosts:\n    console.jetscale.test: {}\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
