// CRUD semantics through the real client-node: selectors, pagination, merge/JSON patch, server-side apply, SSAR, delete.
import { PatchStrategy, type V1Deployment } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, clientsFor, mergePatch } from './harness.js';
import { startKubeSim, type KubeFixture, type KubeSim } from './index.js';

const pod = (name: string, ns: string, labels: Record<string, string>, phase: string) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { containers: [{ name: 'app', image: 'x' }] }, status: { phase },
});
const fixture: KubeFixture = {
  objects: [
    pod('api-1', 'pr-7', { app: 'api', tier: 'backend' }, 'Running'),
    pod('api-2', 'pr-7', { app: 'api', tier: 'backend', canary: 'true' }, 'Pending'),
    pod('web-1', 'pr-7', { app: 'web', tier: 'frontend' }, 'Running'),
    pod('api-1', 'pr-8', { app: 'api' }, 'Failed'),
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1', namespace: 'pr-7' }, involvedObject: { kind: 'Pod', name: 'api-2' }, reason: 'FailedScheduling' },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e2', namespace: 'pr-7' }, involvedObject: { kind: 'Deployment', name: 'api' }, reason: 'ScalingReplicaSet' },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'pr-7' }, spec: { replicas: 1 }, status: { replicas: 1 } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'pr-7' }, data: { keep: '1', drop: '2' } },
    { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'aws' }, spec: { provider: { aws: {} } } },
  ],
};

let sim: KubeSim;
beforeEach(async () => { sim = await startKubeSim({ fixture }); });
afterEach(() => sim.stop());

const names = (list: { items: Array<{ metadata?: { name?: string; namespace?: string } }> }) =>
  list.items.map((i) => `${i.metadata?.namespace}/${i.metadata?.name}`);

