// dryRun=All through real kubectl (--dry-run=server) and client-node: the answer is what would happen, nothing is persisted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, clientsFor, mergePatch } from './harness.js';
import { startKubeSim, type KubeFixture, type KubeSim } from './index.js';
import { findKubectl, kubectlFor, type Kubectl } from './kubectl.js';

const fixture: KubeFixture = {
  objects: [
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'pr-7', labels: { app: 'api' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'example/api:1' }] } } },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'pr-7', labels: { tier: 'x' } }, data: { a: '1' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg2', namespace: 'pr-7', labels: { tier: 'x' } }, data: { a: '2' } },
  ],
};

let sim: KubeSim;
let changes: string[];
beforeEach(async () => {
  sim = await startKubeSim({ fixture });
  changes = [];
  sim.onChange((e) => changes.push(`${e.type} ${e.kind}/${e.object.metadata.name}`));
});
afterEach(() => sim.stop());

/** Everything a dry run must leave alone. */
function snapshot(): string {
  return JSON.stringify({ rv: sim.resourceVersion(), deploy: sim.list('Deployment'), cms: sim.list('ConfigMap'), ns: sim.list('Namespace') });
}

const KUBECTL = await findKubectl();
if (!KUBECTL) console.warn('kube-sim dry-run kubectl tests skipped: kubectl is not on PATH (set $KUBECTL)');

describe.skipIf(!KUBECTL)('kubectl --dry-run=server', () => {
  let kubectl: Kubectl;
  beforeEach(async () => { kubectl = await kubectlFor(KUBECTL ?? '', sim, 'pr-7'); });
  afterEach(() => kubectl.cleanup());

  it('delete, including a namespace, answers as if deleted and deletes nothing', async () => {
    const before = snapshot();
    const d = await kubectl.run(['delete', 'deployment', 'api', '--dry-run=server']);
    expect(d).toMatchObject({ exitCode: 0, stdout: 'deployment.apps "api" deleted (server dry run)' });
    const ns = await kubectl.run(['delete', 'namespace', 'pr-7', '--dry-run=server']);
    expect(ns.stdout).toBe('namespace "pr-7" deleted (server dry run)');
    const all = await kubectl.run(['delete', 'configmaps', '-l', 'tier=x', '--dry-run=server']);
    expect(all.stdout.split('\n')).toEqual(['configmap "cfg" deleted (server dry run)', 'configmap "cfg2" deleted (server dry run)']);
    expect(snapshot()).toBe(before);
    expect(changes).toEqual([]);
    expect(sim.requests.filter((r) => r.verb === 'delete').map((r) => `${r.resource}/${r.name}:${r.status}`))
      .toEqual(['deployments/api:200', 'namespaces/pr-7:200', 'configmaps/cfg:200', 'configmaps/cfg2:200']);
  });

  it('create, patch, apply, scale and replace answer with the would-be object and persist nothing', async () => {
    const before = snapshot();
    const created = await kubectl.run(['create', 'configmap', 'fresh', '--from-literal=k=v', '--dry-run=server', '-o', 'json']);
    const cm = JSON.parse(created.stdout) as { metadata: Record<string, unknown>; data: unknown };
    expect(cm.data).toEqual({ k: 'v' });
    expect(cm.metadata.uid).toEqual(expect.any(String));
    expect(cm.metadata.resourceVersion).toBeUndefined(); // a dry-run create is never stored, so it has no version
    const patched = JSON.parse((await kubectl.run(['patch', 'deployment', 'api', '-p', '{"spec":{"replicas":5}}', '--dry-run=server', '-o', 'json'])).stdout);
    expect(patched.spec.replicas).toBe(5);
    expect(patched.metadata.generation).toBe(2);
    expect(patched.metadata.resourceVersion).toBe(sim.get('Deployment', 'pr-7', 'api')?.metadata.resourceVersion);
    const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'pr-7' }, data: { a: 'applied' } });
    // The fixture object has no managedFields, so its fields belong to "before-first-apply": a dry run still conflicts…
    const conflicted = await kubectl.run(['apply', '--server-side', '--dry-run=server', '-f', '-'], { input: manifest });
    expect(conflicted.exitCode).toBe(1);
    expect(conflicted.stderr).toContain('conflict with "before-first-apply"');
    // …and a forced one answers with the result.
    const applied = await kubectl.run(['apply', '--server-side', '--force-conflicts', '--dry-run=server', '-f', '-', '-o', 'jsonpath={.data.a}'], { input: manifest });
    expect(applied.stdout).toBe('applied');
    expect((await kubectl.run(['scale', 'deployment', 'api', '--replicas=7', '--dry-run=server'])).stdout).toBe('deployment.apps/api scaled (server dry run)');
    const replaced = await kubectl.run(['replace', '--dry-run=server', '-f', '-', '-o', 'jsonpath={.data.a}'], { input: manifest });
    expect(replaced).toMatchObject({ exitCode: 0, stdout: 'applied' });
    expect(snapshot()).toBe(before);
    expect(changes).toEqual([]);
    expect(sim.requests.filter((r) => r.verb !== 'get' && r.verb !== 'list').every((r) => r.query.includes('dryRun=All'))).toBe(true);
  });
});

