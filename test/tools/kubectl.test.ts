// The kubectl adapter with the real kubectl against kube-sim over HTTPS: get / list (reads), delete (destroy),
// dry-run and read-only verdicts proven by the simulator's request log and final state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EffectRefusedError } from '../../src/core/effects.js';
import * as kubectl from '../../src/tools/kubectl.js';
import { findExecutable } from '../../src/tools/locate.js';
import { startKubeSim, type KubeSim } from '../support/kube-sim/index.js';
import { makeRun } from './harness.js';

const kubectlPath = (await findExecutable('kubectl', process.env)) ?? '';
if (!kubectlPath) console.warn('kubectl adapter tests skipped: no kubectl on PATH');

let work: string;
let sim: KubeSim;
let env: Record<string, string>;
const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'pr-7', labels }, data: { a: '1' } });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'jetscale-kubectl-adapter-'));
  sim = await startKubeSim({ fixture: { objects: [cm('api-config', { app: 'api' }), cm('web-config', { app: 'web' })] as never } });
  await sim.writeKubeconfig(join(work, 'kubeconfig'), 'kube-sim', 'pr-7');
  env = { KUBECONFIG: join(work, 'kubeconfig'), HOME: work };
});
afterAll(async () => {
  await sim?.stop();
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => sim?.clearRequests());

async function real(o: Parameters<typeof makeRun>[0] = {}) {
  const run = makeRun({ ...o, env: { ...env, ...o.env } });
  return { ...run, tool: await run.finder.resolve('kubectl') };
}
const writes = () => sim.requests.filter((r) => !['GET'].includes(r.method));

describe.skipIf(!kubectlPath)('kubectl adapter, real kubectl', () => {
  it('get returns the object, or undefined when it does not exist', async () => {
    const { exec, tool } = await real();
    expect(await kubectl.get(exec, tool, { resource: 'configmaps', name: 'api-config', namespace: 'pr-7', context: 'kube-sim' })).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'api-config' }, data: { a: '1' } });
    expect(await kubectl.get(exec, tool, { resource: 'configmaps', name: 'nope', namespace: 'pr-7' })).toBeUndefined();
    expect(sim.requests.some((r) => r.path === '/api/v1/namespaces/pr-7/configmaps/api-config')).toBe(true);
    expect(writes()).toEqual([]);
  });

  it('list filters by label selector', async () => {
    const { exec, tool } = await real();
    const items = await kubectl.list(exec, tool, { resource: 'configmaps', namespace: 'pr-7', selector: 'app=web' });
    expect(items.map((i) => i.metadata?.name)).toEqual(['web-config']);
  });

  it('--dry-run records the delete: no request reaches the cluster', async () => {
    const { exec, tool, commands } = await real({ dryRun: true });
    const r = await kubectl.delete(exec, tool, { resource: 'configmap', name: 'web-config', namespace: 'pr-7' });
    expect(r.skipped).toBe(true);
    expect(sim.requests).toEqual([]);
    expect(sim.get('ConfigMap', 'pr-7', 'web-config')).toBeDefined();
    expect(commands().at(-1)).toBe('recorded:kubectl delete configmap web-config --namespace pr-7 --ignore-not-found --wait=false');
  });

  it('a read-only run refuses the delete before kubectl starts', async () => {
    const { exec, tool } = await real({ ceiling: 'read' });
    await expect(kubectl.delete(exec, tool, { resource: 'configmap', name: 'web-config', namespace: 'pr-7' })).rejects.toBeInstanceOf(EffectRefusedError);
    expect(sim.requests).toEqual([]);
  });

  it('delete removes the object (destroy); deleting it again is not an error', async () => {
    const { exec, tool, gate } = await real();
    await kubectl.delete(exec, tool, { resource: 'configmap', name: 'web-config', namespace: 'pr-7' });
    expect(sim.get('ConfigMap', 'pr-7', 'web-config')).toBeUndefined();
    expect(writes().map((r) => [r.method, r.name])).toEqual([['DELETE', 'web-config']]);
    await kubectl.delete(exec, tool, { resource: 'configmap', name: 'web-config', namespace: 'pr-7' });
    expect(gate.transcript.filter((t) => t.operation === 'kubectl delete').map((t) => [t.effect, t.status])).toEqual([['destroy', 'ran'], ['destroy', 'ran']]);
  });
});
