// Scripted controller behaviour seen through the real client-node: rollouts, crash loops, ESO status, ALB hostnames.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, clientsFor } from './harness.js';
import { parseFixture, startKubeSim, type KubeSim } from './index.js';

const EXAMPLE = fileURLToPath(new URL('./fixtures/example.yaml', import.meta.url));
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'backend-api', namespace: 'pr-7' }, spec: { replicas: 2 } };

let sim: KubeSim;
afterEach(() => sim.stop());

type Cond = { type?: string; status?: string; reason?: string; message?: string };
const cond = (conds: Cond[] | undefined, type: string) => conds?.find((c) => c.type === type);

describe('Deployment rollout', () => {
  it('becomes Available after N reads', async () => {
    sim = await startKubeSim({ fixture: { objects: [deployment] } });
    sim.deploymentAvailableAfter('pr-7', 'backend-api', 2);
    const { apps } = clientsFor(sim);
    const seen: Array<[number | undefined, string | undefined]> = [];
    for (let i = 0; i < 4; i++) {
      const d = await apps.readNamespacedDeployment({ name: 'backend-api', namespace: 'pr-7' });
      seen.push([d.status?.availableReplicas, cond(d.status?.conditions, 'Available')?.status]);
      expect(d.status?.observedGeneration).toBe(d.metadata?.generation);
    }
    expect(seen).toEqual([[undefined, 'False'], [undefined, 'False'], [2, 'True'], [2, 'True']]);
  });

  it('counts list reads too, and never becomes available when told so', async () => {
    sim = await startKubeSim({ fixture: { objects: [deployment] } });
    sim.deploymentAvailableAfter('pr-7', 'backend-api', 'never');
    const { apps } = clientsFor(sim);
    for (let i = 0; i < 3; i++) {
      const [d] = (await apps.listNamespacedDeployment({ namespace: 'pr-7' })).items;
      expect(d?.status?.availableReplicas).toBeUndefined();
      expect(cond(d?.status?.conditions, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    }
  });

  it('applies to a Deployment created after the script (as a deploy would)', async () => {
    sim = await startKubeSim();
    sim.deploymentAvailableAfter('default', 'late', 1);
    const { apps } = clientsFor(sim);
    await apps.createNamespacedDeployment({ namespace: 'default', body: { metadata: { name: 'late' }, spec: { replicas: 1, selector: {}, template: {} } } });
    expect((await apps.readNamespacedDeployment({ name: 'late', namespace: 'default' })).status?.readyReplicas).toBeUndefined();
    expect((await apps.readNamespacedDeployment({ name: 'late', namespace: 'default' })).status?.readyReplicas).toBe(1);
  });
});

describe('CrashLoopBackOff pod', () => {
  it('reports the waiting reason, restart count, and current and previous logs', async () => {
    sim = await startKubeSim();
    sim.crashLoop('default', 'api-0', { container: 'api', restartCount: 7, logs: 'booting\n', previousLogs: 'booting\npanic: db down\n' });
    const { core } = clientsFor(sim);
    const pod = await core.readNamespacedPod({ name: 'api-0', namespace: 'default' });
    const cs = pod.status?.containerStatuses?.[0];
    expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.restartCount).toBe(7);
    expect(cs?.lastState?.terminated?.exitCode).toBe(1);
    expect(await core.readNamespacedPodLog({ name: 'api-0', namespace: 'default' })).toBe('booting\n');
    expect(await core.readNamespacedPodLog({ name: 'api-0', namespace: 'default', previous: true })).toBe('booting\npanic: db down\n');
    expect(await core.readNamespacedPodLog({ name: 'api-0', namespace: 'default', previous: true, tailLines: 1 })).toBe('panic: db down\n');
    const logReads = sim.requests.filter((r) => r.subresource === 'log');
    expect(logReads.map((r) => [r.verb, r.query])).toEqual([['get', ''], ['get', 'previous=true'], ['get', 'previous=true&tailLines=1']]);
  });

  it('answers 400 for previous logs that do not exist and 404 for a missing pod', async () => {
    sim = await startKubeSim();
    sim.podLogs('default', 'fresh', 'hello');
    sim.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fresh', namespace: 'default' }, spec: { containers: [{ name: 'app' }] } });
    const { core } = clientsFor(sim);
    expect((await apiError(core.readNamespacedPodLog({ name: 'fresh', namespace: 'default', previous: true }))).code).toBe(400);
    expect((await apiError(core.readNamespacedPodLog({ name: 'ghost', namespace: 'default' }))).code).toBe(404);
  });
});

describe('ExternalSecret and Ingress', () => {
  const es = { group: 'external-secrets.io', version: 'v1', namespace: 'pr-7', plural: 'externalsecrets', name: 'app' };

  it('reports Ready=False SecretSyncedError, then Ready=True, via CustomObjectsApi', async () => {
    sim = await startKubeSim({ fixture: { objects: [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'app', namespace: 'pr-7' }, spec: {} }] } });
    sim.externalSecretStatus('pr-7', 'app', { ready: false, message: 'Secret does not exist' });
    const { custom } = clientsFor(sim);
    const failing = await custom.getNamespacedCustomObject(es);
    expect(failing.status.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'False', reason: 'SecretSyncedError', message: 'Secret does not exist' })]);
    sim.externalSecretStatus('pr-7', 'app', { ready: true });
    const ok = await custom.getNamespacedCustomObject(es);
    expect(ok.status.conditions[0]).toMatchObject({ type: 'Ready', status: 'True', reason: 'SecretSynced' });
  });

  it('gives an Ingress its load balancer hostname after N reads', async () => {
    sim = await startKubeSim({ fixture: { objects: [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'pr-7' }, spec: {} }] } });
    sim.ingressHostnameAfter('pr-7', 'web', 'k8s-alb.elb.amazonaws.com', 2);
    const { net } = clientsFor(sim);
    const hosts: Array<string | undefined> = [];
    for (let i = 0; i < 3; i++) hosts.push((await net.readNamespacedIngress({ name: 'web', namespace: 'pr-7' })).status?.loadBalancer?.ingress?.[0]?.hostname);
    expect(hosts).toEqual([undefined, undefined, 'k8s-alb.elb.amazonaws.com']);
  });
});

