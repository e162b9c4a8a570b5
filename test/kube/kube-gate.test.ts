// The effect gate on the kube channel: --dry-run records writes and destroys and sends only reads; a read-only
// task's destroy is refused before any byte leaves the process; real writes apply with field manager `jetscale`.
import { afterEach, describe, expect, it } from 'vitest';
import { EffectGate, EffectRefusedError } from '../../src/core/effects.js';
import { GatedHttp, RECORDED_HEADER } from '../../src/kube/gated-http.js';
import { onlyReads, startRig, type Rig } from './helpers.js';

let rig: Rig;
afterEach(() => rig.stop());

describe('kube requests through the effect gate', () => {
  it('under --dry-run records a namespace delete and a Deployment patch, sends only reads', async () => {
    rig = await startRig({ dryRun: true });
    const { kube, sim, gate } = rig;
    const before = sim.get('Deployment', 'pr-7', 'api');
    expect((await kube.getDeployment('pr-7', 'api')).spec?.replicas).toBe(2);

    const patched = await kube.patch({ kind: 'Deployment', namespace: 'pr-7', name: 'api' }, { spec: { replicas: 5 } });
    const deleted = await kube.deleteNamespace('pr-7');
    const applied = await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new', namespace: 'pr-7' }, data: { a: '1' } });

    for (const r of [patched, deleted, applied]) expect(r.skipped).toBe(true);
    if (!deleted.skipped) throw new Error('unreachable');
    expect(deleted.record).toMatchObject({ channel: 'kube', operation: 'delete namespaces', target: 'namespaces/pr-7', effect: 'destroy', status: 'recorded', command: 'DELETE /api/v1/namespaces/pr-7' });
    expect(gate.transcript.map((t) => [t.operation, t.effect, t.status])).toEqual([
      ['get deployments', 'read', 'ran'],
      ['patch deployments', 'write', 'recorded'],
      ['delete namespaces', 'destroy', 'recorded'],
      ['patch configmaps', 'write', 'recorded'],
    ]);
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /apis/apps/v1/namespaces/pr-7/deployments/api']);
    expect(onlyReads(sim)).toBe(true);
    expect(sim.get('Namespace', undefined, 'pr-7')).toBeDefined();
    expect(sim.get('Deployment', 'pr-7', 'api')?.spec).toEqual(before?.spec);
    expect(sim.get('ConfigMap', 'pr-7', 'new')).toBeUndefined();
  });

  it('refuses a delete in a read-only task before the request is sent', async () => {
    rig = await startRig({ ceiling: 'read' });
    const { kube, sim, gate } = rig;
    await expect(kube.deleteNamespace('pr-7')).rejects.toBeInstanceOf(EffectRefusedError);
    await expect(kube.patch({ kind: 'Deployment', namespace: 'pr-7', name: 'api' }, { spec: { replicas: 0 } })).rejects.toMatchObject({ code: 'E_READ_ONLY', exitCode: 1 });
    expect(sim.requests).toEqual([]);
    expect(sim.get('Namespace', undefined, 'pr-7')).toBeDefined();
    expect(gate.transcript.map((t) => [t.operation, t.status])).toEqual([['delete namespaces', 'refused'], ['patch deployments', 'refused']]);
  });

  it('also refuses a read-only dry run (refusal wins over recording)', async () => {
    rig = await startRig({ ceiling: 'read', dryRun: true });
    await expect(rig.kube.createNamespace('pr-8')).rejects.toBeInstanceOf(EffectRefusedError);
    expect(rig.sim.requests).toEqual([]);
  });

  it('applies server-side as field manager jetscale, patches and deletes for real without --dry-run', async () => {
    rig = await startRig();
    const { kube, sim } = rig;
    const created = await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'pr-7' }, data: { a: '1' } });
    expect(created).toMatchObject({ skipped: false, value: { metadata: { name: 'settings' } } });
    await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'pr-7' }, data: { a: '2' } });
    const stored = sim.get('ConfigMap', 'pr-7', 'settings');
    expect(stored?.data).toEqual({ a: '2' });
    expect(stored?.metadata.managedFields).toContainEqual(expect.objectContaining({ manager: 'jetscale', operation: 'Apply' }));

    const patched = await kube.patch({ kind: 'Deployment', namespace: 'pr-7', name: 'api' }, { spec: { replicas: 3 } });
    expect(patched.skipped ? undefined : (patched.value.spec as { replicas?: number }).replicas).toBe(3);
    expect(sim.get('Deployment', 'pr-7', 'api')?.spec).toMatchObject({ replicas: 3 });

    expect(await kube.createNamespace('pr-8', { 'jetscale.env_id': 'pr-8' })).toMatchObject({ skipped: false });
    expect(sim.get('Namespace', undefined, 'pr-8')?.metadata.labels).toEqual({ 'jetscale.env_id': 'pr-8' });
    expect(await kube.deleteNamespace('pr-7')).toEqual({ skipped: false, value: { found: true } });
    expect(sim.get('Namespace', undefined, 'pr-7')).toBeUndefined();
    expect(sim.get('Deployment', 'pr-7', 'api')).toBeUndefined();
    expect(await kube.deleteNamespace('pr-7', { ignoreNotFound: true })).toEqual({ skipped: false, value: { found: false } });
    expect(sim.requests.find((r) => r.method === 'PATCH' && r.resource === 'configmaps')?.query).toContain('fieldManager=jetscale');
    expect(rig.gate.transcript.filter((t) => t.effect === 'destroy').map((t) => t.status)).toEqual(['ran', 'failed']);
  });

  it('resolves a kind outside the built-in table by discovery (a read), then writes it', async () => {
    rig = await startRig();
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'pr-7' }, spec: {} };
    await rig.kube.create(job);
    await rig.kube.delete({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'pr-7', name: 'other' }, { ignoreNotFound: true });
    expect(rig.sim.get('Job', 'pr-7', 'migrate')).toBeDefined();
    expect(rig.sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /apis/batch/v1', 'POST /apis/batch/v1/namespaces/pr-7/jobs', 'DELETE /apis/batch/v1/namespaces/pr-7/jobs/other',
    ]);
    await expect(rig.kube.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'pr-7' } })).rejects.toMatchObject({ code: 'E_KUBE_KIND' });
  });

  it('answers typed client-node writes with synthetic successes under --dry-run (echo, Status Success)', async () => {
    rig = await startRig();
    const k8s = await import('@kubernetes/client-node');
    const gate = new EffectGate({ dryRun: true, ceiling: 'destroy' });
    const http = new GatedHttp(k8s, { gate, requestTimeoutMs: 5000, server: rig.sim.url });
    const kc = rig.sim.kubeConfig();
    const cfg = k8s.createConfiguration({ baseServer: new k8s.ServerConfiguration(rig.sim.url, {}), authMethods: { default: kc }, httpApi: http.library() });
    const core = new k8s.CoreV1Api(cfg);
    const created = await core.createNamespaceWithHttpInfo({ body: { metadata: { name: 'pr-9', labels: { a: 'b' } } } });
    expect([created.httpStatusCode, created.headers[RECORDED_HEADER], created.data.metadata?.labels]).toEqual([201, 'recorded', { a: 'b' }]);
    const status = await core.deleteNamespace({ name: 'pr-7' });
    expect(status).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'pr-7', kind: 'namespaces' } });
    expect((await core.readNamespace({ name: 'pr-7' })).metadata?.name).toBe('pr-7');
    expect(gate.transcript.map((t) => `${t.status} ${t.command}`)).toEqual([
      'recorded POST /api/v1/namespaces', 'recorded DELETE /api/v1/namespaces/pr-7', 'ran GET /api/v1/namespaces/pr-7',
    ]);
    expect(rig.sim.requests.map((r) => r.method)).toEqual(['GET']);
  });
});
