// API failures as typed errors carrying kind/namespace/name (404, 409, 403, 401), and transport failures
// (no answer in time, server gone, Ctrl-C) as jetscale errors with exit codes, never raw client exceptions.
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { EffectGate } from '../../src/core/effects.js';
import { InterruptedError, JetscaleError } from '../../src/core/errors.js';
import {
  createKubeClient, isKubeConflict, isKubeForbidden, isKubeNotFound, isKubeUnauthorized,
  KubeConflictError, KubeForbiddenError, KubeNotFoundError, KubeUnauthorizedError,
} from '../../src/kube/index.js';
import { envOf, startRig, type Rig } from './helpers.js';

let rig: Rig;
afterEach(() => rig.stop());

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);
}

describe('typed Kubernetes API errors', () => {
  it('404 → KubeNotFoundError naming kind, namespace and name', async () => {
    rig = await startRig();
    const err = await failure(rig.kube.getDeployment('pr-7', 'ghost'));
    expect(err).toBeInstanceOf(KubeNotFoundError);
    expect(isKubeNotFound(err)).toBe(true);
    expect(err).toMatchObject({ code: 'E_KUBE_NOT_FOUND', exitCode: 1, status: 404, reason: 'NotFound', kind: 'Deployment', namespace: 'pr-7', objectName: 'ghost' });
    expect((err as Error).message).toBe('Deployment "ghost" in namespace pr-7 not found (context sim)');
    expect(rig.gate.transcript.at(-1)).toMatchObject({ status: 'failed', error: 'HTTP 404' });
  });

  it('409 → KubeConflictError for AlreadyExists and for a stale resourceVersion', async () => {
    rig = await startRig();
    const exists = await failure(rig.kube.createNamespace('pr-7'));
    expect(exists).toBeInstanceOf(KubeConflictError);
    expect(exists).toMatchObject({ reason: 'AlreadyExists', kind: 'Namespace', objectName: 'pr-7', code: 'E_KUBE_CONFLICT' });
    const stale = await failure(rig.kube.patch({ kind: 'Deployment', namespace: 'pr-7', name: 'api' }, { metadata: { resourceVersion: '1' }, spec: { replicas: 9 } }));
    expect(isKubeConflict(stale)).toBe(true);
    expect(stale).toMatchObject({ reason: 'Conflict', verb: 'patch' });
    expect(rig.sim.get('Deployment', 'pr-7', 'api')?.spec).toMatchObject({ replicas: 2 });
  });

  it('403 → KubeForbiddenError with exit 3 and a can-i hint', async () => {
    rig = await startRig();
    rig.sim.fault({ verb: 'delete', resource: 'namespaces' }, { status: 403, message: 'namespaces "pr-7" is forbidden' });
    const err = await failure(rig.kube.deleteNamespace('pr-7'));
    expect(err).toBeInstanceOf(KubeForbiddenError);
    expect(isKubeForbidden(err)).toBe(true);
    expect(err).toMatchObject({ code: 'E_KUBE_FORBIDDEN', exitCode: 3, kind: 'Namespace', objectName: 'pr-7', verb: 'delete' });
    expect((err as JetscaleError).hint).toContain('kubectl auth can-i delete namespace');
    expect(rig.sim.get('Namespace', undefined, 'pr-7')).toBeDefined();
  });

  it('401 → KubeUnauthorizedError with exit 3 telling how to refresh credentials', async () => {
    rig = await startRig();
    await writeFile(rig.kubeconfig, (await readFile(rig.kubeconfig, 'utf8')).replace(rig.sim.token, 'expired-token'));
    const kube = await createKubeClient({ env: envOf({ KUBECONFIG: rig.kubeconfig }), gate: new EffectGate({ dryRun: false, ceiling: 'read' }) });
    const err = await failure(kube.listPods('pr-7'));
    expect(err).toBeInstanceOf(KubeUnauthorizedError);
    expect(isKubeUnauthorized(err)).toBe(true);
    expect(err).toMatchObject({ code: 'E_KUBE_CREDENTIALS', exitCode: 3, kind: 'Pod', namespace: 'pr-7' });
    expect((err as JetscaleError).hint).toContain('aws eks update-kubeconfig');
  });
});

describe('transport failures', () => {
  it('a request without an answer fails with E_KUBE_TIMEOUT after the request deadline', async () => {
    rig = await startRig({ requestTimeoutMs: 150 });
    rig.sim.fault({ verb: 'get', resource: 'deployments' }, { hang: true });
    const start = performance.now();
    const err = await failure(rig.kube.getDeployment('pr-7', 'api'));
    expect(performance.now() - start).toBeLessThan(2000);
    expect(err).toMatchObject({ code: 'E_KUBE_TIMEOUT', exitCode: 1 });
    expect((err as Error).message).toContain('GET /apis/apps/v1/namespaces/pr-7/deployments/api');
  });

  it('a server that is gone is E_KUBE_UNREACHABLE (exit 3) naming the server', async () => {
    rig = await startRig();
    await rig.sim.stop();
    const err = await failure(rig.kube.listNamespaces());
    expect(err).toMatchObject({ code: 'E_KUBE_UNREACHABLE', exitCode: 3 });
    expect((err as Error).message).toContain(rig.sim.url);
  });

  it('Ctrl-C aborts an in-flight request with the run signal reason', async () => {
    const ctl = new AbortController();
    rig = await startRig({ signal: ctl.signal });
    rig.sim.fault({ verb: 'list', resource: 'pods' }, { hang: true });
    const pending = failure(rig.kube.listPods('pr-7'));
    setTimeout(() => ctl.abort(new InterruptedError('Ctrl-C')), 50);
    expect(await pending).toBeInstanceOf(InterruptedError);
    expect(rig.gate.transcript.at(-1)).toMatchObject({ operation: 'list pods', status: 'failed' });
  });
});
