// `npm run bench` rows for `jetscale ephemeral:deploy`: how long the health gate takes to notice readiness after the
// endpoint turns healthy (real HTTPS probes with verified TLS against a loopback server; target: within one poll
// interval), and preflight's wall time with its checks concurrent vs one after another (simulators with latency).
import { ConfigSchema } from '../../src/core/config-schema.js';
import { EffectGate } from '../../src/core/effects.js';
import { RecordingReporter } from '../../src/core/events.js';
import { Secrets } from '../../src/core/secrets.js';
import { createAws } from '../../src/aws/index.js';
import type { DeployContext } from '../../src/ephemeral/deploy-context.js';
import { runHealthGate } from '../../src/ephemeral/health-gate.js';
import { resolveIdentity } from '../../src/ephemeral/identity.js';
import { runPreflight } from '../../src/ephemeral/preflight.js';
import { judgeCertificate, judgeConnect, judgeHttp } from '../../src/health/index.js';
import { createKubeClient } from '../../src/kube/index.js';
import { createNetClient, parseResolveOverrides } from '../../src/net/index.js';
import { startAwsSim } from '../../test/support/aws-sim/index.js';
import { startKubeSim } from '../../test/support/kube-sim/index.js';
import { awsFixture, kubeFixture } from '../../test/ephemeral/deploy-support/world.js';
import { startSite, testPki } from '../../test/ephemeral/deploy-support/tls.js';

interface Row {
  what: string;
  value: string;
  target?: string;
}

const RUNS = 5;
const INTERVAL_MS = 250;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const id = resolveIdentity('pr-7', 'feature/Login-Page', { domain: 'jetscale.ai', suffix: 'unstable' });

function stubContext(over: Record<string, unknown>, health: Record<string, unknown> = {}): DeployContext {
  const secrets = new Secrets();
  const config = ConfigSchema.parse({ aws: { accounts: ['111111111111'] }, ephemeral: { health: { intervalMs: INTERVAL_MS, passes: 1, deadlineSeconds: 30, ...health } } });
  return {
    ctx: { config, secrets, root: process.cwd(), now: () => new Date(), out: new RecordingReporter(), effects: new EffectGate({ dryRun: false, ceiling: 'write', secrets }), env: { get: () => undefined } },
    id, settings: { diagnosticsFile: '/dev/null', clientSecretId: `${id.envId}-ephemeral/application/aws/client` }, caller: { account: '111111111111', arn: 'arn', region: 'us-east-1' },
    ...over,
  } as unknown as DeployContext;
}

/** Milliseconds from the endpoint turning healthy to the gate's first all-green poll, median of RUNS. */
async function gateLatency(): Promise<number> {
  const latencies: number[] = [];
  const caPem = (await testPki()).caPem;
  for (let i = 0; i < RUNS; i++) {
    let healthyAt = Infinity;
    const site = await startSite([id.host], () => (performance.now() >= healthyAt ? 200 : 503));
    const gate = new EffectGate({ dryRun: false, ceiling: 'read' });
    const net = createNetClient({ gate, overrides: parseResolveOverrides(`${id.host}=127.0.0.1`), caPem, ports: { https: site.port }, timeoutMs: 2000 });
    const observe = async () => {
      const tls = await net.handshake(id.host, '127.0.0.1');
      const checks = [judgeConnect(tls), judgeCertificate(tls, new Date())];
      for (const path of ['/', '/api/v2/system/ready']) checks.push(judgeHttp(path === '/' ? 'http.root' : 'http.backend', await net.request('GET', `https://${id.host}${path}`, '127.0.0.1'), (s) => s === 200));
      return checks;
    };
    const d = stubContext({ plugins: { observe, diagnostics: async () => ({}) } });
    const started = performance.now();
    // The endpoint turns healthy at a random point of a poll interval, as it would in a real rollout.
    setTimeout(() => (healthyAt = performance.now()), 600 + Math.random() * INTERVAL_MS);
    const r = await runHealthGate(d, new AbortController().signal);
    latencies.push(started + r.firstGreenMs - healthyAt);
    await site.close();
  }
  return median(latencies);
}

/** Preflight wall time, concurrent and serial, against simulators answering every call with `latencyMs`. */
async function preflightTimes(latencyMs: number): Promise<{ concurrent: number; serial: number }> {
  const aws = await startAwsSim({ fixture: awsFixture(), faults: [{ key: 'secretsmanager:*', spec: { latencyMs } }] });
  const kube = await startKubeSim({ fixture: kubeFixture() });
  kube.fault({ verb: 'get' }, { delayMs: latencyMs, times: Infinity });
  kube.fault({ verb: 'list' }, { delayMs: latencyMs, times: Infinity });
  const file = `${process.env.TMPDIR ?? '/tmp'}/jetscale-bench-kubeconfig-${process.pid}`;
  await kube.writeKubeconfig(file, 'sim');
  try {
    const secrets = new Secrets();
    const gate = new EffectGate({ dryRun: false, ceiling: 'write', secrets });
    const a = createAws({ gate, env: { ...aws.env(), AWS_ENDPOINT_URL: aws.url }, secrets, maxAttempts: 1 });
    const env = { get: (n: string) => (n === 'KUBECONFIG' ? file : n === 'JETSCALEBOT_GHCR_PULL_TOKEN' ? 'bench-token' : undefined), source: () => 'env', record: () => ({ KUBECONFIG: file }) };
    const k = await createKubeClient({ gate, env: env as never, cwd: process.cwd() });
    const d = stubContext({ aws: async () => a, kube: async () => k, values: async () => ({ values: { externalSecret: { enabled: true } }, files: [], generated: {}, warnings: 0 }) });
    (d.ctx as { env: unknown }).env = env;
    await runPreflight(d); // creates the namespace and secrets once, so every measured run only reads
    const times = { concurrent: [] as number[], serial: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      for (const serial of [false, true]) {
        const t = performance.now();
        await runPreflight(d, { serial });
        times[serial ? 'serial' : 'concurrent'].push(performance.now() - t);
      }
    }
    a.destroy();
    return { concurrent: median(times.concurrent), serial: median(times.serial) };
  } finally {
    await aws.stop();
    await kube.stop();
  }
}

/** The bench rows. */
export async function benchEphemeral(): Promise<Row[]> {
  const latency = await gateLatency();
  const pre = await preflightTimes(100);
  return [
    { what: `ephemeral:deploy gate: endpoint healthy → gate green (poll interval ${INTERVAL_MS} ms, median of ${RUNS})`, value: `${latency.toFixed(0)} ms`, target: `≤ ${INTERVAL_MS} ms (one interval)` },
    { what: 'ephemeral:deploy preflight, 5 checks, 100 ms per API call: concurrent', value: `${pre.concurrent.toFixed(0)} ms` },
    { what: 'ephemeral:deploy preflight, 5 checks, 100 ms per API call: one after another', value: `${pre.serial.toFixed(0)} ms (${(pre.serial / pre.concurrent).toFixed(2)}× concurrent)` },
  ];
}
