// Fault injection and the request log, seen through the real client-node; plus start/stop speed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { benchKubeSim } from './bench.js';
import { apiError, clientsFor, statusOf, withTimeout } from './harness.js';
import { startKubeSim, type KubeSim } from './index.js';

let sim: KubeSim;
beforeEach(async () => {
  sim = await startKubeSim({
    fixture: { objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'pr-7' }, spec: { replicas: 1 } }] },
  });
});
afterEach(() => sim.stop());

describe('fault injection', () => {
  it('answers the next N matching requests with 429 and Retry-After, then recovers', async () => {
    const { apps } = clientsFor(sim);
    const f = sim.fault({ resource: 'deployments', verb: 'get' }, { status: 429, retryAfterSeconds: 3, times: 2 });
    const read = () => apps.readNamespacedDeployment({ name: 'api', namespace: 'pr-7' });
    const err = await apiError(read());
    expect(err.code).toBe(429);
    expect(err.headers['retry-after']).toBe('3');
    expect(statusOf(err)).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    // A list is not a get: the fault does not match it and it does not use up the budget.
    expect((await apps.listNamespacedDeployment({ namespace: 'pr-7' })).items).toHaveLength(1);
    expect((await apiError(read())).code).toBe(429);
    expect((await read()).metadata?.name).toBe('api');
    expect([f.hits, f.remaining]).toEqual([2, 0]);
  });

  it('surfaces an injected 500 as ApiException 500 with an InternalError Status', async () => {
    const { core } = clientsFor(sim);
    sim.fault({ verb: 'list', resource: 'pods' }, { status: 500, message: 'etcdserver: request timed out' });
    const err = await apiError(core.listNamespacedPod({ namespace: 'pr-7' }));
    expect(err.code).toBe(500);
    expect(statusOf(err)).toMatchObject({ reason: 'InternalError', message: 'etcdserver: request timed out' });
    expect((await core.listNamespacedPod({ namespace: 'pr-7' })).items).toEqual([]);
  });

  it('hangs a request until the client deadline aborts it, and stop() still returns promptly', async () => {
    const { apps } = clientsFor(sim);
    sim.fault({ name: 'api' }, { hang: true });
    const t0 = performance.now();
    await expect(apps.readNamespacedDeployment({ name: 'api', namespace: 'pr-7' }, withTimeout(150))).rejects.toThrow(/abort/i);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(sim.requests.at(-1)).toMatchObject({ verb: 'get', name: 'api', status: 0 });
    sim.fault({ name: 'api' }, { hang: true });
    const pending = apps.readNamespacedDeployment({ name: 'api', namespace: 'pr-7' }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const s0 = performance.now();
    await sim.stop();
    expect(performance.now() - s0).toBeLessThan(500);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('adds latency without changing the answer', async () => {
    const { apps } = clientsFor(sim);
    sim.fault({}, { delayMs: 120, times: Infinity });
    const t0 = performance.now();
    const d = await apps.readNamespacedDeployment({ name: 'api', namespace: 'pr-7' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    expect(d.metadata?.name).toBe('api');
    sim.clearFaults();
  });
});

describe('request log', () => {
  it('records verb, path, resource, namespace, name and status, so a read-only flow can be proven', async () => {
    const { apps, core, authz } = clientsFor(sim);
    await apps.readNamespacedDeployment({ name: 'api', namespace: 'pr-7' });
    await core.listNamespacedPod({ namespace: 'pr-7', labelSelector: 'app=api' });
    await apiError(core.readNamespacedPodLog({ name: 'gone', namespace: 'pr-7' }));
    await authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } } });
    expect(sim.requests).toEqual([
      expect.objectContaining({ verb: 'get', method: 'GET', path: '/apis/apps/v1/namespaces/pr-7/deployments/api', resource: 'deployments', namespace: 'pr-7', name: 'api', status: 200 }),
      expect.objectContaining({ verb: 'list', path: '/api/v1/namespaces/pr-7/pods', resource: 'pods', namespace: 'pr-7', query: 'labelSelector=app%3Dapi', status: 200 }),
      expect.objectContaining({ verb: 'get', resource: 'pods', subresource: 'log', name: 'gone', status: 404 }),
      expect.objectContaining({ verb: 'create', resource: 'selfsubjectaccessreviews', status: 201 }),
    ]);
    expect(sim.requests.slice(0, 3).every((r) => r.verb === 'get' || r.verb === 'list')).toBe(true);
    sim.clearRequests();
    await core.deleteNamespacedPod({ name: 'x', namespace: 'pr-7' }).catch(() => undefined);
    expect(sim.requests.map((r) => `${r.verb} ${r.resource} ${r.status}`)).toEqual(['delete pods 404']);
  });
});

describe('speed', () => {
  it('starts and stops well under 100 ms once the certificate exists', async () => {
    const { startStopMs } = await benchKubeSim(0);
    expect(startStopMs).toBeLessThan(50);
  });

  it('runs independent simulators side by side', async () => {
    const other = await startKubeSim({ token: 'other' });
    try {
      expect(other.url).not.toBe(sim.url);
      expect(other.get('Deployment', 'pr-7', 'api')).toBeUndefined();
      expect((await clientsFor(other).core.listNamespace()).items.map((n) => n.metadata?.name)).toEqual(['default', 'kube-system']);
    } finally {
      await other.stop();
    }
  });
});
