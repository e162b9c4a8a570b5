// One ephemeral:deploy test world: a temporary repo (the real chart with its vendored stand-in subcharts, the real
// envs/, a jetscale.config.yaml, optionally an IaC directory of terraform_data resources whose S3 backend is the AWS
// simulator), aws-sim, kube-sim with small "controllers" (a Ready pod per Deployment, the Secret of each
// ExternalSecret, the Ingress's ALB hostname), a real HTTPS server on loopback, and the CLI run in-process.
import { accessSync, constants } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { stringify } from 'yaml';
import { resolveIdentity } from '../../../src/ephemeral/identity.js';
import { startAwsSim, type AwsFixture, type AwsSim } from '../../support/aws-sim/index.js';
import { s3BackendBlock } from '../../support/aws-sim/terraform-backend.js';
import { helmHomeEnv } from '../../support/helm/helm-home.js';
import { repoRoot } from '../../support/helm/repo-root.js';
import { startKubeSim, type KubeSim } from '../../support/kube-sim/index.js';
import { runCli, type CliRun } from '../../support/run-cli.js';
import { removeDir, startSite, writeCa, type TestSite } from './tls.js';

export const ENV = 'pr-7';
export const BRANCH = 'feature/Login-Page';
export const ACCOUNT = '111111111111';
export const HOST = resolveIdentity(ENV, BRANCH, { domain: 'jetscale.ai', suffix: 'unstable' }).host;
export const ALB_DNS = 'k8s-pr7-jetscale-5e2b8d41c0-1234567890.us-east-1.elb.amazonaws.com';
export const CERT_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
export const BUCKET = 'jetscale-tfstate';
export const STATE_KEY = `ephemeral/${ENV}/terraform.tfstate`;
export const CLIENT_SECRET = `${ENV}-ephemeral/application/aws/client`;
export const PULL_TOKEN = 'ghp-fake-pull-token-1234567890';
export const HELM = process.env.JETSCALE_HELM ?? '';
/** True when no `terraform` is on PATH (the terraform scenarios then skip with this reason). */
export const TERRAFORM_MISSING = !(process.env.PATH ?? '').split(delimiter).some((d) => {
  try {
    accessSync(join(d, 'terraform'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

/** A healthy pr-7 in AWS: caller, the cluster, the controller's ALB (80 → 443, 443 HTTPS with the wildcard cert and the
 * pinned policy), a target group with healthy targets, the client secret with its three keys, the state bucket. */
export function awsFixture(o: { cluster?: boolean; clientSecret?: Record<string, unknown> | false; https?: boolean; targets?: 'healthy' | 'unhealthy'; stateObjects?: Record<string, unknown> } = {}): AwsFixture {
  const tags = { 'jetscale.cluster_id': ENV, 'jetscale.env_id': ENV };
  const tg = 'k8s-pr7-frontend-3f9a1c2b7d';
  const health = o.targets ?? 'healthy';
  return {
    account: ACCOUNT, region: 'us-east-1',
    caller: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/github-actions-deployer/GitHubActions`, userId: 'AROAEXAMPLEDEPLOYER01:GitHubActions' },
    eks: { clusters: o.cluster === false ? [] : [{ name: ENV, tags }] },
    elbv2: {
      targetGroups: [{ name: tg, port: 80, tags: { 'elbv2.k8s.aws/cluster': ENV }, targets: [
        { id: '10.42.1.17', port: 80, health, ...(health === 'unhealthy' ? { reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [502]' } : {}) },
      ] }],
      loadBalancers: [{
        name: 'k8s-pr7-jetscale-5e2b8d41c0', dnsName: ALB_DNS, tags: { 'elbv2.k8s.aws/cluster': ENV, 'ingress.k8s.aws/stack': `${ENV}/${ENV}` },
        listeners: [
          { port: 80, protocol: 'HTTP', defaultActions: [{ redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }] },
          ...(o.https === false ? [] : [{ port: 443, protocol: 'HTTPS' as const, sslPolicy: SSL_POLICY, certificates: [CERT_ARN], defaultActions: [{ forward: tg }] }]),
        ],
      }],
    },
    secretsManager: {
      secrets: o.clientSecret === false ? [] : [{ name: CLIENT_SECRET, tags, value: o.clientSecret ?? { JETSCALE_CLIENT_AWS_REGION: 'us-east-1', JETSCALE_CLIENT_AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/${ENV}-ephemeral-client-discovery-role`, JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID: 'ext-id-fixture-0001' } }],
    },
    s3: { buckets: [{ name: BUCKET, objects: (o.stateObjects ?? {}) as Record<string, Record<string, unknown>> }] },
  };
}

/** Controller Deployments the deploy waits for (ESO, the ALB controller), available at once unless told otherwise. */
export function kubeFixture(o: { eso?: boolean } = {}) {
  const dep = (namespace: string, name: string) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, generation: 1 },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `example/${name}:1` }] } } },
    status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] },
  });
  return {
    objects: [...(o.eso === false ? [] : [dep('external-secrets-system', 'external-secrets')]), dep('kube-system', 'aws-load-balancer-controller')],
    behaviours: [{ type: 'rollout' as const, namespace: ENV, stepMs: 5 }, { type: 'ingressHostname' as const, namespace: ENV, name: ENV, hostname: ALB_DNS, after: 0 }],
  };
}

