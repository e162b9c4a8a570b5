// Shared setup for the kube adapter tests: a simulator with a small PR world, a kubeconfig file for it, and a client
// built the way a task builds one (explicit env view, the run's effect gate).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EffectGate, type Effect } from '../../src/core/effects.js';
import { createKubeClient, type KubeClient } from '../../src/kube/index.js';
import { startKubeSim, type KubeFixture, type KubeSim } from '../support/kube-sim/index.js';

/** A PR namespace with a deployment, a crash-looping pod, an event, a secret, ESO objects and an ingress. */
export const WORLD: KubeFixture = {
  objects: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pr-7', labels: { 'jetscale.env_id': 'pr-7' } } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'pr-7', labels: { app: 'api' } }, spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'example/api:1' }] } } } },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'api-5c9d7b', namespace: 'pr-7', labels: { app: 'api' } }, spec: { replicas: 2 } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-5c9d7b-x2k4p', namespace: 'pr-7', labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'example/api:1' }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'worker-1', namespace: 'pr-7', labels: { app: 'worker' } }, spec: { containers: [{ name: 'worker', image: 'example/worker:1' }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'pr-7' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'pr-7' }, spec: { rules: [{ host: 'pr-7.preview.example.com' }] } },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'worker-1.1', namespace: 'pr-7' }, involvedObject: { kind: 'Pod', name: 'worker-1', namespace: 'pr-7' }, reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container' },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'api.1', namespace: 'pr-7' }, involvedObject: { kind: 'Deployment', name: 'api', namespace: 'pr-7' }, reason: 'ScalingReplicaSet', type: 'Normal', message: 'Scaled up' },
    // Obviously fake value: the test proves it never reaches the facade's caller.
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-env', namespace: 'pr-7' }, type: 'Opaque', data: { PASSWORD: Buffer.from('fake-password-123').toString('base64') } },
    { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'app', namespace: 'pr-7' }, spec: { secretStoreRef: { kind: 'SecretStore', name: 'aws' }, target: { name: 'app-env' } } },
    { apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'aws', namespace: 'pr-7' }, spec: { provider: { aws: { service: 'SecretsManager' } } } },
    { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'aws-global' }, spec: { provider: { aws: { service: 'SecretsManager' } } } },
  ],
};

/** A temp dir removed by `cleanup`. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'jetscale-kube-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An env view over a plain record, as the CLI passes to tasks. */
export function envOf(vars: Record<string, string | undefined>): { get(name: string): string | undefined } {
  return { get: (name) => vars[name] };
}

/** A running simulator with a client, its gate and its kubeconfig file. */
export interface Rig {
  sim: KubeSim;
  gate: EffectGate;
  kube: KubeClient;
  kubeconfig: string;
  stop: () => Promise<void>;
}

/** Starts a simulator, writes its kubeconfig and builds a client through KUBECONFIG with the given gate. */
export async function startRig(opts: { dryRun?: boolean; ceiling?: Effect; fixture?: KubeFixture; requestTimeoutMs?: number; signal?: AbortSignal } = {}): Promise<Rig> {
  const sim = await startKubeSim({ fixture: opts.fixture ?? WORLD });
  const tmp = await tempDir();
  const kubeconfig = join(tmp.dir, 'config');
  await sim.writeKubeconfig(kubeconfig, 'sim');
  const gate = new EffectGate({ dryRun: opts.dryRun ?? false, ceiling: opts.ceiling ?? 'destroy', taskId: 'test' });
  const kube = await createKubeClient({
    env: envOf({ KUBECONFIG: kubeconfig }), gate,
    ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { sim, gate, kube, kubeconfig, stop: async () => { await sim.stop(); await tmp.cleanup(); } };
}

/** True when every logged request is a read (get/list/watch). */
export function onlyReads(sim: KubeSim): boolean {
  return sim.requests.every((r) => r.method === 'GET');
}