describe('list', () => {
  it('filters by every label selector operator', async () => {
    const { core } = clientsFor(sim);
    const q = async (labelSelector: string) => names(await core.listNamespacedPod({ namespace: 'pr-7', labelSelector }));
    expect(await q('app=api')).toEqual(['pr-7/api-1', 'pr-7/api-2']);
    expect(await q('app==api,tier=backend')).toEqual(['pr-7/api-1', 'pr-7/api-2']);
    expect(await q('app!=api')).toEqual(['pr-7/web-1']);
    expect(await q('tier in (frontend, backend),app notin (api)')).toEqual(['pr-7/web-1']);
    expect(await q('canary')).toEqual(['pr-7/api-2']);
    expect(await q('app=api,!canary')).toEqual(['pr-7/api-1']);
  });

  it('filters by field selectors and lists across namespaces', async () => {
    const { core } = clientsFor(sim);
    expect(names(await core.listPodForAllNamespaces({ labelSelector: 'app=api' }))).toEqual(['pr-7/api-1', 'pr-7/api-2', 'pr-8/api-1']);
    expect(names(await core.listPodForAllNamespaces({ fieldSelector: 'status.phase!=Running' }))).toEqual(['pr-7/api-2', 'pr-8/api-1']);
    expect(names(await core.listPodForAllNamespaces({ fieldSelector: 'metadata.name=api-1,metadata.namespace=pr-8' }))).toEqual(['pr-8/api-1']);
    const ev = await core.listNamespacedEvent({ namespace: 'pr-7', fieldSelector: 'involvedObject.kind=Pod,involvedObject.name=api-2' });
    expect(ev.items.map((e) => e.reason)).toEqual(['FailedScheduling']);
  });

  it('pages with limit and continue', async () => {
    const { core } = clientsFor(sim);
    const first = await core.listPodForAllNamespaces({ limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.metadata?.remainingItemCount).toBe(1);
    const second = await core.listPodForAllNamespaces({ limit: 3, _continue: first.metadata?._continue ?? '' });
    expect(names(second)).toEqual(['pr-8/api-1']);
    expect(second.metadata?._continue).toBeUndefined();
  });

  it('serves cluster-scoped custom resources', async () => {
    const { custom } = clientsFor(sim);
    const list = await custom.listClusterCustomObject({ group: 'external-secrets.io', version: 'v1', plural: 'clustersecretstores' });
    expect(list.items.map((i: { kind: string; metadata: { name: string } }) => `${i.kind}/${i.metadata.name}`)).toEqual(['ClusterSecretStore/aws']);
  });
});

describe('patch and update', () => {
  it('applies a JSON merge patch (null deletes) and bumps resourceVersion', async () => {
    const { core } = clientsFor(sim);
    const before = sim.get('ConfigMap', 'pr-7', 'cfg');
    const cm = await core.patchNamespacedConfigMap({ name: 'cfg', namespace: 'pr-7', body: { data: { drop: null, add: '3' } } }, mergePatch);
    expect(cm.data).toEqual({ keep: '1', add: '3' });
    expect(Number(cm.metadata?.resourceVersion)).toBeGreaterThan(Number(before?.metadata.resourceVersion));
    expect(sim.get('ConfigMap', 'pr-7', 'cfg')?.data).toEqual({ keep: '1', add: '3' });
    const err = await apiError(core.patchNamespacedConfigMap({ name: 'cfg', namespace: 'pr-7', body: { metadata: { resourceVersion: '1' } } }, mergePatch));
    expect(err.code).toBe(409);
  });

  it('applies a JSON patch (client default), bumps generation on spec change and keeps status', async () => {
    const { apps } = clientsFor(sim);
    const d = await apps.patchNamespacedDeployment({
      name: 'api', namespace: 'pr-7', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }, { op: 'replace', path: '/status/replicas', value: 9 }],
    });
    expect(d.spec?.replicas).toBe(3);
    expect(d.metadata?.generation).toBe(2);
    expect(d.status?.replicas).toBe(1);
    expect((await apiError(apps.patchNamespacedDeployment({ name: 'nope', namespace: 'pr-7', body: [] }))).code).toBe(404);
  });

  it('server-side applies with a field manager: creates, then merges and drops what it no longer applies', async () => {
    const { objects } = clientsFor(sim);
    const template = { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ name: 'w', image: 'x' }] } };
    const body = { replicas: 1, selector: { matchLabels: { app: 'worker' } }, template };
    const spec: V1Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: 'pr-7', labels: { a: '1' } }, spec: body };
    const created = await objects.patch<V1Deployment>(spec, undefined, undefined, 'jetscale-cli', true, PatchStrategy.ServerSideApply);
    expect(created.metadata?.uid).toBeTruthy();
    const merged = await objects.patch<V1Deployment>(
      { ...spec, metadata: { ...spec.metadata, labels: { b: '2' } }, spec: { ...body, replicas: 2 } }, undefined, undefined, 'jetscale-cli', true, PatchStrategy.ServerSideApply,
    );
    expect(merged.metadata?.labels).toEqual({ b: '2' }); // label a was this manager's and is no longer applied
    expect(merged.spec?.replicas).toBe(2);
    expect(merged.metadata?.managedFields?.map((m) => `${m.manager}:${m.operation}`)).toEqual(['jetscale-cli:Apply']);
    expect(sim.requests.filter((r) => r.resource === 'deployments').map((r) => `${r.verb}:${r.status}`)).toEqual(['patch:201', 'patch:200']);
    const err = await apiError(objects.patch(spec, undefined, undefined, undefined, undefined, PatchStrategy.ServerSideApply));
    expect(err.code).toBe(400);
  });
});

describe('access reviews and deletes', () => {
  it('answers SelfSubjectAccessReview from rules, allow-all by default', async () => {
    const { authz } = clientsFor(sim);
    const ask = async (verb: string, resource: string) =>
      (await authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb, resource, namespace: 'pr-7' } } } })).status;
    expect((await ask('delete', 'namespaces'))?.allowed).toBe(true);
    sim.setAccess([{ verb: 'delete', resource: 'namespaces', allowed: false, reason: 'no cluster-admin' }]);
    expect(await ask('delete', 'namespaces')).toMatchObject({ allowed: false, denied: true, reason: 'no cluster-admin' });
    expect((await ask('get', 'pods'))?.allowed).toBe(true);
  });

  it('deletes a namespace with everything in it', async () => {
    const { core } = clientsFor(sim);
    await core.deleteNamespace({ name: 'pr-7' });
    expect(sim.get('Namespace', undefined, 'pr-7')).toBeUndefined();
    expect(sim.list('Pod').map((p) => p.metadata.namespace)).toEqual(['pr-8']);
    expect((await apiError(core.deleteNamespace({ name: 'pr-7' }))).code).toBe(404);
  });

  it('deletes a collection by label', async () => {
    const { core } = clientsFor(sim);
    await core.deleteCollectionNamespacedPod({ namespace: 'pr-7', labelSelector: 'tier=backend' });
    expect(sim.list('pods', 'pr-7').map((p) => p.metadata.name)).toEqual(['web-1']);
  });
});