describe('client-node dryRun: "All"', () => {
  it('covers create, replace, patch, delete and deletecollection', async () => {
    const { core, apps } = clientsFor(sim);
    const before = snapshot();
    const created = await core.createNamespacedConfigMap({ namespace: 'pr-7', body: { metadata: { generateName: 'gen-' }, data: { x: '1' } }, dryRun: 'All' });
    expect(created.metadata?.name).toMatch(/^gen-/);
    const cur = await core.readNamespacedConfigMap({ name: 'cfg', namespace: 'pr-7' });
    const replaced = await core.replaceNamespacedConfigMap({ name: 'cfg', namespace: 'pr-7', body: { ...cur, data: { a: 'new' } }, dryRun: 'All' });
    expect(replaced.data).toEqual({ a: 'new' });
    const patched = await apps.patchNamespacedDeployment({ name: 'api', namespace: 'pr-7', body: { spec: { replicas: 9 } }, dryRun: 'All' }, mergePatch);
    expect(patched.spec?.replicas).toBe(9);
    await core.deleteNamespacedConfigMap({ name: 'cfg', namespace: 'pr-7', dryRun: 'All' });
    const gone = await core.deleteCollectionNamespacedConfigMap({ namespace: 'pr-7', labelSelector: 'tier=x', dryRun: 'All' });
    expect(gone).toBeDefined();
    expect(snapshot()).toBe(before);
    expect(changes).toEqual([]);
    // Errors still come back: a dry-run delete of a missing object is a 404, an unknown dryRun value a 400.
    expect((await apiError(core.deleteNamespacedConfigMap({ name: 'ghost', namespace: 'pr-7', dryRun: 'All' }))).code).toBe(404);
    expect((await apiError(core.deleteNamespacedConfigMap({ name: 'cfg', namespace: 'pr-7', dryRun: 'Some' }))).code).toBe(400);
    expect(sim.get('ConfigMap', 'pr-7', 'cfg')).toBeDefined();
  });

  it('a real write right after a dry run moves the resourceVersion as usual', async () => {
    const { core } = clientsFor(sim);
    const rv = Number(sim.resourceVersion());
    await core.deleteNamespacedConfigMap({ name: 'cfg', namespace: 'pr-7', dryRun: 'All' });
    expect(Number(sim.resourceVersion())).toBe(rv);
    await core.deleteNamespacedConfigMap({ name: 'cfg', namespace: 'pr-7' });
    expect(Number(sim.resourceVersion())).toBe(rv + 1);
    expect(sim.get('ConfigMap', 'pr-7', 'cfg')).toBeUndefined();
    expect(changes).toEqual(['DELETED ConfigMap/cfg']);
  });
});