/** What ESO and the kubelet would do in the namespace: a Ready pod per Deployment, the target Secret of each
 * ExternalSecret (and its Ready condition). Pods and Secrets are put directly (no API request is logged). */
export function playControllers(sim: KubeSim): void {
  sim.onChange(({ type, kind, object }) => {
    const ns = object.metadata.namespace;
    if (type !== 'ADDED' || ns !== ENV) return;
    if (kind === 'Deployment') {
      const labels = ((object.spec as { template?: { metadata?: { labels?: Record<string, string> } } }).template?.metadata?.labels) ?? {};
      const containers = ((object.spec as { template?: { spec?: { containers?: Array<{ name: string; image: string }> } } }).template?.spec?.containers) ?? [];
      sim.put({
        apiVersion: 'v1', kind: 'Pod', metadata: { name: `${object.metadata.name}-7d9f8-abcde`, namespace: ns, labels },
        spec: { containers },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: containers.map((c) => ({ name: c.name, image: c.image, ready: true, restartCount: 0, state: { running: { startedAt: '2024-01-01T00:00:00Z' } } })) },
      });
    }
    if (kind === 'ExternalSecret') {
      // kube-sim's own ESO script stamps a fixed 2024 refreshTime, which the freshness rule rightly calls stale.
      sim.script('ExternalSecret', ns, object.metadata.name, freshlySynced);
      const target = (object.spec as { target?: { name?: string } }).target?.name ?? object.metadata.name;
      if (!sim.get('Secret', ns, target)) sim.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: target, namespace: ns }, type: 'Opaque', data: { synced: 'dHJ1ZQ==' } });
    }
  });
}

/** ESO's Ready condition with a refreshTime of now, as a running controller keeps it. */
export const freshlySynced: Parameters<KubeSim['script']>[3] = (obj) => {
  const now = new Date().toISOString();
  obj.status = { refreshTime: now, syncedResourceVersion: `1-${String(obj.metadata.generation ?? 1)}`, conditions: [{ type: 'Ready', status: 'True', reason: 'SecretSynced', message: 'secret synced', lastTransitionTime: now }] };
};

/** The IaC directory: terraform_data stand-ins for the real infrastructure, state in the simulator's S3. */
export function iacConfig(url: string, extra = ''): string {
  return `${s3BackendBlock({ url, lockfile: true })}
variable "env_id" {
  type = string
}

resource "terraform_data" "cluster" {
  input = var.env_id
}
${extra}`;
}

/** Test configuration: fast polls and retries, short deadlines. */
export function testConfig(o: { iac: boolean; gateSeconds?: number; config?: Record<string, unknown> }): Record<string, unknown> {
  return {
    chart: 'charts/jetscale', envs: 'envs',
    dns: { domain: 'jetscale.ai', hostSuffix: 'unstable' },
    aws: { accounts: [ACCOUNT], regions: ['us-east-1'], callerArnPatterns: ['^arn:aws:sts::\\d+:assumed-role/github-actions-deployer/'] },
    terraform: { stateBucket: BUCKET, iacDir: o.iac ? 'iac' : '', lockTimeoutSeconds: 1, retryDelaySeconds: 0, applyAttempts: 2 },
    ephemeral: { helmTimeoutSeconds: 60, health: { intervalMs: 40, passes: 2, deadlineSeconds: o.gateSeconds ?? 4, requestTimeoutMs: 2000 } },
    ...o.config,
  };
}

