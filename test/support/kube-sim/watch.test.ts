// Watch through client-node's Watch and real kubectl (get -w, wait, rollout status), scripted rollouts in time,
// the /scale subresource, Events linked by uid for `kubectl describe`, and the health endpoints.
import { Watch, type V1Deployment } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { clientsFor, mergePatch } from './harness.js';
import { startKubeSim, type KubeFixture, type KubeSim, type KubeSimOptions } from './index.js';
import { findKubectl, kubectlFor } from './kubectl.js';

type Event = { type: string; object: { kind?: string; metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; status?: Record<string, unknown>; code?: number; reason?: string } };

const deployment = (name: string, replicas = 2) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'pr-7', labels: { app: name } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1` }] } } },
});
const cm = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'pr-7', labels }, data: { k: name } });

let sim: KubeSim;
afterEach(() => sim.stop());
const start = async (fixture: KubeFixture, opts: Omit<KubeSimOptions, 'fixture'> = {}) => { sim = await startKubeSim({ fixture, ...opts }); return sim; };

/** Opens a client-node watch and collects its events until `stop()` (or the server ends it). */
async function watchEvents(path: string, query: Record<string, string | number | boolean> = {}) {
  const events: Event[] = [];
  const controller = await new Promise<{ done: Promise<unknown>; abort: () => void }>((ready) => {
    const done = new Promise((resolve) => {
      void new Watch(sim.kubeConfig()).watch(path, query, (type, object) => events.push({ type, object }), resolve).then((c) => ready({ done, abort: () => c.abort() }));
    });
  });
  const until = async (pred: (e: Event[]) => boolean, ms = 3000) => {
    const t0 = Date.now();
    while (!pred(events)) {
      if (Date.now() - t0 > ms) throw new Error(`watch ${path}: condition not met after ${ms} ms; events: ${events.map((e) => `${e.type} ${e.object.metadata?.name}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { events, done: controller.done, until, stop: controller.abort };
}

const summary = (events: Event[]) => events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type} ${e.object.metadata?.name}`);

describe('client-node Watch', () => {
  it('streams ADDED for what exists, then MODIFIED and DELETED; objects entering or leaving the selector are ADDED/DELETED', async () => {
    await start({ objects: [cm('a', { team: 'x' }), cm('b', { team: 'y' })] });
    const w = await watchEvents('/api/v1/namespaces/pr-7/configmaps', { labelSelector: 'team=x' });
    await w.until((e) => e.length >= 1);
    const { core } = clientsFor(sim);
    await core.patchNamespacedConfigMap({ name: 'a', namespace: 'pr-7', body: { data: { k: 'a2' } } }, mergePatch);
    await core.patchNamespacedConfigMap({ name: 'b', namespace: 'pr-7', body: { metadata: { labels: { team: 'x' } } } }, mergePatch);
    await core.patchNamespacedConfigMap({ name: 'a', namespace: 'pr-7', body: { metadata: { labels: { team: 'z' } } } }, mergePatch);
    await core.deleteNamespacedConfigMap({ name: 'b', namespace: 'pr-7' });
    sim.put(cm('c', { team: 'x' })); // direct puts are changes too
    await w.until((e) => e.length >= 6);
    w.stop();
    expect(summary(w.events)).toEqual(['ADDED a', 'MODIFIED a', 'ADDED b', 'DELETED a', 'DELETED b', 'ADDED c']);
    expect(w.events[1]?.object).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'a' } });
  });

  it('resumes after a resourceVersion, answers a compacted one with 410 Expired, and sends BOOKMARKs when allowed', async () => {
    await start({ objects: [cm('a', {})] }, { bookmarkMs: 20 });
    const { core } = clientsFor(sim);
    const rv = (await core.listNamespacedConfigMap({ namespace: 'pr-7' })).metadata?.resourceVersion ?? '';
    await core.patchNamespacedConfigMap({ name: 'a', namespace: 'pr-7', body: { data: { k: '2' } } }, mergePatch);
    const resumed = await watchEvents('/api/v1/namespaces/pr-7/configmaps', { resourceVersion: rv, allowWatchBookmarks: true });
    await resumed.until((e) => e.some((x) => x.type === 'BOOKMARK') && e.some((x) => x.type === 'MODIFIED'));
    resumed.stop();
    expect(summary(resumed.events)).toEqual(['MODIFIED a']); // nothing from before rv, no synthetic ADDED
    expect(Number(resumed.events.find((e) => e.type === 'BOOKMARK')?.object.metadata?.resourceVersion)).toBe(Number(sim.resourceVersion()));

    const expired = await watchEvents('/api/v1/namespaces/pr-7/configmaps', { resourceVersion: '5' });
    await expired.done;
    expect(expired.events.map((e) => [e.type, e.object.code, e.object.reason])).toEqual([['ERROR', 410, 'Expired']]);
  });

  it('ends the stream after timeoutSeconds, and marks the end of initial events for sendInitialEvents', async () => {
    await start({ objects: [cm('a', {}), cm('b', {})] }, { bookmarkMs: 60_000 });
    const w = await watchEvents('/api/v1/namespaces/pr-7/configmaps', { sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: true, timeoutSeconds: 1 });
    const t0 = Date.now();
    await w.done;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(w.events[2]?.object.metadata?.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  it('sees a scripted rollout happen: one more ready replica per step, then Available', async () => {
    await start({ objects: [deployment('api', 3)] });
    const w = await watchEvents('/apis/apps/v1/namespaces/pr-7/deployments', { fieldSelector: 'metadata.name=api' });
    await w.until((e) => e.length >= 1);
    sim.rollout('pr-7', 'api', { stepMs: 10 });
    await w.until((e) => e.some((x) => (x.object.status?.availableReplicas as number | undefined) === 3));
    w.stop();
    const updated = w.events.filter((e) => e.type === 'MODIFIED').map((e) => e.object.status?.updatedReplicas);
    expect(updated).toEqual([0, 1, 2, 3]);
    const last = w.events.at(-1)?.object.status as { conditions: Array<{ type: string; status: string; reason: string }> };
    expect(last.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Available=True/MinimumReplicasAvailable', 'Progressing=True/NewReplicaSetAvailable']);
  });
});

const KUBECTL = await findKubectl();
if (!KUBECTL) console.warn('kube-sim watch kubectl tests skipped: kubectl is not on PATH (set $KUBECTL)');

describe.skipIf(!KUBECTL)('kubectl against watches, scale, events and health', () => {
  it('get -w, rollout status and wait --for=condition=Available follow a rollout started by a spec change', async () => {
    await start({ objects: [deployment('web')], behaviours: [{ type: 'rollout', namespace: 'pr-7', stepMs: 20 }] });
    const kubectl = await kubectlFor(KUBECTL ?? '', sim, 'pr-7');
    try {
      expect((await kubectl.run(['rollout', 'status', 'deployment/web', '--timeout=10s'])).stdout).toContain('deployment "web" successfully rolled out');
      const watchesBefore = sim.requests.filter((r) => r.verb === 'watch').length;
      const getW = kubectl.spawn(['get', 'deployment', 'web', '--watch-only', '-o', 'custom-columns=NAME:.metadata.name,UPDATED:.status.updatedReplicas,READY:.status.readyReplicas', '--no-headers']);
      await new Promise<void>((resolve) => { const t = setInterval(() => { if (sim.requests.filter((r) => r.verb === 'watch').length > watchesBefore) { clearInterval(t); resolve(); } }, 5); });
      sim.rollout('pr-7', 'web', { stepMs: 400 }); // slow enough that kubectl, started after the change, sees it in progress
      const { apps } = clientsFor(sim);
      await apps.patchNamespacedDeployment({ name: 'web', namespace: 'pr-7', body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } } } } }, mergePatch);
      const status = await kubectl.run(['rollout', 'status', 'deployment/web', '--timeout=10s']);
      expect(status.stdout).toMatch(/Waiting for deployment "web" rollout to finish: \d out of 2 new replicas have been updated/);
      expect(status.stdout).toContain('deployment "web" successfully rolled out');
      expect((await kubectl.run(['wait', '--for=condition=Available', 'deployment/web', '--timeout=10s'])).stdout).toBe('deployment.apps/web condition met');
      getW.kill();
      const lines = (await getW).stdout.split('\n').map((l) => l.trim().split(/\s+/).join(' '));
      expect(lines).toContain('web 0 2'); // the new ReplicaSet starts at 0 while the old pods keep serving
      expect(lines.filter(Boolean).at(-1)).toBe('web 2 2');
      expect(sim.requests.filter((r) => r.verb === 'watch').length).toBeGreaterThanOrEqual(3);
    } finally {
      await kubectl.cleanup();
    }
  });

  it('scale goes through the /scale subresource; describe lists the events that point at the object by uid', async () => {
    const podEvent = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-pod.1', namespace: 'pr-7' }, involvedObject: { kind: 'Pod', name: 'web-pod', namespace: 'pr-7' }, reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container' };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-pod', namespace: 'pr-7' }, spec: { containers: [{ name: 'web', image: 'web:1' }] } };
    await start({ objects: [podEvent, pod, deployment('web')], behaviours: [{ type: 'rollout', namespace: 'pr-7', name: 'web', stepMs: 20 }] });
    const kubectl = await kubectlFor(KUBECTL ?? '', sim, 'pr-7');
    try {
      expect((await kubectl.run(['scale', 'deployment/web', '--replicas=4'])).stdout).toBe('deployment.apps/web scaled');
      expect(sim.requests.filter((r) => r.subresource === 'scale').map((r) => `${r.verb}:${r.status}`)).toEqual(['patch:200']);
      expect((sim.get('Deployment', 'pr-7', 'web') as V1Deployment).spec?.replicas).toBe(4);
      const scale = JSON.parse((await kubectl.run(['get', '--raw', '/apis/apps/v1/namespaces/pr-7/deployments/web/scale'])).stdout);
      expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 4 }, status: { selector: 'app=web' } });
      expect((await kubectl.run(['rollout', 'status', 'deployment/web', '--timeout=10s'])).exitCode).toBe(0);
      sim.recordEvent('Deployment', 'pr-7', 'web', { reason: 'Checked', message: 'looked at by a test', type: 'Warning' });
      const described = (await kubectl.run(['describe', 'deployment', 'web'])).stdout;
      expect(described).toMatch(/Normal\s+ScalingReplicaSet\s+.*Scaled up replica set web-[0-9a-f]{10} from 2 to 4/);
      expect(described).toMatch(/Warning\s+Checked\s+.*looked at by a test/);
      expect((await kubectl.run(['describe', 'pod', 'web-pod'])).stdout).toMatch(/Warning\s+BackOff\s+.*Back-off restarting failed container/);
      expect(sim.requests.some((r) => r.resource === 'events' && r.query.includes('involvedObject.uid'))).toBe(true);
    } finally {
      await kubectl.cleanup();
    }
  });

  it('serves /healthz, /readyz and /livez (also when failing)', async () => {
    await start({});
    const kubectl = await kubectlFor(KUBECTL ?? '', sim);
    try {
      expect((await kubectl.run(['get', '--raw', '/readyz'])).stdout).toBe('ok');
      expect((await kubectl.run(['get', '--raw', '/livez?verbose'])).stdout).toContain('livez check passed');
      sim.setHealth('readyz', false, 'etcd is down');
      const bad = await kubectl.run(['get', '--raw', '/readyz?verbose']);
      expect(bad.exitCode).toBe(1);
      expect((await kubectl.run(['get', '--raw', '/healthz'])).stdout).toBe('ok');
      expect(sim.requests.filter((r) => r.path === '/readyz').map((r) => r.status)).toEqual([200, 500]);
    } finally {
      await kubectl.cleanup();
    }
  });
});