describe('fixtures', () => {
  it('loads the example YAML fixture with all its behaviours', async () => {
    sim = await startKubeSim({ fixture: EXAMPLE });
    const { apps, core, custom, net } = clientsFor(sim);
    const read = () => apps.readNamespacedDeployment({ name: 'backend-api', namespace: 'pr-7' });
    for (let i = 0; i < 3; i++) expect((await read()).status?.availableReplicas).toBeUndefined();
    expect((await read()).status?.availableReplicas).toBe(2);
    const pods = await core.listNamespacedPod({ namespace: 'pr-7', fieldSelector: 'status.phase=Running' });
    expect(pods.items[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(await core.readNamespacedPodLog({ name: 'backend-worker-5c9d7b-x2k4p', namespace: 'pr-7', previous: true })).toContain('FATAL');
    const es = await custom.getNamespacedCustomObject({ group: 'external-secrets.io', version: 'v1', namespace: 'pr-7', plural: 'externalsecrets', name: 'backend-secrets' });
    expect(es.status.conditions[0].reason).toBe('SecretSyncedError');
    expect((await net.readNamespacedIngress({ name: 'jetscale', namespace: 'pr-7' })).status?.loadBalancer?.ingress).toBeUndefined();
  });

  it('rejects invalid fixtures with errors that name the path', () => {
    expect(() => parseFixture({ objects: [{ apiVersion: 'v1', kind: 'Gizmo', metadata: { name: 'x' } }] })).toThrow(/unknown kind Gizmo.*at objects\[0\]\.kind/s);
    expect(() => parseFixture({ objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }] })).toThrow(/namespaced and needs metadata\.namespace/);
    expect(() => parseFixture({ behaviours: [{ type: 'deploymentAvailable', namespace: 'a', name: 'b', after: -1 }] })).toThrow(/behaviours\[0\]\.after/);
    expect(() => parseFixture({ object: [] })).toThrow(/object/);
  });
});
