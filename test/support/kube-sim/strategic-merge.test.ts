// Strategic merge patch through real kubectl (patch, and client-side apply's three-way patches): merge keys of the core
// and apps types, $patch: delete/replace, $retainKeys, $setElementOrder, $deleteFromPrimitiveList; CRDs refuse it (415).
import type { V1Deployment } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from './index.js';
import { findKubectl, kubectlFor, type Kubectl } from './kubectl.js';

const KUBECTL = await findKubectl();
if (!KUBECTL) console.warn('kube-sim strategic merge tests skipped: kubectl is not on PATH (set $KUBECTL)');

const podSpec = {
  initContainers: [{ name: 'migrate', image: 'm:1' }],
  containers: [
    {
      name: 'api', image: 'api:1',
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
      ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }],
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }, { name: 'tmp', mountPath: '/tmp' }],
    },
    { name: 'proxy', image: 'proxy:1' },
  ],
  volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'tmp', emptyDir: {} }],
};
const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'pr-7', finalizers: ['a.example/x', 'b.example/y'] },
  spec: { replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: podSpec } },
};

let sim: KubeSim;
let kubectl: Kubectl;
beforeEach(async () => {
  sim = await startKubeSim({ fixture: { objects: [deployment, { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'es', namespace: 'pr-7' }, spec: {} }] } });
  if (KUBECTL) kubectl = await kubectlFor(KUBECTL, sim, 'pr-7');
});
afterEach(async () => {
  await kubectl?.cleanup();
  await sim.stop();
});

const live = () => sim.get('Deployment', 'pr-7', 'api') as V1Deployment & { metadata: { finalizers?: string[] } };
const spec = () => live().spec?.template.spec;
const patch = (p: unknown) => kubectl.run(['patch', 'deployment', 'api', '-p', JSON.stringify(p)]);

describe.skipIf(!KUBECTL)('kubectl patch (strategic merge is its default)', () => {
  it('merges containers, initContainers, env, ports, volumeMounts and volumes by their keys', async () => {
    const r = await patch({ spec: { template: { spec: {
      initContainers: [{ name: 'migrate', image: 'm:2' }],
      containers: [{
        name: 'api', image: 'api:2', env: [{ name: 'B', value: '22' }, { name: 'C', value: '3' }],
        ports: [{ containerPort: 9090, name: 'prom' }], volumeMounts: [{ mountPath: '/tmp', name: 'scratch' }],
      }],
      volumes: [{ name: 'scratch', emptyDir: { medium: 'Memory' } }],
    } } } });
    expect(r).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/api patched' });
    const s = spec();
    expect(s?.initContainers?.map((c) => c.image)).toEqual(['m:2']);
    expect(s?.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['api=api:2', 'proxy=proxy:1']);
    const api = s?.containers[0];
    expect(api?.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '22' }, { name: 'C', value: '3' }]);
    expect(api?.ports).toEqual([{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'prom' }]);
    expect(api?.volumeMounts).toEqual([{ name: 'cfg', mountPath: '/etc/cfg' }, { name: 'scratch', mountPath: '/tmp' }]);
    expect(s?.volumes?.map((v) => v.name)).toEqual(['cfg', 'tmp', 'scratch']);
    expect(live().metadata?.generation).toBe(2);
  });

  it('honours $patch: delete and replace, $retainKeys, $setElementOrder and $deleteFromPrimitiveList', async () => {
    expect((await patch({ spec: { template: { spec: { containers: [{ name: 'proxy', $patch: 'delete' }, { name: 'api', env: [{ name: 'A', $patch: 'delete' }] }] } } } })).exitCode).toBe(0);
    expect(spec()?.containers.map((c) => c.name)).toEqual(['api']);
    expect(spec()?.containers[0]?.env).toEqual([{ name: 'B', value: '2' }]);
    // $retainKeys clears what the new strategy type does not use (kubectl apply sends it for Deployment.spec.strategy).
    expect((await patch({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } })).exitCode).toBe(0);
    expect(live().spec?.strategy).toEqual({ type: 'Recreate' });
    expect((await patch({ spec: { template: { spec: { volumes: [{ name: 'only', emptyDir: {} }, { $patch: 'replace' }] } } } })).exitCode).toBe(0);
    expect(spec()?.volumes).toEqual([{ name: 'only', emptyDir: {} }]);
    const reorder = { '$setElementOrder/containers': [{ name: 'side' }, { name: 'api' }], containers: [{ name: 'side', image: 's:1' }] };
    expect((await patch({ spec: { template: { spec: reorder } } })).exitCode).toBe(0);
    expect(spec()?.containers.map((c) => c.name)).toEqual(['side', 'api']);
    expect((await patch({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/x'] } })).exitCode).toBe(0);
    expect(live().metadata.finalizers).toEqual(['b.example/y']);
    expect((await patch({ metadata: { finalizers: ['c.example/z'] } })).exitCode).toBe(0);
    expect(live().metadata.finalizers).toEqual(['b.example/y', 'c.example/z']); // merged as a set, not replaced
  });

  it('a custom resource refuses strategic merge (415) and takes a merge patch', async () => {
    const r = await kubectl.run(['patch', 'externalsecret', 'es', '--type=strategic', '-p', '{"spec":{"refreshInterval":"1h"}}']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('the body of the request was in an unknown format');
    expect(sim.requests.find((q) => q.verb === 'patch')?.status).toBe(415);
    expect((await kubectl.run(['patch', 'externalsecret', 'es', '--type=merge', '-p', '{"spec":{"refreshInterval":"1h"}}'])).exitCode).toBe(0);
    expect(sim.get('ExternalSecret', 'pr-7', 'es')?.spec).toEqual({ refreshInterval: '1h' });
  });
});

describe.skipIf(!KUBECTL)('kubectl apply (client-side, three-way strategic merge)', () => {
  it('removes the container, env var and volume that left the manifest and keeps what others added', async () => {
    const manifest = (containers: unknown[], volumes: unknown[]) => JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'pr-7' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers, volumes } } },
    });
    const web = { name: 'web', image: 'web:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], volumeMounts: [{ name: 'v1', mountPath: '/v1' }] };
    expect((await kubectl.run(['apply', '-f', '-'], { input: manifest([web, { name: 'log', image: 'log:1' }], [{ name: 'v1', emptyDir: {} }, { name: 'v2', emptyDir: {} }]) })).exitCode).toBe(0);
    // Someone else adds an env var out of band; the next apply must keep it (it was never in the manifest).
    expect((await kubectl.run(['set', 'env', 'deployment/web', '-c', 'web', 'INJECTED=yes'])).exitCode).toBe(0);
    const next = await kubectl.run(['apply', '-f', '-'], { input: manifest([{ ...web, image: 'web:2', env: [{ name: 'B', value: '2' }] }], [{ name: 'v1', emptyDir: {} }]) });
    expect(next).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web configured' });
    const s = (sim.get('Deployment', 'pr-7', 'web') as V1Deployment).spec?.template.spec;
    expect(s?.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['web=web:2']);
    expect(s?.containers[0]?.env?.map((e) => e.name)).toEqual(['B', 'INJECTED']);
    expect(s?.volumes?.map((v) => v.name)).toEqual(['v1']);
    expect(sim.requests.filter((q) => q.verb === 'patch' && q.resource === 'deployments').length).toBe(2);
  });
});
