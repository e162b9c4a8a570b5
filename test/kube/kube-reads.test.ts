// Typed reads through the facade against kube-sim with the real client-node: lists with selectors, logs, secret
// names without data, ESO custom objects, access reviews, and pagination.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onlyReads, startRig, type Rig } from './helpers.js';

let rig: Rig;
beforeEach(async () => void (rig = await startRig({ ceiling: 'read' })));
afterEach(() => rig.stop());

const names = (items: Array<{ metadata?: { name?: string } }>) => items.map((i) => i.metadata?.name);

describe('KubeClient reads', () => {
  it('lists and gets core, apps and networking objects with label selectors', async () => {
    const { kube, sim } = rig;
    expect(names(await kube.listNamespaces({ labelSelector: 'jetscale.env_id=pr-7' }))).toEqual(['pr-7']);
    expect((await kube.getNamespace('pr-7')).metadata?.labels).toEqual({ 'jetscale.env_id': 'pr-7' });
    expect(names(await kube.listPods('pr-7', { labelSelector: 'app=worker' }))).toEqual(['worker-1']);
    expect((await kube.getPod('pr-7', 'worker-1')).spec?.containers[0]?.image).toBe('example/worker:1');
    expect((await kube.getDeployment('pr-7', 'api')).spec?.replicas).toBe(2);
    expect(names(await kube.listDeployments('pr-7'))).toEqual(['api']);
    expect(names(await kube.listReplicaSets('pr-7', { labelSelector: 'app=api' }))).toEqual(['api-5c9d7b']);
    expect(names(await kube.listServices('pr-7'))).toEqual(['api']);
    expect((await kube.getIngress('pr-7', 'web')).spec?.rules?.[0]?.host).toBe('pr-7.preview.example.com');
    expect(names(await kube.listIngresses('pr-7'))).toEqual(['web']);
    expect(sim.requests.find((r) => r.resource === 'pods' && r.verb === 'list')?.query).toContain('labelSelector=app%3Dworker');
    expect(onlyReads(sim)).toBe(true);
    expect(rig.gate.transcript.every((t) => t.channel === 'kube' && t.effect === 'read' && t.status === 'ran')).toBe(true);
    expect(rig.gate.transcript).toHaveLength(sim.requests.length);
  });

  it('filters events with a field selector', async () => {
    const events = await rig.kube.listEvents('pr-7', { fieldSelector: 'involvedObject.name=worker-1' });
    expect(events.map((e) => [e.reason, e.involvedObject.kind])).toEqual([['BackOff', 'Pod']]);
  });

  it('reads current and previous pod logs with tailLines', async () => {
    rig.sim.crashLoop('pr-7', 'worker-1', { logs: 'booting\n', previousLogs: 'a\nb\nFATAL: db refused\n' });
    expect(await rig.kube.readPodLog('pr-7', 'worker-1')).toBe('booting\n');
    expect(await rig.kube.readPodLog('pr-7', 'worker-1', { previous: true, tailLines: 1 })).toBe('FATAL: db refused\n');
    expect(rig.sim.requests.at(-1)).toMatchObject({ subresource: 'log', query: expect.stringContaining('previous=true') });
  });

  it('lists secret names as a metadata-only table, never the data', async () => {
    expect(await rig.kube.listSecretNames('pr-7')).toEqual(['app-env']);
    const req = rig.sim.requests.at(-1);
    expect(req).toMatchObject({ verb: 'list', resource: 'secrets', status: 200 });
    expect(req?.query).toContain('includeObject=Metadata');
  });

  it('reads ExternalSecrets, SecretStores and ClusterSecretStores as custom objects', async () => {
    rig.sim.externalSecretStatus('pr-7', 'app', { ready: false, message: 'Secret does not exist' });
    const es = await rig.kube.getExternalSecret('pr-7', 'app');
    expect(es.spec?.target?.name).toBe('app-env');
    expect(es.status?.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'False', reason: 'SecretSyncedError', message: 'Secret does not exist' });
    expect(names(await rig.kube.listExternalSecrets('pr-7'))).toEqual(['app']);
    expect(names(await rig.kube.listSecretStores('pr-7'))).toEqual(['aws']);
    expect(names(await rig.kube.listClusterSecretStores())).toEqual(['aws-global']);
  });

  it('answers can-i through a SelfSubjectAccessReview, which a read-only gate allows', async () => {
    rig.sim.setAccess([{ verb: 'delete', resource: 'namespaces', allowed: false, reason: 'not cluster-admin' }]);
    expect(await rig.kube.reviewAccess({ verb: 'delete', resource: 'namespaces' })).toEqual({ allowed: false, denied: true, reason: 'not cluster-admin' });
    expect((await rig.kube.reviewAccess({ verb: 'list', resource: 'pods', namespace: 'pr-7' })).allowed).toBe(true);
    expect(rig.sim.requests.map((r) => `${r.method} ${r.resource}`)).toEqual(['POST selfsubjectaccessreviews', 'POST selfsubjectaccessreviews']);
    expect(rig.gate.transcript.map((t) => [t.operation, t.effect, t.status])).toEqual([
      ['create selfsubjectaccessreviews', 'read', 'ran'], ['create selfsubjectaccessreviews', 'read', 'ran'],
    ]);
  });

  it('follows continue tokens so long lists arrive complete', async () => {
    for (let i = 0; i < 501; i++) rig.sim.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, namespace: 'pr-7', labels: { bulk: 'y' } } });
    rig.sim.clearRequests();
    expect(await rig.kube.listPods('pr-7', { labelSelector: 'bulk=y' })).toHaveLength(501);
    expect(rig.sim.requests.map((r) => r.query.includes('continue='))).toEqual([false, true]);
  });
});
