// Server-side apply as the API server does it, driven by real kubectl and client-node: field ownership per manager,
// conflicts (409 unless forced), removal of fields a manager stops applying, and the client-side → server-side upgrade.
import { PatchStrategy, type V1ConfigMap, type V1Deployment } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, clientsFor, statusOf } from './harness.js';
import { startKubeSim, type KubeSim } from './index.js';
import { findKubectl, kubectlFor, type Kubectl } from './kubectl.js';

type Entry = { manager?: string; operation?: string; fieldsV1?: unknown; subresource?: string };
const owners = (o: object | undefined) =>
  Object.fromEntries((((o as { metadata?: { managedFields?: unknown } } | undefined)?.metadata?.managedFields ?? []) as Entry[]).map((m) => [`${m.manager}:${m.operation}${m.subresource ? `/${m.subresource}` : ''}`, m.fieldsV1]));

let sim: KubeSim;
beforeEach(async () => { sim = await startKubeSim({ fixture: { objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pr-7' } }] } }); });
afterEach(() => sim.stop());

const KUBECTL = await findKubectl();
if (!KUBECTL) console.warn('kube-sim server-side apply kubectl tests skipped: kubectl is not on PATH (set $KUBECTL)');

const cm = (data: Record<string, string>, labels?: Record<string, string>) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'pr-7', ...(labels ? { labels } : {}) }, data });

describe.skipIf(!KUBECTL)('kubectl apply --server-side', () => {
  let kubectl: Kubectl;
  beforeEach(async () => { kubectl = await kubectlFor(KUBECTL ?? '', sim, 'pr-7'); });
  afterEach(() => kubectl.cleanup());
  const apply = (manifest: string, ...flags: string[]) => kubectl.run(['apply', '--server-side', ...flags, '-f', '-'], { input: manifest });

  it('takes over an object created by client-side apply without conflicts and migrates its managedFields', async () => {
    expect((await kubectl.run(['apply', '-f', '-'], { input: cm({ x: '1', z: '2' }, { a: '1' }) })).stdout).toBe('configmap/app created');
    expect(Object.keys(owners(sim.get('ConfigMap', 'pr-7', 'app')))).toEqual(['kubectl-client-side-apply:Update']);
    const r = await apply(cm({ x: '9', z: '2' }, { a: '1' }));
    expect(r).toMatchObject({ exitCode: 0, stdout: 'configmap/app serverside-applied' });
    const live = sim.get('ConfigMap', 'pr-7', 'app') as V1ConfigMap;
    expect(live.data).toEqual({ x: '9', z: '2' });
    expect(owners(live)).toEqual({
      'kubectl:Apply': { 'f:data': { 'f:x': {}, 'f:z': {} }, 'f:metadata': { 'f:labels': { 'f:a': {} } } },
      'kubectl-last-applied:Apply': { 'f:metadata': { 'f:annotations': { 'f:kubectl.kubernetes.io/last-applied-configuration': {} } } },
    });
    // The server keeps the client-side annotation in step, so a later client-side apply still computes the right patch.
    expect(JSON.parse(live.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '{}').data).toEqual({ x: '9', z: '2' });
  });

  it('conflicts with another manager (409) unless forced; equal values are shared; dropped fields go only when unowned', async () => {
    expect((await apply(cm({ x: '1', z: '2' }))).exitCode).toBe(0);
    const clash = await apply(cm({ x: '7' }), '--field-manager=other');
    expect(clash.exitCode).toBe(1);
    expect(clash.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl": .data.x');
    expect(sim.requests.filter((r) => r.verb === 'patch').map((r) => r.status)).toEqual([201, 409]);

    expect((await apply(cm({ x: '1', w: '3' }), '--field-manager=other')).exitCode).toBe(0); // same x: co-owned, no conflict
    expect(owners(sim.get('ConfigMap', 'pr-7', 'app'))).toMatchObject({
      'kubectl:Apply': { 'f:data': { 'f:x': {}, 'f:z': {} } }, 'other:Apply': { 'f:data': { 'f:x': {}, 'f:w': {} } },
    });
    // kubectl stops applying x (still other's, so it stays) and z (only kubectl's, so it goes).
    expect((await apply(cm({ y: '4' }))).exitCode).toBe(0);
    expect(sim.get('ConfigMap', 'pr-7', 'app')?.data).toEqual({ x: '1', w: '3', y: '4' });

    const forced = await apply(cm({ y: '5' }), '--field-manager=other', '--force-conflicts');
    expect(forced.exitCode).toBe(0);
    const live = sim.get('ConfigMap', 'pr-7', 'app');
    expect(live?.data).toEqual({ y: '5' }); // other dropped x and w; y moved to other
    expect(owners(live)).toEqual({ 'other:Apply': { 'f:data': { 'f:y': {} } } });
  });
});

describe('client-node server-side apply', () => {
  const deployment = (containers: Array<Record<string, unknown>>, replicas = 2): V1Deployment => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'pr-7' },
    spec: { replicas, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: containers as never } } },
  });
  const ssa = (body: V1Deployment, manager: string, force = false) =>
    clientsFor(sim).objects.patch<V1Deployment>(body, undefined, undefined, manager, force, PatchStrategy.ServerSideApply);

  it('records FieldsV1 with list keys, and a conflict carries FieldManagerConflict causes', async () => {
    await ssa(deployment([{ name: 'api', image: 'a:1', ports: [{ containerPort: 8080 }] }]), 'deployer');
    const fields = owners(sim.get('Deployment', 'pr-7', 'api'))['deployer:Apply'] as Record<string, Record<string, unknown>>;
    const containers = ((fields['f:spec']?.['f:template'] as Record<string, Record<string, unknown>>)['f:spec'] as Record<string, Record<string, unknown>>)['f:containers'];
    expect(containers).toEqual({
      'k:{"name":"api"}': { '.': {}, 'f:name': {}, 'f:image': {}, 'f:ports': { 'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } },
    });
    const err = await apiError(ssa(deployment([{ name: 'api', image: 'a:2' }], 3), 'other'));
    expect(err.code).toBe(409);
    expect(statusOf(err)).toMatchObject({
      reason: 'Conflict',
      details: { causes: expect.arrayContaining([
        { reason: 'FieldManagerConflict', message: 'conflict with "deployer"', field: '.spec.replicas' },
        { reason: 'FieldManagerConflict', message: 'conflict with "deployer"', field: '.spec.template.spec.containers[name="api"].image' },
      ]) },
    });
  });

  it('merges containers by name across managers and removes only the container a manager stopped applying', async () => {
    await ssa(deployment([{ name: 'api', image: 'a:1' }, { name: 'proxy', image: 'p:1' }]), 'deployer');
    await ssa({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'pr-7' }, spec: { template: { spec: { containers: [{ name: 'mesh', image: 'm:1' }] } } } } as V1Deployment, 'injector');
    await ssa(deployment([{ name: 'api', image: 'a:2' }]), 'deployer');
    const spec = sim.get('Deployment', 'pr-7', 'api')?.spec as V1Deployment['spec'];
    expect(spec?.template.spec?.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['api=a:2', 'mesh=m:1']);
  });

  it('tracks non-apply writes as Update entries; an update takes fields over silently', async () => {
    const { core } = clientsFor(sim);
    await core.createNamespacedConfigMap({ namespace: 'pr-7', body: { metadata: { name: 'c' }, data: { a: '1', b: '2' } }, fieldManager: 'creator' });
    const cur = await core.readNamespacedConfigMap({ name: 'c', namespace: 'pr-7' });
    await core.replaceNamespacedConfigMap({ name: 'c', namespace: 'pr-7', body: { ...cur, data: { a: '1', b: '3' } }, fieldManager: 'editor' });
    expect(owners(sim.get('ConfigMap', 'pr-7', 'c'))).toEqual({
      'creator:Update': { 'f:data': { 'f:a': {} } }, 'editor:Update': { 'f:data': { 'f:b': {} } },
    });
    // Without fieldManager the manager is the User-Agent's product token, as the API server derives it.
    await core.patchNamespacedConfigMap({ name: 'c', namespace: 'pr-7', body: [{ op: 'add', path: '/data/c', value: '4' }] });
    expect(sim.get('ConfigMap', 'pr-7', 'c')?.metadata.managedFields).toHaveLength(3);
  });
});