/** A running world. */
export interface World {
  root: string;
  aws: AwsSim;
  kube: KubeSim;
  site: TestSite;
  caFile: string;
  /** Runs `jetscale <args>` with the world's env (extra args after the gate's network flags). */
  run(args: readonly string[], o?: { env?: Record<string, string>; aws?: AwsSim; site?: TestSite; gateFlags?: boolean }): Promise<CliRun & { json: () => DeployJson }>;
  githubOutput: string;
  close(): Promise<void>;
}

/** The `--json` document of a run. */
export interface DeployJson {
  ok: boolean;
  exitCode: number;
  data?: { url: string; steps: Array<{ name: string; status: string; attempts: number }>; results: Record<string, unknown> };
  error?: { code: string; message: string; tail?: string; hint?: string };
  transcript: Array<{ channel: string; operation: string; effect: string; status: string; command: string; target: string; output?: boolean }>;
  events?: Array<{ code: string; step?: string; message: string }>;
}

/** Builds a world; `iac` adds the IaC directory (with `iacExtra` appended to main.tf). */
export async function makeWorld(o: { iac?: boolean; iacExtra?: string; aws?: AwsFixture; kube?: ReturnType<typeof kubeFixture>; config?: Record<string, unknown>; gateSeconds?: number; site?: (path: string) => number } = {}): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), 'jetscale-deploy-'));
  await writeFile(join(root, 'package.json'), '{"name":"deploy-test","private":true}\n');
  await cp(join(repoRoot, 'charts', 'jetscale'), join(root, 'charts', 'jetscale'), { recursive: true });
  await cp(join(repoRoot, 'envs'), join(root, 'envs'), { recursive: true });
  await writeFile(join(root, 'jetscale.config.yaml'), stringify(testConfig({ iac: o.iac ?? false, ...(o.gateSeconds ? { gateSeconds: o.gateSeconds } : {}), ...(o.config ? { config: o.config } : {}) })));
  const aws = await startAwsSim({ fixture: o.aws ?? awsFixture() });
  if (o.iac) {
    await mkdir(join(root, 'iac'));
    await writeFile(join(root, 'iac', 'main.tf'), iacConfig(aws.url, o.iacExtra));
  }
  const kube = await startKubeSim({ fixture: o.kube ?? kubeFixture() });
  playControllers(kube);
  await kube.writeKubeconfig(join(root, 'kubeconfig'), 'sim');
  const site = await startSite([HOST], o.site);
  const caFile = await writeCa(root);
  const githubOutput = join(root, 'github-output');
  await writeFile(githubOutput, 'earlier=line\n');
  const world: World = {
    root, aws, kube, site, caFile, githubOutput,
    async run(args, r = {}) {
      const sim = r.aws ?? aws;
      const gate = r.gateFlags === false ? [] : ['--resolve', `${HOST}=127.0.0.1,${ALB_DNS}=127.0.0.1`, '--https-port', String((r.site ?? site).port), '--ca-file', caFile];
      const env = {
        PATH: process.env.PATH ?? '', HOME: root, KUBECONFIG: join(root, 'kubeconfig'), JETSCALE_HELM: HELM,
        CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(root, 'none.tfrc'), AWS_EC2_METADATA_DISABLED: 'true',
        ...helmHomeEnv(join(root, '.helm')), ...sim.env(), AWS_ENDPOINT_URL: sim.url,
        JETSCALEBOT_GHCR_PULL_TOKEN: PULL_TOKEN, GITHUB_OUTPUT: githubOutput, ...r.env,
      };
      const res = await runCli(['ephemeral:deploy', ENV, '--branch', BRANCH, '--json', ...gate, ...args], { env, cwd: root });
      return { ...res, json: () => JSON.parse(res.stdout) as DeployJson };
    },
    async close() {
      await Promise.all([aws.stop(), kube.stop(), site.close()]);
      await removeDir(root);
    },
  };
  return world;
}

/** The state object as terraform wrote it. */
export function stateOf(aws: AwsSim, key = STATE_KEY): { serial: number; resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }> } | undefined {
  const o = aws.list('s3:object').find((x) => x.key === key);
  return o ? JSON.parse(o.body) : undefined;
}

/** Reads a file of the world (e.g. the journal or the diagnostics bundle). */
export const readText = (file: string) => readFile(file, 'utf8');
