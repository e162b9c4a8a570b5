// Auth and error mapping through the real client-node: 401, 404, 409 (exists / stale), 422, 400.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, clientsFor, statusOf } from './harness.js';
import { startKubeSim, type KubeSim } from './index.js';

let sim: KubeSim;
beforeEach(async () => {
  sim = await startKubeSim({
    fixture: { objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'pr-7' }, data: { a: '1' } }] },
  });
});
afterEach(() => sim.stop());

function withToken(token: string): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromString(JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'x',
    clusters: [{ name: 'x', cluster: { server: sim.url, 'certificate-authority-data': Buffer.from(sim.caPem).toString('base64') } }],
    users: [{ name: 'x', user: token ? { token } : {} }],
    contexts: [{ name: 'x', context: { cluster: 'x', user: 'x' } }],
  }));
  return kc.makeApiClient(CoreV1Api);
}

describe('authentication', () => {
  it('rejects a wrong or missing bearer token with 401 and serves the right one', async () => {
    expect((await apiError(withToken('nope').listNamespace())).code).toBe(401);
    expect((await apiError(withToken('').readNamespace({ name: 'pr-7' }))).code).toBe(401);
    const ok = await withToken(sim.token).readNamespace({ name: 'pr-7' });
    expect(ok.metadata?.name).toBe('pr-7');
    expect(sim.requests.map((r) => r.status)).toEqual([401, 401, 200]);
  });

  it('refuses a client that does not trust the simulator CA (TLS is real)', async () => {
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser({ name: 'x', server: sim.url, skipTLSVerify: false }, { name: 'x', token: sim.token });
    await expect(kc.makeApiClient(CoreV1Api).listNamespace()).rejects.toThrow(/certificate/i);
  });
});

describe('errors as Status bodies', () => {
  it('maps a missing object to ApiException 404 with a NotFound Status', async () => {
    const { apps } = clientsFor(sim);
    const err = await apiError(apps.readNamespacedDeployment({ name: 'ghost', namespace: 'pr-7' }));
    expect(err.code).toBe(404);
    expect(statusOf(err)).toMatchObject({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404,
      message: 'deployments.apps "ghost" not found', details: { name: 'ghost', group: 'apps', kind: 'deployments' },
    });
  });

  it('answers 409 AlreadyExists on a duplicate create', async () => {
    const { core } = clientsFor(sim);
    const err = await apiError(core.createNamespacedConfigMap({ namespace: 'pr-7', body: { metadata: { name: 'settings' } } }));
    expect(err.code).toBe(409);
    expect(statusOf(err)).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "settings" already exists' });
  });

  it('answers 409 Conflict on a replace with a stale resourceVersion, and accepts the fresh one', async () => {
    const { core } = clientsFor(sim);
    const cm = await core.readNamespacedConfigMap({ name: 'settings', namespace: 'pr-7' });
    const first = await core.replaceNamespacedConfigMap({ name: 'settings', namespace: 'pr-7', body: { ...cm, data: { a: '2' } } });
    expect(Number(first.metadata?.resourceVersion)).toBeGreaterThan(Number(cm.metadata?.resourceVersion));
    const err = await apiError(core.replaceNamespacedConfigMap({ name: 'settings', namespace: 'pr-7', body: { ...cm, data: { a: '3' } } }));
    expect(err.code).toBe(409);
    expect(statusOf(err)).toMatchObject({ reason: 'Conflict' });
    expect(sim.get('ConfigMap', 'pr-7', 'settings')?.data).toEqual({ a: '2' });
  });

  it('answers 422 Invalid when metadata.name is missing', async () => {
    const { core } = clientsFor(sim);
    const err = await apiError(core.createNamespacedSecret({ namespace: 'pr-7', body: { metadata: {}, stringData: { k: 'v' } } }));
    expect(err.code).toBe(422);
    expect(statusOf(err)).toMatchObject({
      reason: 'Invalid',
      details: { causes: [{ reason: 'FieldValueRequired', field: 'metadata.name' }] },
    });
  });

  it('answers 404 for a create in a namespace that does not exist', async () => {
    const { core } = clientsFor(sim);
    const err = await apiError(core.createNamespacedConfigMap({ namespace: 'pr-404', body: { metadata: { name: 'x' } } }));
    expect(err.code).toBe(404);
    expect(statusOf(err).message).toBe('namespaces "pr-404" not found');
  });

  it('answers 400 for an unparseable label selector and an unsupported field label', async () => {
    const { core } = clientsFor(sim);
    expect((await apiError(core.listNamespacedPod({ namespace: 'pr-7', labelSelector: 'a in (b' }))).code).toBe(400);
    const err = await apiError(core.listNamespacedConfigMap({ namespace: 'pr-7', fieldSelector: 'status.phase=Running' }));
    expect(err.code).toBe(400);
    expect(statusOf(err).message).toBe('field label not supported: status.phase');
  });
});
